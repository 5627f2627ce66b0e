package org.parlons.listening;

import org.jspecify.annotations.Nullable;

/**
 * A post's figures as the network gave them at one moment; null where the network does
 * not say (Mastodon has no impressions, X no reach).
 */
public record PostMetrics(@Nullable Long likes, @Nullable Long comments, @Nullable Long shares,
		@Nullable Long impressions, @Nullable Long reach) {

	public PostMetrics {
		for (Long figure : new Long[] { likes, comments, shares, impressions, reach }) {
			if (figure != null && figure < 0) {
				throw new IllegalArgumentException("A post's figures are not negative");
			}
		}
	}

	/** Likes, comments and shares: what every network counts as engagement. */
	public long interactions() {
		return n(likes) + n(comments) + n(shares);
	}

	private static long n(@Nullable Long v) {
		return v == null ? 0 : v;
	}

}
