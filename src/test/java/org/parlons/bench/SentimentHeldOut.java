package org.parlons.bench;

import java.util.List;
import java.util.Locale;

import org.parlons.language.SentimentEvaluation;
import org.parlons.language.SentimentEvaluation.Example;
import org.parlons.language.SentimentEvaluation.Outcome;
import org.parlons.language.internal.TextAnalysis;

/**
 * Prints the held-out accuracy table for BENCHMARKS.md: per source and overall, ours
 * beside VADER, and French beside the same sentences in English. Pass "errors" to list
 * what ours gets wrong.
 */
public final class SentimentHeldOut {

	public static void main(String[] args) {
		TextAnalysis analysis = TextAnalysis.load();
		List<Example> english = SentimentEvaluation.heldOutEnglish();
		double[] vader = SentimentEvaluation.vaderScores(english);
		System.out.println("| data | n | Parlons accuracy | Parlons coverage | VADER accuracy | VADER coverage |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		for (String source : List.of("amazon", "imdb", "yelp", "")) {
			List<Integer> idx = new java.util.ArrayList<>();
			for (int i = 0; i < english.size(); i++) {
				if (english.get(i).id().startsWith(source)) {
					idx.add(i);
				}
			}
			List<Example> part = idx.stream().map(english::get).toList();
			int[] k = { 0 };
			Outcome v = SentimentEvaluation.judge(part, e -> vader[idx.get(k[0]++)]);
			Outcome o = SentimentEvaluation.judge(part, e -> analysis.sentiment(e.text(), "en").score());
			System.out.printf(Locale.ROOT, "| UCI %s | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% |%n",
					source.isEmpty() ? "all" : source, part.size(), 100 * o.accuracy(), 100 * o.coverage(),
					100 * v.accuracy(), 100 * v.coverage());
		}
		List<Example> french = SentimentEvaluation.heldOutFrench();
		List<Example> originals = SentimentEvaluation.englishOf(french, english);
		Outcome fr = SentimentEvaluation.judge(french, e -> analysis.sentiment(e.text(), "fr").score());
		Outcome en = SentimentEvaluation.judge(originals, e -> analysis.sentiment(e.text(), "en").score());
		double[] vaderOriginals = SentimentEvaluation.vaderScores(originals);
		int[] k = { 0 };
		Outcome vo = SentimentEvaluation.judge(originals, e -> vaderOriginals[k[0]++]);
		int detected = (int) french.stream().filter(e -> analysis.language(e.text()).equals("fr")).count();
		System.out.printf(Locale.ROOT, "%n| 300-sentence sample | Parlons accuracy | coverage |%n|---|---:|---:|%n");
		System.out.printf(Locale.ROOT, "| French translation | %.1f %% | %.1f %% |%n", 100 * fr.accuracy(),
				100 * fr.coverage());
		System.out.printf(Locale.ROOT, "| English originals | %.1f %% | %.1f %% |%n", 100 * en.accuracy(),
				100 * en.coverage());
		System.out.printf(Locale.ROOT, "| English originals, VADER | %.1f %% | %.1f %% |%n", 100 * vo.accuracy(),
				100 * vo.coverage());
		int englishDetected = (int) english.stream().filter(e -> analysis.language(e.text()).equals("en")).count();
		System.out.printf(
				"%nLanguage guess: French sample detected as French %d / %d; English sentences detected as English %d / %d%n",
				detected, french.size(), englishDetected, english.size());
		if (args.length > 0) {
			for (int i = 0; i < french.size(); i++) {
				var f = analysis.sentiment(french.get(i).text(), "fr");
				var e = analysis.sentiment(originals.get(i).text(), "en");
				System.out.printf("%s %+d fr=%.2f en=%.2f | %s | %s%n", french.get(i).id(), (int) french.get(i).truth(),
						f.score(), e.score(), french.get(i).text(), originals.get(i).text());
			}
		}
	}

}
