package org.parlons.listening;

/**
 * The sentiment of one text: a compound score in -1..1, its label, and the language it was read in
 * ("und" when undetermined; only English and French words carry sentiment, emoji do in any language).
 */
public record Sentiment(double score, String label, String language) {

	public static Sentiment of(double score, String language) {
		double rounded = Math.round(score * 10_000) / 10_000.0;
		return new Sentiment(rounded, Tonality.label(rounded), language);
	}

}
