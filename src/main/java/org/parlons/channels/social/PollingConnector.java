package org.parlons.channels.social;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelConnector;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Post;
import org.parlons.conversations.PostMetrics;

/**
 * A connector for a network that is read by asking (X, Mastodon, Bluesky), not told by webhook.
 */
public interface PollingConnector extends ChannelConnector {

	/**
	 * What is new since {@code position} (null on the first poll: start from now, or from recent messages).
	 * @throws Failed when the network cannot be read now, saying when to try again if it said so
	 */
	Poll poll(Inbox inbox, @Nullable String position);

	/**
	 * The brand account's followers and its recent posts with their figures, as the network shows them now;
	 * null where the network (or this connector) does not give them. Read less often than messages.
	 * @throws Failed when the network cannot be read now
	 */
	default @Nullable Audience audience(Inbox inbox) {
		return null;
	}

	/** The account's followers and what its recent posts have gathered so far. */
	record Audience(long followers, List<Reading> posts) {
	}

	/** One of the account's posts and its figures now. */
	record Reading(Post post, PostMetrics metrics) {
	}

	/** New messages, the position to start from next time, and how long the network asks us to wait. */
	record Poll(List<InboundMessage> messages, @Nullable String position, @Nullable Duration waitAtLeast) {
	}

	/** The network could not be read; {@code retryAfter} when it said how long to wait (rate limits). */
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
