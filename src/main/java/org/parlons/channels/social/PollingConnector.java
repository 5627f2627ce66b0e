package org.parlons.channels.social;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelConnector;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;

/**
 * A connector for a network that is read by asking (X, Mastodon, Bluesky), not told by
 * webhook.
 */
public interface PollingConnector extends ChannelConnector {

	/**
	 * What is new since {@code position} (null on the first poll: start from now, or from
	 * recent messages).
	 * @throws Failed when the network cannot be read now, saying when to try again if it
	 * said so
	 */
	Poll poll(Inbox inbox, @Nullable String position);

	/**
	 * New messages, the position to start from next time, and how long the network asks
	 * us to wait.
	 */
	record Poll(List<InboundMessage> messages, @Nullable String position, @Nullable Duration waitAtLeast) {
	}

	/**
	 * The network could not be read; {@code retryAfter} when it said how long to wait
	 * (rate limits).
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
