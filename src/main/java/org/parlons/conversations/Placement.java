package org.parlons.conversations;

import java.util.Locale;

/**
 * Where on a social network a message lives, beyond public or private: under a post, in a
 * mention, in a private conversation, or in a group chat.
 */
public enum Placement {

	COMMENT, MENTION, DIRECT, GROUP;

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Placement fromApi(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

}
