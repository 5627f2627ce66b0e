package org.parlons.language;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parlons.language.SentimentEvaluation.Example;
import org.parlons.language.SentimentEvaluation.Outcome;
import org.parlons.language.internal.TextAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyser judged on data it was not tuned on (see {@link SentimentEvaluation}):
 * better than the VADER reference implementation on the same English sentences, and at
 * least as good in French as in English on the same sentences. Needs the npm registry
 * (once) and Node.js for VADER; fails without them.
 */
class SentimentAccuracyTests {

	static TextAnalysis analysis;

	static List<Example> english;

	@BeforeAll
	static void load() {
		analysis = TextAnalysis.load();
		english = SentimentEvaluation.heldOutEnglish();
	}

	@Test
	void beatsVaderOnHeldOutEnglishReviews() {
		assertThat(english).hasSize(3_000);
		double[] vader = SentimentEvaluation.vaderScores(english);
		int[] next = { 0 };
		Outcome theirs = SentimentEvaluation.judge(english, e -> vader[next[0]++]);
		Outcome ours = SentimentEvaluation.judge(english, e -> analysis.sentiment(e.text(), "en").score());
		assertThat(ours.accuracy()).as("ours %s vs VADER %s", ours, theirs).isGreaterThan(theirs.accuracy());
	}

	@Test
	void readsFrenchAtLeastAsWellAsEnglish() {
		List<Example> french = SentimentEvaluation.heldOutFrench();
		List<Example> originals = SentimentEvaluation.englishOf(french, english);
		assertThat(french).hasSize(300);
		Outcome inFrench = SentimentEvaluation.judge(french, e -> analysis.sentiment(e.text(), "fr").score());
		Outcome inEnglish = SentimentEvaluation.judge(originals, e -> analysis.sentiment(e.text(), "en").score());
		assertThat(inFrench.accuracy()).as("French %s vs English %s", inFrench, inEnglish)
			.isGreaterThanOrEqualTo(inEnglish.accuracy());
	}

	@Test
	void recognisesTheLanguageOfHeldOutSentences() {
		List<Example> french = SentimentEvaluation.heldOutFrench();
		assertThat(french.stream().filter(e -> analysis.language(e.text()).equals("fr")).count())
			.isGreaterThanOrEqualTo(290);
		assertThat(english.stream().filter(e -> analysis.language(e.text()).equals("en")).count())
			.isGreaterThanOrEqualTo(2_850);
	}

}
