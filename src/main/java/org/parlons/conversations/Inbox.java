package org.parlons.conversations;

import java.time.Instant;
import java.util.Map;

/**
 * One channel account (a mailbox, a page, a number, an API client) whose conversations
 * land together. Settings are the connector's own; secrets among them are never shown
 * back in full.
 */
public record Inbox(long id, String name, String channel, Map<String, Object> settings, boolean autoAssign,
		Instant createdAt) {

	public String setting(String key) {
		Object value = settings.get(key);
		return value == null ? "" : value.toString();
	}

}
