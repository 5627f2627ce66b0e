package org.parlons.conversations;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One channel account (a mailbox, a page, a number, an API client) whose conversations
 * land together. Settings are the connector's own; secrets among them are never shown
 * back in full. A deleted inbox is kept for the history of its conversations.
 */
public record Inbox(long id, String name, String channel, Map<String, Object> settings, boolean autoAssign,
		Instant createdAt, @Nullable Instant deletedAt) {

	/**
	 * Whether the inbox was deleted: it takes in and sends nothing more, and only its
	 * conversations' history still names it.
	 */
	public boolean deleted() {
		return deletedAt != null;
	}

	public String setting(String key) {
		Object value = settings.get(key);
		return value == null ? "" : value.toString();
	}

}
