package org.parlons.segments;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The facts a condition may compare, each read from the module that owns it. Those about
 * what a customer does or says (behaviour, listening, programmes, scores) are profiling:
 * a customer who objected to profiling is in no segment that reads them.
 */
enum Fact {

	/**
	 * A profile attribute ({@code attribute.city}): a text, compared as a number when
	 * both sides are.
	 */
	ATTRIBUTE("attribute", Kind.TEXT, false, true, Set.of()),

	/** The profile's tags. */
	TAG("tag", Kind.SET, false, false, Set.of()),

	/** The namespaces the customer is known in: email, phone, x, mastodon… */
	IDENTITY("identity", Kind.SET, false, false, Set.of()),

	/** The organisations the customer belongs to, by name. */
	ORGANISATION("organisation", Kind.SET, false, false, Set.of()),

	/** How many contracts they hold, of one status if given (active, suspended…). */
	CONTRACTS("contracts", Kind.COUNT, false, false, Set.of("status")),

	/** What their contracts consumed, of one metric, in the window. */
	CONSUMPTION("consumption", Kind.COUNT, true, false, Set.of("metric", "within")),

	/** Messages they wrote (machines' excluded), on a channel if given, in the window. */
	MESSAGES("messages", Kind.COUNT, true, false, Set.of("channel", "within")),

	/** Conversations they opened, on a channel if given, in the window. */
	CONVERSATIONS("conversations", Kind.COUNT, true, false, Set.of("channel", "within")),

	/** Service levels missed in their conversations, in the window. */
	BREACHES("breaches", Kind.COUNT, true, false, Set.of("within")),

	/**
	 * Their average satisfaction rating (1 to 5), in the window: none without a rating.
	 */
	CSAT("csat", Kind.AVERAGE, true, false, Set.of("within")),

	/** Their public messages heard by listening, in the window. */
	MENTIONS("mentions", Kind.COUNT, true, false, Set.of("within")),

	/** The average tonality of their public messages (-1 to 1), in the window. */
	TONALITY("tonality", Kind.AVERAGE, true, false, Set.of("within")),

	/** Their influence score over the last 90 days (listening's formula). */
	INFLUENCE("influence", Kind.NUMBER, true, false, Set.of()),

	/** The topics of their public messages, in the window. */
	TOPIC("topic", Kind.SET, true, false, Set.of("within")),

	/** The programmes they are an active member of, by name. */
	PROGRAMME("programme", Kind.SET, true, false, Set.of()),

	/** A named score ({@code score.loyalty}), decayed to now. */
	SCORE("score", Kind.NUMBER, true, true, Set.of());

	/** How a fact's value compares. */
	enum Kind {

		/** One text or none. */
		TEXT,

		/** A set of texts: {@code =} asks whether it holds the value. */
		SET,

		/** A count or a sum, 0 when nothing was seen. */
		COUNT,

		/** An average: none when nothing was seen, and then no comparison holds. */
		AVERAGE,

		/** A number, 0 when nothing was seen. */
		NUMBER

	}

	private final String family;

	private final Kind kind;

	private final boolean profiling;

	private final boolean keyed;

	private final Set<String> arguments;

	Fact(String family, Kind kind, boolean profiling, boolean keyed, Set<String> arguments) {
		this.family = family;
		this.kind = kind;
		this.profiling = profiling;
		this.keyed = keyed;
		this.arguments = arguments;
	}

	String family() {
		return family;
	}

	Kind kind() {
		return kind;
	}

	boolean profiling() {
		return profiling;
	}

	/** Whether the name carries a key after a dot ({@code attribute.city}). */
	boolean keyed() {
		return keyed;
	}

	Set<String> arguments() {
		return arguments;
	}

	static Optional<Fact> of(String family) {
		String wanted = family.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter(f -> f.family.equals(wanted)).findFirst();
	}

	static String names() {
		return String.join(", ", Arrays.stream(values()).map(f -> f.keyed ? f.family + ".…" : f.family).toList());
	}

}
