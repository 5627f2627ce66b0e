package org.parlons.agents;

import org.parlons.platform.Refusals;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What an agent may commit to in the brand's name (seed 000): the largest goodwill
 * gesture, the languages and channels they answer in, and the topics they leave to
 * someone else in public (legal, security, press…). An empty set of languages or channels
 * means any; a reply beyond the mandate waits for approval by someone whose mandate
 * covers it.
 */
public record Mandate(@Nullable BigDecimal maxGestureAmount, @Nullable String maxGestureCurrency, Set<String> languages,
		Set<String> channels, Set<String> withheldTopics) {

	public static final Mandate NONE = new Mandate(null, null);

	public Mandate {
		if (maxGestureAmount != null && maxGestureAmount.signum() < 0) {
			throw Refusals.invalid("mandate.negative", "A mandate's gesture limit cannot be negative");
		}
		if (maxGestureAmount != null && (maxGestureCurrency == null || !maxGestureCurrency.matches("[A-Z]{3}"))) {
			throw Refusals.invalid("mandate.currency", "A gesture limit needs an ISO 4217 currency such as EUR");
		}
		languages = names(languages, "[a-z]{2}", "languages are ISO 639-1 codes such as fr or en");
		channels = names(channels, "[a-z][a-z0-9_-]{0,39}", "channels are channel names such as email or x");
		withheldTopics = names(withheldTopics, "[a-z0-9][a-z0-9_-]{0,39}",
				"withheld topics are topic names such as legal or press");
	}

	/** A mandate of gestures only: any language, any channel, nothing withheld. */
	public Mandate(@Nullable BigDecimal maxGestureAmount, @Nullable String maxGestureCurrency) {
		this(maxGestureAmount, maxGestureCurrency, Set.of(), Set.of(), Set.of());
	}

	public boolean speaks(String language) {
		return languages.isEmpty() || languages.contains(language);
	}

	public boolean answersOn(String channel) {
		return channels.isEmpty() || channels.contains(channel);
	}

	/** Said to people and written in the audit log. */
	public String describe() {
		StringBuilder text = new StringBuilder(maxGestureAmount == null ? "no gesture"
				: "gestures up to " + maxGestureAmount.stripTrailingZeros().toPlainString() + " " + maxGestureCurrency);
		text.append(languages.isEmpty() ? ", any language" : ", languages " + String.join(" ", languages));
		text.append(channels.isEmpty() ? ", any channel" : ", channels " + String.join(" ", channels));
		if (!withheldTopics.isEmpty()) {
			text.append(", not in public on ").append(String.join(" ", withheldTopics));
		}
		return text.toString();
	}

	private static Set<String> names(@Nullable Collection<String> given, String pattern, String rule) {
		TreeSet<String> names = new TreeSet<>();
		if (given != null) {
			for (String name : given) {
				String clean = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
				if (!clean.matches(pattern)) {
					throw new IllegalArgumentException(rule + ", not '" + name + "'");
				}
				names.add(clean);
			}
		}
		return java.util.Collections.unmodifiableSortedSet(names);
	}

}
