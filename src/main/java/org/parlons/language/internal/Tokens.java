package org.parlons.language.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A short public text cut into what sentiment rules look at: lower-cased words (French
 * elisions split off when asked), emoticons and emoji kept whole, clause numbers so
 * negation and intensifiers stop at punctuation, and the emphasis of capitals, stretched
 * letters and exclamation marks.
 */
final class Tokens {

	/** One token; {@code clause} grows at each punctuation mark that closes a clause. */
	record Token(String text, boolean shouted, boolean stretched, int clause) {
	}

	private final List<Token> tokens;

	private final int exclamations;

	private final int questions;

	private final boolean mixedCase;

	private Tokens(List<Token> tokens, int exclamations, int questions, boolean mixedCase) {
		this.tokens = tokens;
		this.exclamations = exclamations;
		this.questions = questions;
		this.mixedCase = mixedCase;
	}

	List<Token> list() {
		return this.tokens;
	}

	int exclamations() {
		return this.exclamations;
	}

	int questions() {
		return this.questions;
	}

	/** Capitals only mean shouting when the rest of the text is not in capitals too. */
	boolean shouting(Token token) {
		return token.shouted() && this.mixedCase;
	}

	/**
	 * @param emoticons lower-case emoticons to keep whole (":)", "<3")
	 * @param splitElisions whether "l'", "n'", "qu'" and the like are separate words
	 * (French)
	 */
	static Tokens of(String text, Set<String> emoticons, boolean splitElisions) {
		List<Token> out = new ArrayList<>();
		int[] clause = { 0 };
		int exclamations = 0;
		int questions = 0;
		int shoutedWords = 0;
		int quietWords = 0;
		int i = 0;
		int n = text.length();
		while (i < n) {
			while (i < n && isSpace(text.charAt(i))) {
				i++;
			}
			int start = i;
			while (i < n && !isSpace(text.charAt(i))) {
				i++;
			}
			if (start == i) {
				break;
			}
			String chunk = text.substring(start, i).replace('’', '\'');
			String lower = chunk.toLowerCase(Locale.ROOT);
			if (emoticons.contains(lower)) {
				out.add(new Token(lower, false, false, clause[0]));
				continue;
			}
			if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")
					|| lower.startsWith("@")) {
				continue;
			}
			for (int c = 0; c < chunk.length(); c++) {
				char ch = chunk.charAt(c);
				if (ch == '!') {
					exclamations++;
				}
				else if (ch == '?') {
					questions++;
				}
			}
			int before = out.size();
			words(chunk, out, clause, splitElisions);
			for (int t = before; t < out.size(); t++) {
				Token token = out.get(t);
				if (token.shouted()) {
					shoutedWords++;
				}
				else if (Character.isLetter(token.text().charAt(0)) && token.text().length() > 1) {
					quietWords++;
				}
			}
		}
		return new Tokens(out, exclamations, questions, shoutedWords > 0 && quietWords > 0);
	}

	/** Splits one whitespace-free chunk into words, emoji and clause breaks. */
	private static void words(String chunk, List<Token> out, int[] clause, boolean splitElisions) {
		int n = chunk.length();
		int i = 0;
		while (i < n) {
			int cp = chunk.codePointAt(i);
			int width = Character.charCount(cp);
			if (isWordChar(cp)) {
				int start = i;
				while (i < n && (isWordChar(chunk.codePointAt(i)) || isInnerJoiner(chunk, i))) {
					i += Character.charCount(chunk.codePointAt(i));
				}
				addWord(chunk.substring(start, i), out, clause[0], splitElisions);
				continue;
			}
			if (isEmoji(cp)) {
				out.add(new Token(new String(Character.toChars(cp)), false, false, clause[0]));
			}
			else if (".,;:!?()[]…".indexOf(cp) >= 0) {
				clause[0]++;
			}
			i += width;
		}
	}

	private static void addWord(String word, List<Token> out, int clause, boolean splitElisions) {
		String w = word;
		if (splitElisions) {
			int apostrophe = w.indexOf('\'');
			while (apostrophe > 0 && apostrophe <= 2 && apostrophe < w.length() - 1
					&& (apostrophe == 1 || w.regionMatches(true, 0, "qu", 0, 2))) {
				out.add(plain(w.substring(0, apostrophe + 1), clause));
				w = w.substring(apostrophe + 1);
				apostrophe = w.indexOf('\'');
			}
		}
		if (!splitElisions && w.length() == 1 && Character.isLetter(w.charAt(0))) {
			return; // "a", "I": no opinion, and they would push a negation out of reach
		}
		out.add(plain(w, clause));
	}

	private static Token plain(String word, int clause) {
		boolean shouted = word.length() > 1 && hasLetter(word) && word.equals(word.toUpperCase(Locale.ROOT));
		String lower = word.toLowerCase(Locale.ROOT);
		if (lower.startsWith("#") && lower.length() > 1) {
			lower = lower.substring(1);
		}
		return new Token(lower, shouted, isStretched(lower), clause);
	}

	/** Three identical letters in a row ("soooo", "nuuul") are emphasis, not spelling. */
	private static boolean isStretched(String word) {
		for (int i = 2; i < word.length(); i++) {
			char c = word.charAt(i);
			if (Character.isLetter(c) && c == word.charAt(i - 1) && c == word.charAt(i - 2)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasLetter(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (Character.isLetter(word.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isWordChar(int cp) {
		return Character.isLetterOrDigit(cp) || cp == '#';
	}

	/**
	 * An apostrophe or hyphen between two letters belongs to the word ("don't",
	 * "après-vente").
	 */
	private static boolean isInnerJoiner(String chunk, int i) {
		char c = chunk.charAt(i);
		return (c == '\'' || c == '-') && i + 1 < chunk.length() && Character.isLetterOrDigit(chunk.charAt(i + 1))
				&& i > 0;
	}

	static boolean isEmoji(int cp) {
		int type = Character.getType(cp);
		return type == Character.OTHER_SYMBOL && cp != 0x00A9 && cp != 0x00AE && !(cp >= 0x1F3FB && cp <= 0x1F3FF);
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || c == '\u00A0';
	}

}
