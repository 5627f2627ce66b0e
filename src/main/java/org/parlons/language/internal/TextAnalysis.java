package org.parlons.language.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.language.Sentiment;

/**
 * The loaded English and French analysers and the language guess that picks between them.
 */
public final class TextAnalysis {

	private final LexiconAnalyser english;

	private final LexiconAnalyser french;

	private final LexiconAnalyser emojiOnly;

	private final LanguageGuess languages;

	private TextAnalysis(LexiconAnalyser english, LexiconAnalyser french, LexiconAnalyser emojiOnly) {
		this.english = english;
		this.french = french;
		this.emojiOnly = emojiOnly;
		this.languages = new LanguageGuess(english.lexicon(), french.lexicon());
	}

	public static TextAnalysis load() {
		Map<String, Double> emoji = Lexicon.emoji();
		Lexicon english = Lexicon.english(Grammar.ENGLISH, emoji);
		return new TextAnalysis(new LexiconAnalyser(english, Grammar.ENGLISH),
				new LexiconAnalyser(Lexicon.french(Grammar.FRENCH, emoji), Grammar.FRENCH),
				new LexiconAnalyser(Lexicon.emojiOnly(emoji, english), Grammar.ENGLISH));
	}

	/**
	 * @param language "en" or "fr", or null to detect; texts detected in another language
	 * are scored on their emoji and emoticons only
	 */
	public Sentiment sentiment(String text, @Nullable String language) {
		String lang = language != null ? language : this.languages.of(text);
		LexiconAnalyser analyser = switch (lang) {
			case "en", LanguageGuess.UNDETERMINED -> this.english;
			case "fr" -> this.french;
			default -> this.emojiOnly;
		};
		return Sentiment.of(analyser.score(text), lang);
	}

	public String language(String text) {
		return this.languages.of(text);
	}

}
