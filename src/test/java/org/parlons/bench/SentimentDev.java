package org.parlons.bench;

import java.util.ArrayList;
import java.util.List;

import org.parlons.language.SentimentEvaluation;
import org.parlons.language.SentimentEvaluation.Example;
import org.parlons.language.internal.TextAnalysis;

/**
 * Tuning loop on the development tweets only: accuracy on clearly polar tweets,
 * correlation, VADER beside.
 */
public final class SentimentDev {

	public static void main(String[] args) {
		TextAnalysis analysis = TextAnalysis.load();
		List<Example> all = SentimentEvaluation.developmentTweets();
		List<Example> polar = new ArrayList<>(all.stream().filter(e -> Math.abs(e.truth()) >= 0.5).toList());
		double[] vader = SentimentEvaluation.vaderScores(polar);
		double[] ours = new double[polar.size()];
		double[] truth = new double[polar.size()];
		for (int i = 0; i < ours.length; i++) {
			ours[i] = analysis.sentiment(polar.get(i).text(), "en").score();
			truth[i] = polar.get(i).truth();
		}
		int[] idx = { 0 };
		var o = SentimentEvaluation.judge(polar, e -> ours[idx[0]++]);
		idx[0] = 0;
		var v = SentimentEvaluation.judge(polar, e -> vader[idx[0]++]);
		System.out.printf("dev polar n=%d  ours acc=%.4f cov=%.3f r=%.4f | vader acc=%.4f cov=%.3f r=%.4f%n",
				polar.size(), o.accuracy(), o.coverage(), SentimentEvaluation.pearson(ours, truth), v.accuracy(),
				v.coverage(), SentimentEvaluation.pearson(vader, truth));
		if (args.length > 0) {
			for (int i = 0; i < ours.length; i++) {
				boolean wrong = Math.signum(ours[i]) != Math.signum(truth[i]) || Math.abs(ours[i]) <= 0.05;
				boolean vaderRight = Math.signum(vader[i]) == Math.signum(truth[i]) && Math.abs(vader[i]) > 0.05;
				if (wrong && vaderRight) {
					System.out.printf("%.2f ours=%.3f vader=%.3f %s%n", truth[i], ours[i], vader[i],
							polar.get(i).text());
				}
			}
		}
	}

}
