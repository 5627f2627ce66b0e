package org.parlons.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.parlons.customers.CustomerFacts;
import org.springframework.stereotype.Component;

/**
 * What the network knows of a customer, on their page: where they work now and who in the
 * team knows them best.
 */
@Component
class NetworkFacts implements CustomerFacts {

	private final Employments employments;

	private final Acquaintances acquaintances;

	NetworkFacts(Employments employments, Acquaintances acquaintances) {
		this.employments = employments;
		this.acquaintances = acquaintances;
	}

	@Override
	public List<Fact> of(long customerId) {
		List<Fact> facts = new ArrayList<>();
		employments.current(customerId).ifPresent(e -> facts.add(new Fact("employment", e.organisation(), e.title())));
		acquaintances.of(customerId)
			.stream()
			.filter(a -> a.node().agent())
			.findFirst()
			.ifPresent(a -> facts
				.add(new Fact("knownBy", a.name(), String.format(Locale.ROOT, "%.0f %%", a.strength() * 100))));
		return facts;
	}

}
