package org.parlons.channels;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What became of a delivery attempt: sent, worth retrying (maybe after a delay the
 * channel asked for), or failed for good.
 */
public sealed interface DeliveryResult {

	/**
	 * Delivered; {@code channelId} is the channel's own id of the message, when it gives
	 * one, and {@code url} where people read it (a brand post's address).
	 */
	record Sent(@Nullable String channelId, @Nullable String url) implements DeliveryResult {

		public Sent(@Nullable String channelId) {
			this(channelId, null);
		}

	}

	/** A passing failure (timeout, 5xx, 429): try again later. */
	record Retry(String reason, @Nullable Duration after) implements DeliveryResult {
	}

	/** A failure that will never succeed (4xx): stop and show it to the agent. */
	record Failed(String reason) implements DeliveryResult {
	}

}
