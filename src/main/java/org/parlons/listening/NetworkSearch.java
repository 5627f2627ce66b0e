package org.parlons.listening;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inbox;

/**
 * A network's search for public posts, run with one of the brand's accounts there: what
 * listening asks of the channels that can answer it (X recent search, Mastodon hashtag
 * timelines). Each network says which queries it takes; the posts come back as mentions
 * with their audience figures.
 */
public interface NetworkSearch {

	/** The channel whose inboxes can search (an inbox's {@code channel}). */
	String network();

	/** Why this network cannot run {@code query}, or null when it can. */
	@Nullable String refusal(String query);

	/**
	 * The posts matching {@code query} published since {@code position} (null the first
	 * time: the most recent ones the network gives), oldest first.
	 * @throws Failed when the network cannot be read now
	 */
	Found search(Inbox inbox, String query, @Nullable String position);

	/**
	 * What one search found, where to start next time, and how long the network asks us
	 * to wait (rate limits); {@code more} when the network had more new posts than one
	 * search reads (the rest come next time).
	 */
	record Found(List<MentionImport.Incoming> posts, @Nullable String position, @Nullable Duration waitAtLeast,
			boolean more) {
	}

	/**
	 * The network could not be searched; {@code retryAfter} when it said how long to
	 * wait.
	 */
	final class Failed extends RuntimeException {

		private final @Nullable Duration retryAfter;

		public Failed(String reason, @Nullable Duration retryAfter) {
			super(reason);
			this.retryAfter = retryAfter;
		}

		public @Nullable Duration retryAfter() {
			return retryAfter;
		}

	}

}
