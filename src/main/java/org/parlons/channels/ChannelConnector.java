package org.parlons.channels;

import java.util.Map;

import org.parlons.conversations.Deliveries;

/**
 * The port every channel adapter implements: check an inbox's settings, and deliver one reply.
 */
public interface ChannelConnector {

	/** The channel name used in {@code POST /api/v1/inboxes}, e.g. "api" or "email". */
	String channel();

	/**
	 * Checks and completes the settings of a new or changed inbox (generating secrets it needs).
	 * @throws IllegalArgumentException naming what is wrong
	 */
	Map<String, Object> prepare(Map<String, Object> settings);

	/** Delivers one reply. Must not throw for a channel failure: say it in the result. */
	DeliveryResult deliver(Deliveries.Outgoing outgoing);

	/** Setting names whose values are secrets, masked when shown to anyone but administrators. */
	default java.util.Set<String> secretSettings() {
		return java.util.Set.of();
	}

}
