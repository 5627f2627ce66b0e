package org.parlons.language;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The sentiment of one text: a compound score in -1..1, its label, and the language it
 * was read in ("und" when undetermined; only English and French words carry sentiment,
 * emoji do in any language).
 */
public record Sentiment(double score, Label label, String language) {

	/**
	 * Beyond this score, either way, a text is positive or negative (VADER's threshold).
	 */
	public static final double THRESHOLD = 0.05;

	public static Sentiment of(double score, String language) {
		double rounded = Math.round(score * 10_000) / 10_000.0;
		return new Sentiment(rounded, Label.of(rounded), language);
	}

	/** The label of a score; stored and shown in lower case. */
	public enum Label {

		POSITIVE, NEGATIVE, NEUTRAL;

		public static Label of(double score) {
			return score > THRESHOLD ? POSITIVE : score < -THRESHOLD ? NEGATIVE : NEUTRAL;
		}

		@JsonCreator
		public static Label fromApi(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("label is positive, negative or neutral, not '" + value + "'");
			}
		}

		@JsonValue
		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
