package org.parlons.segments;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.parlons.platform.Refusals;

/**
 * Reads the condition language of segments:
 *
 * <pre>
 * condition  := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" condition ")" | comparison
 * comparison := fact ["(" name "=" value ("," name "=" value)* ")"] operator value
 * operator   := "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains"
 * value      := "text" | number
 * </pre>
 *
 * A window ({@code within}) is a number of days or hours ({@code "30d"}, {@code "12h"})
 * or an ISO 8601 duration ({@code "P30D"}). Each refusal says where the text stops making
 * sense.
 */
final class ConditionParser {

	static final int MAX_LENGTH = 4000;

	static final int MAX_COMPARISONS = 50;

	private final String text;

	private int at;

	private int comparisons;

	private ConditionParser(String text) {
		this.text = text;
	}

	/** The condition the text writes, checked against the facts' catalogue. */
	static Condition parse(String text) {
		if (text.isBlank()) {
			throw Refusals.invalid("segment.condition.empty", "A segment needs a condition");
		}
		if (text.length() > MAX_LENGTH) {
			throw Refusals.invalid("segment.condition.long", "A condition is at most " + MAX_LENGTH + " characters",
					MAX_LENGTH);
		}
		ConditionParser parser = new ConditionParser(text);
		Condition condition = parser.or();
		parser.space();
		if (parser.at < text.length()) {
			throw parser.expected("end");
		}
		return condition;
	}

