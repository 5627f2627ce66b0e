package org.parlons.conversations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A post on a social network, as far as a channel knows it: what a comment belongs to.
 */
public record Post(String externalId, @Nullable String text, @Nullable String url, @Nullable String authorName,
		@Nullable Instant postedAt) {

	public static Post ref(String externalId) {
		return new Post(externalId, null, null, null, null);
	}

}
