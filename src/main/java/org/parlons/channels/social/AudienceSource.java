package org.parlons.channels.social;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelConnector;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;

/**
 * A connector that can read the brand account's followers and its recent posts' figures
 * (X, Mastodon, Facebook Pages, Instagram), whether its messages arrive by polling or by
 * webhook. Read once per {@code parlons.social.audience-interval}.
 */
public interface AudienceSource extends ChannelConnector {

	/**
	 * The account's followers and its recent posts with their figures, as the network
	 * shows them now; null when this inbox's network gives none.
	 * @throws RuntimeException when the network cannot be read now (logged, tried again
	 * next interval)
	 */
	@Nullable Audience audience(Inbox inbox);

	/** The account's followers and what its recent posts have gathered so far. */
	record Audience(long followers, List<Reading> posts) {
	}

	/** One of the account's posts and its figures now. */
	record Reading(Post post, PostMetrics metrics) {
	}

}
