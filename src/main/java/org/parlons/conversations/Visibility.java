package org.parlons.conversations;

import java.util.Locale;

/**
 * Where a message lives: in public (a comment, a mention) or in a private thread.
 */
public enum Visibility {

	PUBLIC, PRIVATE;

	public static Visibility fromApi(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "public" -> PUBLIC;
			case "private" -> PRIVATE;
			default ->
				throw new IllegalArgumentException("visibility must be 'public' or 'private', not '" + value + "'");
		};
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

}
