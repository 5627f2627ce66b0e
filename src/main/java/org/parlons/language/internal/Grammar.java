package org.parlons.language.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.language.internal.Tokens.Token;

/**
 * The closed-class words that change what opinion words mean, per language: negations,
 * intensifiers and softeners, and the contrast words after which the writer's real
 * opinion comes ("but", "mais").
 */
abstract class Grammar {

	/** VADER's empirically derived increments (Hutto and Gilbert 2014, section 3.2). */
	static final double BOOST = 0.293;

	static final double DAMPEN = -0.293;

	final Set<String> negators;

	final Map<String, Double> boosters;

	final Set<String> contrasts;

	Grammar(Set<String> negators, Map<String, Double> boosters, Set<String> contrasts) {
		this.negators = negators;
		this.boosters = boosters;
		this.contrasts = contrasts;
	}

	abstract boolean splitElisions();

	/**
	 * Whether a word can be a negation somewhere ("plus" only with "ne"); for expressions
	 * that hold one.
	 */
	boolean canNegate(String word) {
		return this.negators.contains(word) || word.endsWith("n't");
	}

	/** Whether the token at {@code at} is itself a negation in this position. */
	boolean negatesAt(List<Token> tokens, int at) {
		String w = tokens.get(at).text();
		return this.negators.contains(w) || w.endsWith("n't");
	}

	/**
	 * Whether a negation after the opinion word turns it ("j'aime pas"); none in English.
	 */
	boolean negatedAfter(List<Token> tokens, int at, Lexicon lexicon) {
		return false;
	}

	static final Grammar ENGLISH = new Grammar(
			Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot",
					"cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "werent", "arent", "wont", "wouldnt",
					"shouldnt", "couldnt", "hasnt", "havent", "hadnt", "aint", "rarely", "seldom"),
			Map.ofEntries(Map.entry("absolutely", BOOST), Map.entry("amazingly", BOOST), Map.entry("awfully", BOOST),
					Map.entry("completely", BOOST), Map.entry("deeply", BOOST), Map.entry("enormously", BOOST),
					Map.entry("entirely", BOOST), Map.entry("especially", BOOST), Map.entry("exceptionally", BOOST),
					Map.entry("extremely", BOOST), Map.entry("fully", BOOST), Map.entry("fucking", BOOST),
					Map.entry("greatly", BOOST), Map.entry("highly", BOOST), Map.entry("hugely", BOOST),
					Map.entry("incredibly", BOOST), Map.entry("insanely", BOOST), Map.entry("most", BOOST),
					Map.entry("more", BOOST), Map.entry("particularly", BOOST), Map.entry("quite", BOOST),
					Map.entry("really", BOOST), Map.entry("remarkably", BOOST), Map.entry("so", BOOST),
					Map.entry("super", BOOST), Map.entry("such", BOOST), Map.entry("terribly", BOOST),
					Map.entry("too", BOOST), Map.entry("totally", BOOST), Map.entry("truly", BOOST),
					Map.entry("utterly", BOOST), Map.entry("very", BOOST), Map.entry("way", BOOST),
					Map.entry("almost", DAMPEN), Map.entry("barely", DAMPEN), Map.entry("hardly", DAMPEN),
					Map.entry("kinda", DAMPEN), Map.entry("less", DAMPEN), Map.entry("little", DAMPEN),
					Map.entry("marginally", DAMPEN), Map.entry("partly", DAMPEN), Map.entry("rather", DAMPEN),
					Map.entry("slightly", DAMPEN), Map.entry("somewhat", DAMPEN), Map.entry("sorta", DAMPEN)),
			Set.of("but", "however", "yet")) {

		@Override
		boolean splitElisions() {
			return false;
		}

	};

	static final Grammar FRENCH = new Grammar(
			Set.of("ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "ni", "sans", "guère", "nullement", "non",
					"peu"),
			Map.ofEntries(Map.entry("très", BOOST), Map.entry("tres", BOOST), Map.entry("vraiment", BOOST),
					Map.entry("trop", BOOST), Map.entry("tellement", BOOST), Map.entry("super", BOOST),
					Map.entry("hyper", BOOST), Map.entry("ultra", BOOST), Map.entry("extrêmement", BOOST),
					Map.entry("totalement", BOOST), Map.entry("complètement", BOOST), Map.entry("absolument", BOOST),
					Map.entry("particulièrement", BOOST), Map.entry("vachement", BOOST), Map.entry("grave", BOOST),
					Map.entry("carrément", BOOST), Map.entry("franchement", BOOST), Map.entry("si", BOOST),
					Map.entry("bien", BOOST), Map.entry("beaucoup", BOOST), Map.entry("fort", BOOST),
					Map.entry("profondément", BOOST), Map.entry("parfaitement", BOOST), Map.entry("vivement", BOOST),
					Map.entry("hautement", BOOST), Map.entry("fortement", BOOST), Map.entry("assez", DAMPEN),
					Map.entry("plutôt", DAMPEN), Map.entry("moyennement", DAMPEN), Map.entry("légèrement", DAMPEN),
					Map.entry("peu", DAMPEN), Map.entry("presque", DAMPEN)),
			Set.of("mais", "cependant", "pourtant", "toutefois", "néanmoins")) {

		/**
		 * Negations that count only with a "ne" before them ("ne ... plus", "ne ...
		 * personne").
		 */
		private static final Set<String> WITH_NE = Set.of("plus", "personne");

		private static final Set<String> AFTER = Set.of("pas", "jamais", "plus", "rien", "guère");

		@Override
		boolean splitElisions() {
			return true;
		}

		@Override
		boolean canNegate(String word) {
			return super.canNegate(word) || WITH_NE.contains(word);
		}

		@Override
		boolean negatesAt(List<Token> tokens, int at) {
			String w = tokens.get(at).text();
			if (w.equals("peu")) { // "peu fiable" negates, "un peu cher" only softens
				return at == 0 || !tokens.get(at - 1).text().equals("un");
			}
			if (WITH_NE.contains(w)) {
				for (int k = at - 1; k >= Math.max(0, at - 4); k--) {
					String before = tokens.get(k).text();
					if (before.equals("ne") || before.equals("n'")) {
						return true;
					}
				}
				return false;
			}
			return this.negators.contains(w);
		}

		/**
		 * Spoken French drops the "ne": "j'aime pas", "ça marche plus". Adjectives take
		 * it before.
		 */
		@Override
		boolean negatedAfter(List<Token> tokens, int at, Lexicon lexicon) {
			if (at + 1 >= tokens.size() || lexicon.isAdjective(tokens.get(at).text())) {
				return false;
			}
			Token next = tokens.get(at + 1);
			return next.clause() == tokens.get(at).clause() && AFTER.contains(next.text());
		}

	};

}
