package org.parlons.language.internal;

import java.util.List;

import org.parlons.language.internal.Lexicon.Phrase;
import org.parlons.language.internal.Tokens.Token;

/**
 * Sentiment of a short text from a lexicon and rules, after VADER (Hutto and Gilbert
 * 2014) and extended: fixed expressions, negation and intensifiers that stop at the end
 * of a clause, French negation with and without "ne", and emoji. Returns a compound score
 * in -1..1.
 */
final class LexiconAnalyser {

	/**
	 * Negation flips and weakens: "not good" is less negative than "bad" (VADER's
	 * N_SCALAR).
	 */
	static final double NEGATION = -0.74;

	static final double SHOUT = 0.733;

	/** Normalisation constant: score / sqrt(score² + ALPHA) approaches ±1 (VADER). */
	static final double ALPHA = 15;

	private static final int WINDOW = 3;

	/** Stretched letters ("sooo goood") add emphasis like an intensifier. */
	private static final double BOOST_STRETCH = Grammar.BOOST;

	private final Lexicon lexicon;

	private final Grammar grammar;

	LexiconAnalyser(Lexicon lexicon, Grammar grammar) {
		this.lexicon = lexicon;
		this.grammar = grammar;
	}

	Lexicon lexicon() {
		return this.lexicon;
	}

	double score(String text) {
		Tokens tokens = Tokens.of(text, this.lexicon.emoticons(), this.grammar.splitElisions());
		List<Token> list = tokens.list();
		double[] valences = new double[list.size()];
		int contrastAt = -1;
		for (int i = 0; i < list.size(); i++) {
			Token token = list.get(i);
			if (this.grammar.contrasts.contains(token.text())) {
				contrastAt = i;
				continue;
			}
			Phrase phrase = phraseAt(list, i);
			if (phrase != null) {
				double v = phrase.valence();
				v = boosted(tokens, i, v);
				if (!phrase.holdsNegation()) {
					v *= negation(list, i);
				}
				valences[i] = v;
				i += phrase.words().length - 1;
				continue;
			}
			if ((this.grammar.negatesAt(list, i) && (isBareNegation(list, i) || opinionFollows(list, i)))
					|| isModifierOfNext(list, i)) {
				continue;
			}
			double v = this.lexicon.valence(token.text(), token.stretched());
			if (v == 0) {
				continue;
			}
			if (this.lexicon.isSymbol(token.text())) { // emoticons and emoji mean what
														// they show
				valences[i] = v;
				continue;
			}
			if (tokens.shouting(token) || token.stretched()) {
				v += Math.signum(v) * (tokens.shouting(token) ? SHOUT : BOOST_STRETCH);
			}
			v = boosted(tokens, i, v);
			if (!this.grammar.negatesAt(list, i)) { // "no no no" stays negative
				double negation = negation(list, i);
				// "je n'aime pas" is one negation around the verb, not two
				v *= negation == 1 && this.grammar.negatedAfter(list, i, this.lexicon) ? NEGATION : negation;
			}
			valences[i] = v;
		}
		double sum = 0;
		for (int i = 0; i < valences.length; i++) {
			double weight = contrastAt < 0 ? 1 : i < contrastAt ? 0.5 : 1.5;
			sum += valences[i] * weight;
		}
		if (sum != 0) {
			sum += Math.signum(sum) * punctuationEmphasis(tokens);
		}
		return sum / Math.sqrt(sum * sum + ALPHA);
	}

	private Phrase phraseAt(List<Token> list, int i) {
		for (Phrase phrase : this.lexicon.phrasesStartingWith(list.get(i).text())) {
			String[] words = phrase.words();
			if (i + words.length > list.size()) {
				continue;
			}
			boolean match = true;
			for (int k = 1; k < words.length && match; k++) {
				match = list.get(i + k).text().equals(words[k]);
			}
			if (match) {
				return phrase;
			}
		}
		return null;
	}

