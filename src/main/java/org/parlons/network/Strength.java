package org.parlons.network;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How strong a tie is, between 0 and 1, from its evidence: each kind of evidence gives a
 * share, by how often (frequency), both ways or not (reciprocity) and how lately
 * (recency, halving every {@code halfLife}); the shares add up as independent chances do,
 * {@code 1 - (1 - s1)(1 - s2)…}, so two weak signs make a stronger tie than one and none
 * reaches certainty. An imported connection ages four times slower than an exchange and
 * never below 60 % of its share: it says the people know each other, not how lately they
 * spoke. The figures are the method's (docs/network.md), not tuned on any data.
 */
final class Strength {

	static final double MAX = 0.99;

	private Strength() {
	}

	static double of(Collection<Ties.Tie> ties, Instant now, Duration halfLife) {
		double missing = 1;
		for (Ties.Tie tie : ties) {
			missing *= 1 - share(tie, now, halfLife);
		}
		return Math.min(MAX, 1 - missing);
	}

	/** The evidence, the piece that gives the most first: a link's reasons as shown. */
	static java.util.List<Ties.Tie> strongestFirst(Collection<Ties.Tie> ties, Instant now, Duration halfLife) {
		java.util.List<Ties.Tie> sorted = new java.util.ArrayList<>(ties);
		sorted.sort(java.util.Comparator.comparingDouble((Ties.Tie t) -> -share(t, now, halfLife)));
		return sorted;
	}

	static double share(Ties.Tie tie, Instant now, Duration halfLife) {
		int n = tie.count();
		double reciprocity = tie.reciprocal() ? 1 : 0.6;
		switch (tie.source()) {
			case LINKEDIN:
				return 0.35 * imported(tie.firstAt(), now, halfLife);
			case VCARD:
				return 0.5 * imported(tie.firstAt(), now, halfLife);
			case MEETING:
				// a meeting counts once each way
				return (0.55 + 0.35 * saturating((n + 1) / 2 - 1, 3)) * decay(tie.lastAt(), now, halfLife, 0.15);
			case EMAIL:
			case CONVERSATION:
				return (0.25 + 0.45 * saturating(n, 6)) * reciprocity * decay(tie.lastAt(), now, halfLife, 0.1);
			case COPIED:
				return (0.15 + 0.2 * saturating(n, 4)) * decay(tie.lastAt(), now, halfLife, 0.1);
			case PUBLIC_REPLY:
				return (0.1 + 0.2 * saturating(n, 4)) * reciprocity * decay(tie.lastAt(), now, halfLife, 0.1);
			default:
				throw new IllegalStateException("No share for " + tie.source());
		}
	}

	/** 0 for none, towards 1 as {@code n} grows past {@code scale}. */
	private static double saturating(int n, double scale) {
		return n <= 0 ? 0 : 1 - Math.exp(-n / scale);
	}

	private static double imported(Instant since, Instant now, Duration halfLife) {
		return 0.6 + 0.4 * decay(since, now, halfLife.multipliedBy(4), 0);
	}

	private static double decay(Instant at, Instant now, Duration halfLife, double floor) {
		double age = Math.max(0, Duration.between(at, now).toSeconds());
		return Math.max(floor, Math.pow(0.5, age / Math.max(1, halfLife.toSeconds())));
	}

}