	/** A window: "30d", "12h" or an ISO 8601 duration, at most ten years. */
	static Duration duration(String window) {
		String clean = window.strip().toLowerCase(Locale.ROOT);
		Duration duration;
		try {
			if (clean.matches("\\d{1,5}d")) {
				duration = Duration.ofDays(Long.parseLong(clean.substring(0, clean.length() - 1)));
			}
			else if (clean.matches("\\d{1,6}h")) {
				duration = Duration.ofHours(Long.parseLong(clean.substring(0, clean.length() - 1)));
			}
			else {
				duration = Duration.parse(clean.toUpperCase(Locale.ROOT));
			}
		}
		catch (DateTimeParseException ex) {
			throw Refusals.invalid("segment.condition.window",
					"A window is a number of days or hours (30d, 12h) or an ISO 8601 duration (P30D), not '" + window
							+ "'",
					window);
		}
		if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(3660)) > 0) {
			throw Refusals.invalid("segment.condition.window",
					"A window is between an hour and ten years, not '" + window + "'", window);
		}
		return duration;
	}

	private Condition or() {
		List<Condition> parts = new ArrayList<>(List.of(and()));
		while (keyword("or")) {
			parts.add(and());
		}
		return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
	}

	private Condition and() {
		List<Condition> parts = new ArrayList<>(List.of(unary()));
		while (keyword("and")) {
			parts.add(unary());
		}
		return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
	}

	private Condition unary() {
		if (keyword("not")) {
			return new Condition.Not(unary());
		}
		if (symbol("(")) {
			Condition inner = or();
			if (!symbol(")")) {
				throw expected("close");
			}
			return inner;
		}
		return comparison();
	}

	private Condition.Comparison comparison() {
		space();
		int start = at;
		String name = name();
		if (name.isEmpty()) {
			throw expected("fact");
		}
		String family = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
		Fact fact = Fact.of(family)
			.orElseThrow(() -> Refusals.invalid("segment.condition.fact",
					"Unknown fact '" + name + "' at character " + (start + 1) + ": the facts are " + Fact.names(), name,
					start + 1, Fact.names()));
		if (fact.keyed() != name.contains(".") || name.endsWith(".")) {
			throw fact.keyed()
					? Refusals.invalid("segment.condition.key.needed",
							"'" + family + "' needs a key after a dot (" + family + ".name)", family)
					: Refusals.invalid("segment.condition.key.none", "'" + family + "' takes no key after a dot",
							family);
		}
		Map<String, String> arguments = new LinkedHashMap<>();
		if (symbol("(")) {
			do {
				space();
				String argument = name();
				if (!fact.arguments().contains(argument)) {
					throw Refusals.invalid("segment.condition.argument",
							"'" + family + "' takes "
									+ (fact.arguments().isEmpty() ? "no argument"
											: "the arguments " + String.join(", ", fact.arguments()))
									+ ", not '" + argument + "'",
							family, argument);
				}
				if (!symbol("=")) {
					throw expected("equals");
				}
				Object value = value();
				if (!(value instanceof String given)) {
					throw expected("text");
				}
				if (argument.equals("within")) {
					duration(given);
				}
				arguments.put(argument, given);
			}
			while (symbol(","));
			if (!symbol(")")) {
				throw expected("close");
			}
		}
		Condition.Operator operator = operator();
		Object value = value();
		check(fact, operator, value);
		if (++comparisons > MAX_COMPARISONS) {
			throw Refusals.invalid("segment.condition.long",
					"A condition holds at most " + MAX_COMPARISONS + " comparisons", MAX_COMPARISONS);
		}
		return new Condition.Comparison(fact.family() + name.substring(family.length()), Map.copyOf(arguments),
				operator, value);
	}

	private static void check(Fact fact, Condition.Operator operator, Object value) {
		boolean ordered = operator != Condition.Operator.EQ && operator != Condition.Operator.NE
				&& operator != Condition.Operator.CONTAINS;
		boolean numeric = fact.kind() == Fact.Kind.COUNT || fact.kind() == Fact.Kind.AVERAGE
				|| fact.kind() == Fact.Kind.NUMBER;
		if (fact.kind() == Fact.Kind.SET && ordered || numeric && operator == Condition.Operator.CONTAINS) {
			throw Refusals.invalid("segment.condition.operator",
					"'" + fact.family() + "' cannot be compared with " + operator.symbol(), fact.family(),
					operator.symbol());
		}
		if (numeric && !(value instanceof Double)) {
			throw Refusals.invalid("segment.condition.number", "'" + fact.family() + "' is compared with a number",
					fact.family());
		}
		if (fact.kind() == Fact.Kind.SET && !(value instanceof String)) {
			throw Refusals.invalid("segment.condition.text", "'" + fact.family() + "' is compared with a quoted text",
					fact.family());
		}
	}

	private Condition.Operator operator() {
		space();
		for (String symbol : new String[] { "!=", "<=", ">=", "=", "<", ">" }) {
			if (text.startsWith(symbol, at)) {
				at += symbol.length();
				return switch (symbol) {
					case "!=" -> Condition.Operator.NE;
					case "<=" -> Condition.Operator.LE;
					case ">=" -> Condition.Operator.GE;
					case "=" -> Condition.Operator.EQ;
					case "<" -> Condition.Operator.LT;
					default -> Condition.Operator.GT;
				};
			}
		}
		if (keyword("contains")) {
			return Condition.Operator.CONTAINS;
		}
		throw expected("operator");
	}

	private Object value() {
		space();
		if (at < text.length() && text.charAt(at) == '"') {
			StringBuilder value = new StringBuilder();
			at++;
			while (at < text.length() && text.charAt(at) != '"') {
				char c = text.charAt(at++);
				if (c == '\\' && at < text.length()) {
					c = text.charAt(at++);
				}
				value.append(c);
			}
			if (at >= text.length()) {
				throw expected("quote");
			}
			at++;
			return value.toString();
		}
		int start = at;
		if (at < text.length() && text.charAt(at) == '-') {
			at++;
		}
		while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
			at++;
		}
		String number = text.substring(start, at);
		if (!number.matches("-?\\d{1,15}(\\.\\d{1,6})?")) {
			at = start;
			throw expected("value");
		}
		return Double.valueOf(number);
	}

	private String name() {
		int start = at;
		while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
				|| text.charAt(at) == '.' || text.charAt(at) == '-' && at > start)) {
			at++;
		}
		return text.substring(start, at);
	}

	private boolean keyword(String word) {
		space();
		int end = at + word.length();
		if (text.regionMatches(true, at, word, 0, word.length())
				&& (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
			at = end;
			return true;
		}
		return false;
	}

	private boolean symbol(String symbol) {
		space();
		if (text.startsWith(symbol, at)) {
			at += symbol.length();
			return true;
		}
		return false;
	}

	private void space() {
		while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
			at++;
		}
	}

	private static final Map<String, String> EXPECTED = Map.of("end", "and, or or the end", "fact",
			"a fact (" + Fact.names() + ")", "close", "')'", "equals", "'='", "text", "a quoted text", "operator",
			"an operator (=, !=, <, <=, >, >=, contains)", "quote", "a closing quote", "value",
			"a quoted text or a number");

	/**
	 * A refusal whose sentence names what was expected; the text seen is shown as it is.
	 */
	private Refusals.Invalid expected(String what) {
		String seen = at >= text.length() ? "—" : text.substring(at, Math.min(text.length(), at + 20));
		return Refusals.invalid("segment.condition.expected." + what,
				"Expected " + EXPECTED.get(what) + " at character " + (at + 1) + ", found '" + seen + "'", at + 1,
				seen);
	}

}
