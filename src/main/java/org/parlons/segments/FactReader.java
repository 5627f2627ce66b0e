package org.parlons.segments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.MemberStatus;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Programmes;
import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.CustomerTraits;
import org.parlons.customers.Customers;
import org.parlons.listening.Influence;
import org.parlons.listening.PersonFigures;
import org.parlons.portal.Contracts;
import org.springframework.stereotype.Component;

/**
 * Reads one fact for many customers at once, each from the module that owns it, adding up
 * the profiles merged into each person. Values are a {@code Double} (counts, numbers), a
 * {@link CustomerActivity.Tally} (averages), a set of texts or a text; a customer without
 * a value is left out of the map.
 */
@Component
class FactReader {

	/** How far back a fact without a window looks: far enough for everything kept. */
	static final Duration ALWAYS = Duration.ofDays(36_500);

	private final Customers customers;

	private final CustomerActivity activity;

	private final PersonFigures figures;

	private final Contracts contracts;

	private final Members members;

	private final Programmes programmes;

	private final ScorePoints points;

	private final Clock clock;

	FactReader(Customers customers, CustomerActivity activity, PersonFigures figures, Contracts contracts,
			Members members, Programmes programmes, ScorePoints points, Clock clock) {
		this.customers = customers;
		this.activity = activity;
		this.figures = figures;
		this.contracts = contracts;
		this.members = members;
		this.programmes = programmes;
		this.points = points;
		this.clock = clock;
	}

	/** The comparison's fact for each of the customers, whose traits are known. */
	Map<Long, Object> read(Condition.Comparison comparison, Collection<Long> customerIds,
			Map<Long, CustomerTraits.Traits> traits) {
		Fact fact = Fact.of(comparison.family()).orElseThrow();
		Instant now = clock.instant();
		Duration window = comparison.window();
		Instant since = now.minus(window == null ? ALWAYS : window);
		Map<String, String> args = comparison.arguments();
		return switch (fact) {
			case ATTRIBUTE -> fromTraits(customerIds, traits, t -> attribute(t, comparison.key()));
			case TAG -> fromTraits(customerIds, traits, CustomerTraits.Traits::tags);
			case IDENTITY -> fromTraits(customerIds, traits, CustomerTraits.Traits::namespaces);
			case ORGANISATION -> fromTraits(customerIds, traits, CustomerTraits.Traits::organisations);
			case CONTRACTS -> counted(customerIds, profiles -> {
				Map<Long, Long> held = new HashMap<>();
				String status = args.get("status");
				contracts.ofCustomers(profiles)
					.stream()
					.filter(c -> status == null || c.status().equalsIgnoreCase(status))
					.forEach(c -> held.merge(c.customerId(), 1L, Long::sum));
				return held;
			});
			case CONSUMPTION -> summed(customerIds, profiles -> toDoubles(contracts.consumedBy(profiles,
					args.getOrDefault("metric", ""), LocalDate.ofInstant(since, ZoneOffset.UTC))));
			case MESSAGES -> counted(customerIds, profiles -> activity.messages(profiles, args.get("channel"), since));
			case CONVERSATIONS ->
				counted(customerIds, profiles -> activity.conversations(profiles, args.get("channel"), since));
			case BREACHES -> counted(customerIds, profiles -> activity.breaches(profiles, since));
			case CSAT -> tallied(customerIds, profiles -> activity.ratings(profiles, since));
			case MENTIONS ->
				summed(customerIds, profiles -> mapValues(figures.heard(profiles, since), h -> (double) h.mentions()));
			case TONALITY -> tallied(customerIds, profiles -> mapValues(figures.heard(profiles, since),
					h -> new CustomerActivity.Tally(h.sentimentSum(), h.mentions())));
			case INFLUENCE -> influence(customerIds, now);
			case TOPIC -> sets(customerIds, profiles -> figures.topics(profiles, since));
			case PROGRAMME -> programmesOf(customerIds);
			case SCORE -> points.values(String.valueOf(comparison.key()), customerIds);
		};
	}

	private static Map<Long, Object> fromTraits(Collection<Long> ids, Map<Long, CustomerTraits.Traits> traits,
			Function<CustomerTraits.Traits, @Nullable Object> value) {
		Map<Long, Object> values = new HashMap<>();
		for (Long id : ids) {
			CustomerTraits.Traits t = traits.get(id);
			Object v = t == null ? null : value.apply(t);
			if (v != null) {
				values.put(id, v);
			}
		}
		return values;
	}

