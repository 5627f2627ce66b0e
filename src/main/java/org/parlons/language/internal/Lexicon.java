package org.parlons.language.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The words of one language with their valence on VADER's scale (-4..+4): single words,
 * fixed expressions, emoticons and emoji. Built from the licensed lexicons under
 * {@code lexicons/} (see NOTICE) and the Parlons supplements, which take precedence.
 */
final class Lexicon {

	/**
	 * A fixed expression; one that holds its own negation ("doesn't work") is never
	 * negated again.
	 */
	record Phrase(String[] words, double valence, boolean holdsNegation) {
	}

	private final Map<String, Double> words;

	private final Map<String, List<Phrase>> phrasesByFirstWord;

	private final Map<String, Double> withoutAccents;

	private final Set<String> adjectives;

	private final Set<String> emoticons;

	private Lexicon(Map<String, Double> words, Map<String, List<Phrase>> phrases, Set<String> adjectives) {
		this.words = words;
		this.phrasesByFirstWord = phrases;
		this.adjectives = adjectives;
		this.withoutAccents = new HashMap<>();
		Map<String, Integer> clashes = new HashMap<>();
		words.forEach((word, valence) -> {
			String plain = stripAccents(word);
			if (!plain.equals(word) && !words.containsKey(plain)) {
				clashes.merge(plain, 1, Integer::sum);
				this.withoutAccents.put(plain, valence);
			}
		});
		clashes.forEach((plain, count) -> {
			if (count > 1) {
				this.withoutAccents.remove(plain); // "deçu" or "déçu"? only keep
													// unambiguous spellings
			}
		});
		this.emoticons = new HashSet<>();
		for (String word : words.keySet()) {
			if (!word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '\'' || c == '-')) {
				this.emoticons.add(word);
			}
		}
	}

	/**
	 * Valence of a word, trying the word as written, then without stretched letters and
	 * accents.
	 */
	double valence(String word, boolean stretched) {
		Double v = this.words.get(word);
		if (v == null && stretched) {
			v = this.words.get(squeeze(word, 2));
			if (v == null) {
				v = this.words.get(squeeze(word, 1));
			}
		}
		if (v == null) {
			v = this.withoutAccents.get(word);
		}
		return v == null ? 0 : v;
	}

	boolean contains(String word) {
		return this.words.containsKey(word) || this.withoutAccents.containsKey(word);
	}

	List<Phrase> phrasesStartingWith(String word) {
		return this.phrasesByFirstWord.getOrDefault(word, List.of());
	}

	boolean isAdjective(String word) {
		return this.adjectives.contains(word);
	}

	/** An emoticon or emoji rather than a word. */
	boolean isSymbol(String token) {
		return this.emoticons.contains(token) || Tokens.isEmoji(token.codePointAt(0));
	}

	Set<String> emoticons() {
		return this.emoticons;
	}

	/** VADER's lexicon plus the Parlons supplement, plus emoji. */
	static Lexicon english(Grammar grammar, Map<String, Double> emoji) {
		Map<String, Double> words = new HashMap<>(emoji);
		lines("lexicons/en/vader_lexicon.txt", line -> {
			String[] f = line.split("\t");
			words.put(f[0], Double.parseDouble(f[1]));
		});
		Map<String, List<Phrase>> phrases = new HashMap<>();
		supplement("lexicons/en/parlons-en.tsv", words, phrases, grammar);
		return new Lexicon(words, phrases, Set.of());
	}

	/**
	 * For languages without a lexicon: emoji and emoticons (":)") still say something.
	 */
	static Lexicon emojiOnly(Map<String, Double> emoji, Lexicon english) {
		Map<String, Double> words = new HashMap<>(emoji);
		english.emoticons().forEach(e -> words.put(e, english.valence(e, false)));
		return new Lexicon(words, Map.of(), Set.of());
	}

	/**
	 * Pattern's French adjectives (polarity -1..1 scaled by {@value #PATTERN_SCALE}) plus
	 * the Parlons supplement of verbs, nouns and expressions, plus emoji.
	 */
	static Lexicon french(Grammar grammar, Map<String, Double> emoji) {
		Map<String, Double> words = new HashMap<>(emoji);
		Set<String> adjectives = new HashSet<>();
		try (InputStream in = resource("lexicons/fr/pattern-sentiment-fr.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (Map.Entry<String, JsonNode> e : root.properties()) {
				JsonNode entry = e.getValue();
				double polarity = Double.parseDouble(entry.get("polarity").asString());
				String pos = entry.get("pos").asString();
				if (polarity != 0 && !"RB".equals(pos)) { // adverbs like "très" are
															// intensifiers, not opinions
					words.put(e.getKey(), polarity * PATTERN_SCALE);
				}
				if ("JJ".equals(pos)) {
					adjectives.add(e.getKey());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, List<Phrase>> phrases = new HashMap<>();
		supplement("lexicons/fr/parlons-fr.tsv", words, phrases, grammar);
		return new Lexicon(words, phrases, adjectives);
	}

	/** Pattern's polarity runs -1..1; VADER's valence -4..4 with strong words near 3. */
	static final double PATTERN_SCALE = 3.0;

	/**
	 * Emoji valence from the Emoji Sentiment Ranking: (positive - negative) /
	 * (occurrences + 3) scaled to VADER's range; the +3 keeps rarely seen emoji near
	 * neutral. Emoji seen fewer than 5 times are left out.
	 */
	static Map<String, Double> emoji() {
		Map<String, Double> emoji = new HashMap<>();
		lines("lexicons/emoji/Emoji_Sentiment_Data_v1.0.csv", line -> {
			String[] f = line.split(",");
			if (f.length < 7 || !f[2].chars().allMatch(Character::isDigit)) {
				return; // header
			}
			double occurrences = Double.parseDouble(f[2]);
			if (occurrences >= 5) {
				double score = (Double.parseDouble(f[6]) - Double.parseDouble(f[4])) / (occurrences + 3);
				emoji.put(f[0].replace("\uFE0F", ""), Math.round(score * 4 * 100) / 100.0);
			}
		});
		return emoji;
	}

	private static void supplement(String path, Map<String, Double> words, Map<String, List<Phrase>> phrases,
			Grammar grammar) {
		lines(path, line -> {
			String[] f = line.split("\t");
			double valence = Double.parseDouble(f[1]);
			if (!f[0].contains(" ")) {
				words.put(f[0], valence);
				return;
			}
			String[] parts = f[0].split(" ");
			boolean negated = false;
			for (String part : parts) {
				negated |= grammar.canNegate(part);
			}
			phrases.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(new Phrase(parts, valence, negated));
		});
		// the longest expression wins when several start at the same word
		phrases.values().forEach(list -> list.sort((a, b) -> b.words().length - a.words().length));
	}

	private static void lines(String path, Consumer<String> each) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource(path), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					each.accept(line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource(String path) {
		InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IllegalStateException("Missing lexicon " + path);
		}
		return in;
	}

	static String stripAccents(String word) {
		String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
		StringBuilder sb = new StringBuilder(word.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) != Character.NON_SPACING_MARK) {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	/** "soooo" to "soo" (max 2) or "so" (max 1). */
	static String squeeze(String word, int max) {
		StringBuilder sb = new StringBuilder(word.length());
		int run = 0;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			run = (i > 0 && word.charAt(i - 1) == c) ? run + 1 : 1;
			if (run <= max) {
				sb.append(c);
			}
		}
		return sb.toString();
	}

}
