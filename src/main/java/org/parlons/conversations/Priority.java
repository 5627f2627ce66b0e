package org.parlons.conversations;

import java.util.Locale;

/**
 * How soon a conversation should be answered.
 */
public enum Priority {

	URGENT, HIGH, NORMAL, LOW;

	public static Priority fromApi(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"priority must be one of urgent, high, normal, low, not '" + value + "'");
		}
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

}