	private static @Nullable String attribute(CustomerTraits.Traits traits, @Nullable String key) {
		if (key == null) {
			return null;
		}
		Object value = traits.attributes().get(key);
		if (value == null) {
			value = traits.attributes()
				.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(key))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
		}
		return value == null ? null : String.valueOf(value);
	}

	/** A count over each person's profiles. */
	private Map<Long, Object> counted(Collection<Long> ids, Function<Set<Long>, Map<Long, Long>> read) {
		return summed(ids, profiles -> mapValues(read.apply(profiles), Long::doubleValue));
	}

	private Map<Long, Object> summed(Collection<Long> ids, Function<Set<Long>, Map<Long, Double>> read) {
		return new HashMap<>(byPerson(ids, read, Double::sum));
	}

	private Map<Long, Object> tallied(Collection<Long> ids,
			Function<Set<Long>, Map<Long, CustomerActivity.Tally>> read) {
		return new HashMap<>(byPerson(ids, read, CustomerActivity.Tally::plus));
	}

	private Map<Long, Object> sets(Collection<Long> ids, Function<Set<Long>, Map<Long, Set<String>>> read) {
		return new HashMap<>(byPerson(ids, read, FactReader::union));
	}

	private Map<Long, Object> influence(Collection<Long> ids, Instant now) {
		return mapValues(byPerson(ids, profiles -> figures.heard(profiles, now.minus(Influence.WINDOW)),
				PersonFigures.Heard::plus), PersonFigures.Heard::influence);
	}

	private Map<Long, Object> programmesOf(Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		return sets(ids, profiles -> {
			Map<Long, Set<String>> active = new HashMap<>();
			for (Members.Member member : members.ofCustomer(profiles)) {
				if (member.status() == MemberStatus.ACTIVE && member.customerId() != null) {
					active.computeIfAbsent(member.customerId(), k -> new TreeSet<>())
						.add(names.computeIfAbsent(member.programmeId(),
								id -> programmes.find(id).map(Programmes.Programme::name).orElse("#" + id)));
				}
			}
			return active;
		});
	}

	/**
	 * What the owner read for every profile of these persons, added up per person: each
	 * person's merged profiles are read with theirs.
	 */
	private <V> Map<Long, V> byPerson(Collection<Long> ids, Function<Set<Long>, Map<Long, V>> read,
			BinaryOperator<V> add) {
		Map<Long, Long> personOf = new HashMap<>();
		customers.aliasesOfEach(ids).forEach((person, profiles) -> profiles.forEach(p -> personOf.put(p, person)));
		Map<Long, V> values = new HashMap<>();
		read.apply(personOf.keySet()).forEach((profile, v) -> values.merge(personOf.get(profile), v, add));
		return values;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	private static Map<Long, Double> toDoubles(Map<Long, BigDecimal> values) {
		Map<Long, Double> doubles = new HashMap<>();
		values.forEach((k, v) -> doubles.put(k, v.doubleValue()));
		return doubles;
	}

	private static <V, R> Map<Long, R> mapValues(Map<Long, V> values, Function<V, R> map) {
		Map<Long, R> mapped = new HashMap<>();
		values.forEach((k, v) -> mapped.put(k, map.apply(v)));
		return mapped;
	}

	/** Whether the comparison holds for a value read ({@code null}: nothing seen). */
	static boolean holds(Condition.Comparison comparison, @Nullable Object value) {
		Fact fact = Fact.of(comparison.family()).orElseThrow();
		Condition.Operator op = comparison.operator();
		Object wanted = comparison.value();
		return switch (fact.kind()) {
			case COUNT, NUMBER -> op.holds(Double.compare(value == null ? 0 : (Double) value, (Double) wanted));
			case AVERAGE -> {
				CustomerActivity.Tally tally = (CustomerActivity.Tally) value;
				yield tally != null && tally.count() > 0
						&& op.holds(Double.compare(tally.sum() / tally.count(), (Double) wanted));
			}
			case SET -> {
				@SuppressWarnings("unchecked")
				Collection<String> set = value == null ? List.of() : (Collection<String>) value;
				String text = ((String) wanted).toLowerCase(Locale.ROOT);
				yield switch (op) {
					case EQ -> set.stream().anyMatch(s -> s.equalsIgnoreCase(text));
					case NE -> set.stream().noneMatch(s -> s.equalsIgnoreCase(text));
					default -> set.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(text));
				};
			}
			case TEXT -> text(op, (String) value, wanted);
		};
	}

	private static boolean text(Condition.Operator op, @Nullable String value, Object wanted) {
		if (value == null) {
			return op == Condition.Operator.NE;
		}
		if (op == Condition.Operator.CONTAINS) {
			return value.toLowerCase(Locale.ROOT).contains(String.valueOf(wanted).toLowerCase(Locale.ROOT));
		}
		Double number = number(value);
		if (wanted instanceof Double w && number != null) {
			return op.holds(Double.compare(number, w));
		}
		String other = wanted instanceof Double w ? Condition.Comparison.plain(w) : (String) wanted;
		return op.holds(Integer.signum(value.compareToIgnoreCase(other)));
	}

	private static @Nullable Double number(String text) {
		try {
			return Double.valueOf(text.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The values shown to explain a comparison: "3", "4.5 (2 ratings)", "email, phone".
	 */
	static String shown(@Nullable Object value) {
		if (value == null) {
			return "—";
		}
		if (value instanceof Double d) {
			return Condition.Comparison.plain(d);
		}
		if (value instanceof CustomerActivity.Tally t) {
			return t.count() == 0 ? "—" : Condition.Comparison.plain(Math.round(t.sum() / t.count() * 100) / 100.0)
					+ " (" + t.count() + ")";
		}
		if (value instanceof Collection<?> c) {
			return c.isEmpty() ? "—" : String.join(", ", c.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

}
