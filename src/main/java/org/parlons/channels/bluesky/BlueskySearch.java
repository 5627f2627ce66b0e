package org.parlons.channels.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.channels.social.PollingConnector;
import org.parlons.conversations.Inbox;
import org.parlons.listening.MentionImport;
import org.parlons.listening.Mentions;
import org.parlons.listening.NetworkSearch;
import org.springframework.stereotype.Component;

/**
 * Bluesky search ({@code app.bsky.feed.searchPosts}, newest first, with the inbox's
 * session): keywords, {@code #hashtags}, {@code from:handle}, {@code lang:fr}... with
 * likes, reposts, replies and quotes as the engagements (Bluesky gives no reach).
 * Positions are the posts' sort times ({@code since} is inclusive, {@code until}
 * exclusive): a reading takes at most {@link #PAGES} pages of a hundred, and when more
 * wait, the next goes on back to where the last one ended ("{@code since until newest}"),
 * as for X. The first reading takes only the latest page.
 */
@Component
class BlueskySearch implements NetworkSearch {

	static final int PAGES = 5;

	private final BlueskyConnector connector;

	BlueskySearch(BlueskyConnector connector) {
		this.connector = connector;
	}

	@Override
	public String network() {
		return "bluesky";
	}

	@Override
	public @Nullable String refusal(String query) {
		return null;
	}

	@Override
	public Found search(Inbox inbox, String query, @Nullable String position) {
		String[] parts = position == null ? new String[0] : position.split(" ");
		String since = parts.length > 0 ? parts[0] : null;
		String until = parts.length == 3 ? parts[1] : null;
		Instant newest = parts.length == 3 ? Instant.parse(parts[2]) : null;
		Instant oldest = until == null ? null : Instant.parse(until);
		List<MentionImport.Incoming> posts = new ArrayList<>();
		String cursor = null;
		try {
			for (int page = 0; page < (since == null ? 1 : PAGES); page++) {
				PlatformHttp.Answer answer = connector.get(inbox, "app.bsky.feed.searchPosts?sort=latest&limit=100&q="
						+ URLEncoder.encode(query, StandardCharsets.UTF_8) + (since == null ? "" : "&since=" + since)
						+ (until == null ? "" : "&until=" + until)
						+ (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
				if (!answer.ok()) {
					throw new Failed("Bluesky search " + answer.status() + ": " + FailureReason.of(answer.body()),
							connector.waitFor(answer));
				}
				for (Object item : answer.json().get("posts") instanceof List<?> l ? l : List.of()) {
					if (item instanceof Map<?, ?> post && post.get("record") instanceof Map<?, ?> record) {
						Instant sortAt = sortAt(post, record);
						posts.add(incoming(post, record));
						if (newest == null || sortAt.isAfter(newest)) {
							newest = sortAt;
						}
						if (oldest == null || sortAt.isBefore(oldest)) {
							oldest = sortAt;
						}
					}
				}
				cursor = answer.json().get("cursor") == null ? null : answer.json().get("cursor").toString();
				if (cursor == null) {
					break;
				}
			}
		}
		catch (PollingConnector.Failed ex) { // no session
			throw new Failed(ex.getMessage(), ex.retryAfter());
		}
		posts.sort(Comparator.comparing(MentionImport.Incoming::publishedAt));
		boolean more = cursor != null && since != null;
		String next = more ? since + " " + oldest + " " + newest : newest != null ? newest.toString() : since;
		return new Found(posts, next, null, more);
	}

	/** When Bluesky sorts a post: the earlier of its creation and its indexing. */
	private static Instant sortAt(Map<?, ?> post, Map<?, ?> record) {
		Instant created = Instant.parse(String.valueOf(record.get("createdAt")));
		Object indexed = post.get("indexedAt");
		if (indexed == null) {
			return created;
		}
		Instant at = Instant.parse(indexed.toString());
		return at.isBefore(created) ? at : created;
	}

	private static MentionImport.Incoming incoming(Map<?, ?> post, Map<?, ?> record) {
		Map<?, ?> author = post.get("author") instanceof Map<?, ?> a ? a : Map.of();
		String handle = String.valueOf(author.get("handle"));
		String uri = String.valueOf(post.get("uri"));
		Object name = author.get("displayName");
		String language = record.get("langs") instanceof List<?> langs && !langs.isEmpty()
				? String.valueOf(langs.get(0)) : null;
		long engagements = count(post, "likeCount") + count(post, "repostCount") + count(post, "replyCount")
				+ count(post, "quoteCount");
		return new MentionImport.Incoming("bluesky", uri,
				name == null || name.toString().isBlank() ? "@" + handle : name.toString(), null, handle,
				String.valueOf(record.get("text") == null ? "" : record.get("text")),
				"https://bsky.app/profile/" + handle + "/post/" + uri.substring(uri.lastIndexOf('/') + 1),
				Instant.parse(String.valueOf(record.get("createdAt"))), language,
				new Mentions.Audience(null, engagements, null));
	}

	private static long count(Map<?, ?> post, String field) {
		return post.get(field) instanceof Number n ? n.longValue() : 0;
	}

}
