package org.parlons.segments;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A segment's condition, as {@link ConditionParser} reads it: comparisons of a customer's
 * facts joined by {@code and}, {@code or} and {@code not}. Written back by
 * {@link #toString()} in the canonical form the segment keeps.
 */
sealed interface Condition {

	/** Every comparison in the condition, left to right. */
	List<Comparison> comparisons();

	/** Both sides must hold. */
	record And(List<Condition> parts) implements Condition {

		@Override
		public List<Comparison> comparisons() {
			return parts.stream().flatMap(p -> p.comparisons().stream()).toList();
		}

		@Override
		public String toString() {
			return parts.stream()
				.map(p -> p instanceof Or ? "(" + p + ")" : p.toString())
				.collect(Collectors.joining(" and "));
		}

	}

	/** One side at least must hold. */
	record Or(List<Condition> parts) implements Condition {

		@Override
		public List<Comparison> comparisons() {
			return parts.stream().flatMap(p -> p.comparisons().stream()).toList();
		}

		@Override
		public String toString() {
			return parts.stream().map(Condition::toString).collect(Collectors.joining(" or "));
		}

	}

	/** The part must not hold. */
	record Not(Condition part) implements Condition {

		@Override
		public List<Comparison> comparisons() {
			return part.comparisons();
		}

		@Override
		public String toString() {
			return part instanceof Comparison ? "not " + part : "not (" + part + ")";
		}

	}

	/**
	 * A fact of the customer compared with a value: {@code messages(channel = "email",
	 * within = "30d") >= 3}.
	 *
	 * @param fact the fact's name ({@code attribute.city}, {@code score.loyalty} keep
	 * their key after the dot)
	 * @param arguments the fact's arguments, by name
	 * @param operator how it is compared
	 * @param value a text or a number
	 */
	record Comparison(String fact, Map<String, String> arguments, Operator operator,
			Object value) implements Condition {

		@Override
		public List<Comparison> comparisons() {
			return List.of(this);
		}

		/** The window the fact is counted in, when it has one. */
		@Nullable Duration window() {
			String within = arguments.get("within");
			return within == null ? null : ConditionParser.duration(within);
		}

		/** The fact's family: the part before the dot. */
		String family() {
			int dot = fact.indexOf('.');
			return dot < 0 ? fact : fact.substring(0, dot);
		}

		/** The key after the dot ({@code city} of {@code attribute.city}), or none. */
		@Nullable String key() {
			int dot = fact.indexOf('.');
			return dot < 0 ? null : fact.substring(dot + 1);
		}

		@Override
		public String toString() {
			String args = arguments.isEmpty() ? ""
					: arguments.entrySet()
						.stream()
						.map(e -> e.getKey() + " = " + quoted(e.getValue()))
						.collect(Collectors.joining(", ", "(", ")"));
			String shown = value instanceof String text ? quoted(text) : plain((Double) value);
			return fact + args + " " + operator.symbol() + " " + shown;
		}

		private static String quoted(String text) {
			return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
		}

		static String plain(double value) {
			return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
					: String.valueOf(value);
		}

	}

	/** How a fact is compared. */
	enum Operator {

		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains");

		private final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		String symbol() {
			return symbol;
		}

		boolean holds(int comparison) {
			return switch (this) {
				case EQ -> comparison == 0;
				case NE -> comparison != 0;
				case LT -> comparison < 0;
				case LE -> comparison <= 0;
				case GT -> comparison > 0;
				case GE -> comparison >= 0;
				case CONTAINS -> false;
			};
		}

	}

	/** The families of the facts the condition reads. */
	static Set<String> families(Condition condition) {
		Set<String> families = new LinkedHashSet<>();
		condition.comparisons().forEach(c -> families.add(c.family()));
		return families;
	}

}
