package org.parlons.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.fr.FrenchLightStemmer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * What a set of short texts talks about: their hashtags and keywords, each counted once
 * per text (how many texts use it, not how often one text repeats it). Keywords are words
 * of three letters or more that are not English or French stop words (the Snowball lists
 * shipped with Lucene), nor numbers, nor parts of links, mentions or ids.
 */
public final class Terms {

	/** A term and the number of texts using it. */
	public record Count(String term, int texts) {
	}

	/**
	 * The most used hashtags and keywords of a set of texts; {@code everywhere}: the
	 * keywords nearly every text holds (the name the texts were found by, as a rule),
	 * told apart because they say nothing about what people talk of.
	 */
	public record Top(int texts, List<Count> hashtags, List<Count> keywords, List<Count> everywhere) {
	}

	/**
	 * A keyword in at least this share of at least {@link #EVERYWHERE_MIN_TEXTS} texts.
	 */
	static final double EVERYWHERE_SHARE = 0.8;

	static final int EVERYWHERE_MIN_TEXTS = 10;

	private static final Pattern HASHTAG = Pattern
		.compile("(?<![\\p{L}\\p{N}_&/])#([\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*)");

	private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'’-]*[\\p{L}]|\\S+");

	private static final CharArraySet STOP = stopWords();

	private Terms() {
	}

	/** The hashtags of a text, lower-cased, without the sign, each once. */
	public static Set<String> hashtags(String text) {
		Set<String> tags = new LinkedHashSet<>();
		Matcher m = HASHTAG.matcher(text);
		while (m.find()) {
			tags.add(m.group(1).toLowerCase(Locale.ROOT));
		}
		return tags;
	}

	/** The keywords of a text, lower-cased, each once. */
	public static Set<String> keywords(String text) {
		Set<String> words = new LinkedHashSet<>();
		for (String token : text.split("\\s+")) {
			if (token.isEmpty() || token.startsWith("#") || token.startsWith("@") || token.contains("://")
					|| token.startsWith("www.")) {
				continue;
			}
			Matcher m = WORD.matcher(token);
			while (m.find()) {
				String word = stripElision(m.group().toLowerCase(Locale.ROOT));
				if (word.length() >= 3 && isWord(word) && !STOP.contains(word)) {
					words.add(word);
				}
			}
		}
		return words;
	}

	/**
	 * The search terms of a text in a language ("fr" or "en"): its keywords stemmed
	 * lightly (Lucene's French light stemmer, or the English minimal one: plurals and
	 * common endings) and folded to ASCII, so that "factures" finds "Facture" and
	 * "résiliations" finds "resiliation".
	 */
	public static Set<String> stems(String text, String language) {
		Set<String> stems = new LinkedHashSet<>();
		boolean french = !"en".equals(language);
		FrenchLightStemmer fr = new FrenchLightStemmer();
		EnglishMinimalStemmer en = new EnglishMinimalStemmer();
		for (String word : keywords(text)) {
			char[] chars = word.toCharArray();
			int length = french ? fr.stem(chars, chars.length) : en.stem(chars, chars.length);
			char[] folded = new char[length * 4];
			int n = ASCIIFoldingFilter.foldToASCII(chars, 0, folded, 0, length);
			if (n >= 2) {
				stems.add(new String(folded, 0, n));
			}
		}
		return stems;
	}

	/**
	 * The {@code limit} most used hashtags and keywords, most used first, ties by term;
	 * the keywords in 80 % of ten texts or more apart.
	 */
	public static Top top(List<String> texts, int limit) {
		Map<String, Integer> hashtags = new HashMap<>();
		Map<String, Integer> keywords = new HashMap<>();
		for (String text : texts) {
			hashtags(text).forEach(t -> hashtags.merge(t, 1, Integer::sum));
			keywords(text).forEach(k -> keywords.merge(k, 1, Integer::sum));
		}
		Map<String, Integer> everywhere = new HashMap<>();
		if (texts.size() >= EVERYWHERE_MIN_TEXTS) {
			keywords.entrySet().removeIf(e -> {
				boolean common = e.getValue() >= EVERYWHERE_SHARE * texts.size();
				if (common) {
					everywhere.put(e.getKey(), e.getValue());
				}
				return common;
			});
		}
		return new Top(texts.size(), ranked(hashtags, limit), ranked(keywords, limit), ranked(everywhere, limit));
	}

	private static List<Count> ranked(Map<String, Integer> counts, int limit) {
		return counts.entrySet()
			.stream()
			.map(e -> new Count(e.getKey(), e.getValue()))
			.sorted(Comparator.comparingInt(Count::texts).reversed().thenComparing(Count::term))
			.limit(limit)
			.toList();
	}

	/** "l'appli" and "qu'il" are "appli" and "il"; "don't" stays (a stop word anyway). */
	private static String stripElision(String word) {
		int apostrophe = Math.max(word.indexOf('\''), word.indexOf('’'));
		if (apostrophe > 0 && apostrophe <= 2) {
			return word.substring(apostrophe + 1);
		}
		return word.replace('’', '\'');
	}

	/**
	 * Letters, inner hyphens and apostrophes; no digits (an order number is not a
	 * keyword).
	 */
	private static boolean isWord(String word) {
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (!Character.isLetter(c) && c != '-' && c != '\'') {
				return false;
			}
		}
		return true;
	}

	private static CharArraySet stopWords() {
		CharArraySet stop = new CharArraySet(800, true);
		for (String list : List.of("english_stop.txt", "french_stop.txt")) {
			try {
				stop.addAll(WordlistLoader
					.getSnowballWordSet(IOUtils.getDecodingReader(SnowballFilter.class, list, StandardCharsets.UTF_8)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Stop words " + list, ex);
			}
		}
		// what the Snowball lists leave out and short public texts are full of
		stop.addAll(List.of("très", "trop", "tout", "tous", "toute", "toutes", "plus", "moins", "bien", "fait", "faire",
				"être", "avoir", "encore", "toujours", "jamais", "rien", "depuis", "comme", "aussi", "alors", "donc",
				"merci", "bonjour", "just", "get", "got", "like", "one", "would", "could", "also", "really", "still",
				"can't", "don't", "didn't", "i'm", "it's", "thanks", "hello", "c'est", "est-ce", "ça", "est", "sont",
				"été", "était", "étaient", "avait", "ont", "peut", "faut", "veux", "vais", "va"));
		return stop;
	}

}
