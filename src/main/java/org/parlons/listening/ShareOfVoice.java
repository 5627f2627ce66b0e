package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Share of voice against competitors defined by keywords, and net sentiment (positive
 * share minus negative share) with its 95 % interval: the variance of a difference of
 * multinomial shares, (p + q − (p − q)²) / n, with the normal approximation.
 */
public final class ShareOfVoice {

	/** A brand and the words that name it. */
	public record Brand(String name, List<String> keywords) {

		boolean named(String text) {
			String t = text.toLowerCase(Locale.ROOT);
			return keywords.stream().anyMatch(k -> t.contains(k.toLowerCase(Locale.ROOT)));
		}

	}

	/**
	 * One brand's mentions, its share of all brands' mentions, and its net sentiment with
	 * interval.
	 */
	public record Voice(String brand, int mentions, double share, double netSentiment, double[] netCi95) {
	}

	/** A text and its sentiment label. */
	public record Labelled(String text, Sentiment.Label label) {
	}

	private ShareOfVoice() {
	}

	public static List<Voice> of(List<Brand> brands, List<Labelled> mentions) {
		Map<String, int[]> counts = new LinkedHashMap<>(); // brand -> {mentions,
															// positive, negative}
		brands.forEach(b -> counts.put(b.name(), new int[3]));
		int total = 0;
		for (Labelled m : mentions) {
			for (Brand b : brands) {
				if (b.named(m.text())) {
					int[] c = counts.get(b.name());
					c[0]++;
					c[1] += m.label() == Sentiment.Label.POSITIVE ? 1 : 0;
					c[2] += m.label() == Sentiment.Label.NEGATIVE ? 1 : 0;
					total++;
				}
			}
		}
		int all = total;
		return counts.entrySet().stream().map(e -> {
			int[] c = e.getValue();
			double[] net = net(c[1], c[2], c[0]);
			return new Voice(e.getKey(), c[0], all == 0 ? 0 : (double) c[0] / all, net[0],
					new double[] { net[1], net[2] });
		}).toList();
	}

	/** Net sentiment (p − q) and its 95 % interval, clipped to −1..1. */
	static double[] net(int positive, int negative, int n) {
		if (n == 0) {
			return new double[] { 0, -1, 1 };
		}
		double p = (double) positive / n;
		double q = (double) negative / n;
		double d = p - q;
		double half = 1.96 * Math.sqrt(Math.max(0, (p + q - d * d) / n));
		return new double[] { d, Math.max(-1, d - half), Math.min(1, d + half) };
	}

}
