package org.parlons.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.parlons.language.SentimentEvaluation;
import org.parlons.language.SentimentEvaluation.Example;
import org.parlons.language.internal.TextAnalysis;

/**
 * Sentiment texts per second on one thread (run it under {@code taskset -c 0} for one
 * core), over the 7,500 development and held-out texts (tweets, reviews, French
 * sentences). Beside it, in the same run, the floor any lexicon analyser pays:
 * lower-casing each text, splitting it on spaces and looking each word up in a hash map.
 * Five measured rounds after a warm-up; the median round is reported.
 */
public final class SentimentThroughput {

	private static final int ROUNDS = 5;

	private static final long ROUND_NANOS = 3_000_000_000L;

	public static void main(String[] args) {
		TextAnalysis analysis = TextAnalysis.load();
		List<String> texts = new ArrayList<>();
		SentimentEvaluation.developmentTweets().forEach(e -> texts.add(e.text()));
		SentimentEvaluation.heldOutEnglish().forEach(e -> texts.add(e.text()));
		SentimentEvaluation.heldOutFrench().stream().map(Example::text).forEach(texts::add);
		Map<String, Double> words = new HashMap<>();
		for (String t : texts) {
			for (String w : t.toLowerCase(Locale.ROOT).split("\\s+")) {
				if (w.hashCode() % 3 == 0) {
					words.put(w, 1.0);
				}
			}
		}
		ToDoubleFunction<String> floor = t -> {
			double sum = 0;
			for (String w : t.toLowerCase(Locale.ROOT).split("\\s+")) {
				sum += words.getOrDefault(w, 0.0);
			}
			return sum;
		};
		ToDoubleFunction<String> english = t -> analysis.sentiment(t, "en").score();
		ToDoubleFunction<String> detected = t -> analysis.sentiment(t, null).score();
		double f = rate("baseline: split + hash lookups", texts, floor);
		double e = rate("Parlons, language given (en)", texts, english);
		double d = rate("Parlons, language detected", texts, detected);
		System.out.printf(Locale.ROOT, "%ntexts: %d, mean length %.0f characters%n", texts.size(),
				texts.stream().mapToInt(String::length).average().orElse(0));
		System.out.printf(Locale.ROOT, "| measure | texts/s on one thread | ratio to baseline |%n|---|---:|---:|%n");
		System.out.printf(Locale.ROOT, "| baseline: lower-case, split, hash lookups | %,.0f | 1.00 |%n", f);
		System.out.printf(Locale.ROOT, "| Parlons sentiment, language given | %,.0f | %.2f |%n", e, e / f);
		System.out.printf(Locale.ROOT, "| Parlons sentiment, language detected | %,.0f | %.2f |%n", d, d / f);
	}

	private static double rate(String name, List<String> texts, ToDoubleFunction<String> scorer) {
		double sink = 0;
		long warm = System.nanoTime() + ROUND_NANOS;
		while (System.nanoTime() < warm) {
			for (String t : texts) {
				sink += scorer.applyAsDouble(t);
			}
		}
		double[] rates = new double[ROUNDS];
		for (int r = 0; r < ROUNDS; r++) {
			long start = System.nanoTime();
			long done = 0;
			while (System.nanoTime() - start < ROUND_NANOS) {
				for (String t : texts) {
					sink += scorer.applyAsDouble(t);
				}
				done += texts.size();
			}
			rates[r] = done / ((System.nanoTime() - start) / 1e9);
		}
		Arrays.sort(rates);
		System.out.printf(Locale.ROOT, "%s: %s texts/s (sink %.1f)%n", name,
				Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()), sink % 10);
		return rates[ROUNDS / 2];
	}

}