	/**
	 * An intensifier that also carries an opinion ("bien", "super") is only an
	 * intensifier before one.
	 */
	private boolean isModifierOfNext(List<Token> list, int i) {
		Token token = list.get(i);
		if (!this.grammar.boosters.containsKey(token.text())) {
			return false;
		}
		if (this.lexicon.valence(token.text(), false) == 0) {
			return true;
		}
		if (i + 1 >= list.size() || list.get(i + 1).clause() != token.clause()) {
			return false;
		}
		Token next = list.get(i + 1);
		return this.lexicon.valence(next.text(), next.stretched()) != 0 || phraseAt(list, i + 1) != null
				|| this.grammar.boosters.containsKey(next.text());
	}

	/**
	 * Intensifiers up to three words before, within the clause, fading with distance
	 * (VADER).
	 */
	private double boosted(Tokens tokens, int i, double v) {
		List<Token> list = tokens.list();
		double out = v;
		for (int k = 1; k <= WINDOW && i - k >= 0; k++) {
			Token before = list.get(i - k);
			if (before.clause() != list.get(i).clause()) {
				break;
			}
			Double scalar = booster(before);
			if (scalar == null || (scalar < 0 && this.grammar.negatesAt(list, i - k))) {
				continue;
			}
			double s = scalar;
			if (tokens.shouting(before) || before.stretched()) {
				s += Math.signum(s) * (tokens.shouting(before) ? SHOUT : BOOST_STRETCH);
			}
			s *= k == 1 ? 1 : k == 2 ? 0.95 : 0.9;
			out += Math.signum(v) * s;
		}
		return out;
	}

	/** The intensifier a token is, "sooo" included. */
	private Double booster(Token token) {
		Double scalar = this.grammar.boosters.get(token.text());
		if (scalar == null && token.stretched()) {
			scalar = this.grammar.boosters.get(Lexicon.squeeze(token.text(), 1));
			if (scalar == null) {
				scalar = this.grammar.boosters.get(Lexicon.squeeze(token.text(), 2));
			}
		}
		return scalar;
	}

	/**
	 * How a negation up to three words before, within the clause, changes the word: flips
	 * and weakens it, except "never so good" and "haven't been this sore", where it
	 * emphasises (VADER).
	 */
	private double negation(List<Token> list, int i) {
		for (int k = 1; k <= WINDOW && i - k >= 0; k++) {
			if (list.get(i - k).clause() != list.get(i).clause()) {
				return 1;
			}
			if (this.grammar.negatesAt(list, i - k)) {
				String before = list.get(i - 1).text();
				boolean emphasis = k > 1 && list.get(i - k).text().equals("never")
						&& (before.equals("so") || before.equals("this"));
				return emphasis ? 1.25 : NEGATION;
			}
		}
		return 1;
	}

	/**
	 * A negation with no valence of its own ("not"), as opposed to "no", which is
	 * negative on its own.
	 */
	private boolean isBareNegation(List<Token> list, int i) {
		return this.lexicon.valence(list.get(i).text(), false) == 0;
	}

	/**
	 * "no good": the next word of the clause carries an opinion, so "no" only negates it.
	 */
	private boolean opinionFollows(List<Token> list, int i) {
		if (i + 1 >= list.size() || list.get(i + 1).clause() != list.get(i).clause()) {
			return false;
		}
		Token next = list.get(i + 1);
		return !this.grammar.negatesAt(list, i + 1)
				&& (this.lexicon.valence(next.text(), next.stretched()) != 0 || phraseAt(list, i + 1) != null);
	}

	/**
	 * Exclamation marks (up to four) and repeated question marks strengthen what was said
	 * (VADER).
	 */
	private static double punctuationEmphasis(Tokens tokens) {
		double emphasis = Math.min(tokens.exclamations(), 4) * 0.292;
		int q = tokens.questions();
		if (q > 1) {
			emphasis += q <= 3 ? q * 0.18 : 0.96;
		}
		return emphasis;
	}

}
