package org.parlons.conversations;

import java.util.Locale;

/**
 * Where a conversation stands: open (waiting on us), pending (waiting on the customer),
 * snoozed, resolved.
 */
public enum ConversationStatus {

	OPEN, PENDING, SNOOZED, RESOLVED;

	public static ConversationStatus fromApi(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"status must be one of open, pending, snoozed, resolved, not '" + value + "'");
		}
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

}
