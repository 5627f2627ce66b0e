package org.parlons.language;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.language.internal.TextAnalysis;
import org.springframework.stereotype.Component;

/**
 * Reads the sentiment of short public texts in English and French: the service behind
 * {@code POST /api/v1/analysis/sentiment}, tonality of uploaded texts and tone rules.
 * Thread-safe; the lexicons load once.
 */
@Component
public class SentimentAnalyser {

	/** Languages whose words carry sentiment. */
	public static final Set<String> LANGUAGES = Set.of("en", "fr");

	private final TextAnalysis analysis = TextAnalysis.load();

	/**
	 * @param language "en" or "fr" to skip detection, or null to detect it
	 */
	public Sentiment analyse(String text, @Nullable String language) {
		return this.analysis.sentiment(text, language);
	}

	public List<Sentiment> analyseAll(List<String> texts, @Nullable String language) {
		return texts.stream().map(text -> analyse(text, language)).toList();
	}

	/** The language of a text, as an ISO 639-1 code, or "und". */
	public String languageOf(String text) {
		return this.analysis.language(text);
	}

}
