package org.parlons.segments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.customers.CustomerTraits;

/**
 * A condition evaluated over a set of customers at once, reading each fact only for the
 * customers still in question: the second part of an {@code and} is read for those the
 * first kept, the second part of an {@code or} for those the first did not.
 */
final class Evaluation {

	private final FactReader reader;

	private final Map<Long, CustomerTraits.Traits> traits;

	Evaluation(FactReader reader, Map<Long, CustomerTraits.Traits> traits) {
		this.reader = reader;
		this.traits = traits;
	}

	/** Those of the candidates for whom the condition holds. */
	Set<Long> holding(Condition condition, Set<Long> candidates) {
		if (candidates.isEmpty()) {
			return Set.of();
		}
		if (condition instanceof Condition.And and) {
			Set<Long> kept = candidates;
			for (Condition part : and.parts()) {
				kept = holding(part, kept);
				if (kept.isEmpty()) {
					break;
				}
			}
			return kept;
		}
		if (condition instanceof Condition.Or or) {
			Set<Long> found = new HashSet<>();
			Set<Long> left = new HashSet<>(candidates);
			for (Condition part : or.parts()) {
				Set<Long> holds = holding(part, left);
				found.addAll(holds);
				left.removeAll(holds);
				if (left.isEmpty()) {
					break;
				}
			}
			return found;
		}
		if (condition instanceof Condition.Not not) {
			Set<Long> rest = new HashSet<>(candidates);
			rest.removeAll(holding(not.part(), candidates));
			return rest;
		}
		Condition.Comparison comparison = (Condition.Comparison) condition;
		Map<Long, Object> values = reader.read(comparison, candidates, traits);
		Set<Long> holds = new HashSet<>();
		for (Long id : candidates) {
			if (FactReader.holds(comparison, values.get(id))) {
				holds.add(id);
			}
		}
		return holds;
	}

	/**
	 * One line per comparison for one customer: what the comparison asks, the customer's
	 * value, and whether it holds. What a suggestion or a membership shows as its reason.
	 */
	List<Segments.Reason> explain(Condition condition, long customerId) {
		List<Segments.Reason> reasons = new ArrayList<>();
		for (Condition.Comparison comparison : new LinkedHashSet<>(condition.comparisons())) {
			Object value = reader.read(comparison, Set.of(customerId), traits).get(customerId);
			reasons.add(new Segments.Reason(comparison.toString(), FactReader.shown(value),
					FactReader.holds(comparison, value)));
		}
		return reasons;
	}

}
