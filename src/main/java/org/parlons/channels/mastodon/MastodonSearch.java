package org.parlons.channels.mastodon;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.channels.social.PollingConnector;
import org.parlons.channels.social.SocialText;
import org.parlons.conversations.Inbox;
import org.parlons.listening.MentionImport;
import org.parlons.listening.Mentions;
import org.parlons.listening.NetworkSearch;
import org.springframework.stereotype.Component;

/**
 * Mastodon searches, as the inbox's instance sees the fediverse:
 * <ul>
 * <li>a hashtag ({@code #téléo}) reads the tag's timeline
 * ({@code GET /api/v1/timelines/tag/:hashtag}), forward from the last post read
 * ({@code min_id}), forty a page, at most {@link #PAGES} pages a reading: every public
 * post of the tag the instance knows, nothing skipped;</li>
 * <li>keywords go to the instance's full-text search
 * ({@code GET /api/v2/search?type=statuses}), which finds only what the instance indexes
 * (it needs its search engine) and posts whose authors allowed search: one page of forty
 * a reading, the newest since the last one.</li>
 * </ul>
 * Mastodon gives favourites, boosts and replies (the engagements) and the author's
 * followers, never reach.
 */
@Component
class MastodonSearch implements NetworkSearch {

	static final int PAGES = 5;

	static final int PAGE = 40;

	private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{N}_]+)");

	private final PlatformHttp http;

	private final MastodonConnector connector;

	MastodonSearch(PlatformHttp http, MastodonConnector connector) {
		this.http = http;
		this.connector = connector;
	}

	@Override
	public String network() {
		return "mastodon";
	}

	@Override
	public @Nullable String refusal(String query) {
		if (query.startsWith("#") && !HASHTAG.matcher(query).matches()) {
			return "a Mastodon hashtag search names one hashtag (#word, letters, digits and _)";
		}
		return null;
	}

	@Override
	public Found search(Inbox inbox, String query, @Nullable String position) {
		try {
			return HASHTAG.matcher(query).matches() ? tag(inbox, query.substring(1), position)
					: keywords(inbox, query, position);
		}
		catch (PollingConnector.Failed ex) {
			throw new Failed(ex.getMessage(), ex.retryAfter());
		}
	}

	private Found tag(Inbox inbox, String tag, @Nullable String position) {
		String newest = position;
		List<MentionImport.Incoming> posts = new ArrayList<>();
		boolean full = false;
		for (int page = 0; page < (position == null ? 1 : PAGES); page++) {
			List<Map<String, Object>> statuses = MastodonConnector.list(read(inbox,
					"/api/v1/timelines/tag/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20")
							+ "?limit=" + PAGE + (newest == null ? "" : "&min_id=" + newest))
				.body());
			for (Map<String, Object> status : statuses) {
				String id = String.valueOf(status.get("id"));
				if (newest == null || MastodonConnector.compareIds(id, newest) > 0) {
					newest = id;
				}
				if (status.get("reblog") == null) {
					posts.add(post(inbox, status));
				}
			}
			full = statuses.size() == PAGE;
			if (!full) {
				break;
			}
		}
		posts.sort(Comparator.comparing(MentionImport.Incoming::publishedAt));
		return new Found(posts, newest, null, full && position != null);
	}

	private Found keywords(Inbox inbox, String query, @Nullable String position) {
		PlatformHttp.Answer answer = read(inbox, "/api/v2/search?type=statuses&resolve=false&limit=" + PAGE + "&q="
				+ URLEncoder.encode(query, StandardCharsets.UTF_8) + (position == null ? "" : "&min_id=" + position));
		Object statuses = answer.json().get("statuses");
		String newest = position;
		List<MentionImport.Incoming> posts = new ArrayList<>();
		if (statuses instanceof List<?> items) {
			for (Object item : items) {
				if (!(item instanceof Map<?, ?> raw)) {
					continue;
				}
				Map<String, Object> status = MastodonConnector.cast(raw);
				String id = String.valueOf(status.get("id"));
				if (position != null && MastodonConnector.compareIds(id, position) <= 0) {
					continue; // an instance that ignores min_id
				}
				if (newest == null || MastodonConnector.compareIds(id, newest) > 0) {
					newest = id;
				}
				posts.add(post(inbox, status));
			}
		}
		posts.sort(Comparator.comparing(MentionImport.Incoming::publishedAt));
		return new Found(posts, newest, null, false);
	}

	private PlatformHttp.Answer read(Inbox inbox, String path) {
		PlatformHttp.Answer answer = http.get(connector.base(inbox) + path, connector.auth(inbox));
		if (!answer.ok()) {
			throw new Failed("Mastodon search " + answer.status() + ": " + FailureReason.of(answer.body()),
					MastodonConnector.waitFor(answer));
		}
		return answer;
	}

	private MentionImport.Incoming post(Inbox inbox, Map<String, Object> status) {
		Map<String, Object> account = status.get("account") instanceof Map<?, ?> a ? MastodonConnector.cast(a)
				: Map.of();
		String acct = String.valueOf(account.getOrDefault("acct", "unknown"));
		String fullAcct = acct.contains("@") ? acct : acct + "@" + connector.host(inbox);
		Object name = account.get("display_name");
		Long favourites = MastodonConnector.count(status, "favourites_count");
		Long boosts = MastodonConnector.count(status, "reblogs_count");
		Long replies = MastodonConnector.count(status, "replies_count");
		Long engagements = favourites == null && boosts == null && replies == null ? null
				: (favourites == null ? 0 : favourites) + (boosts == null ? 0 : boosts)
						+ (replies == null ? 0 : replies);
		return new MentionImport.Incoming("mastodon", String.valueOf(status.get("id")),
				name == null || name.toString().isBlank() ? "@" + fullAcct : name.toString(), null, fullAcct,
				SocialText.fromHtml(String.valueOf(status.getOrDefault("content", ""))),
				status.get("url") == null ? null : status.get("url").toString(),
				Instant.parse(String.valueOf(status.get("created_at"))),
				status.get("language") == null ? null : status.get("language").toString(),
				new Mentions.Audience(null, engagements, MastodonConnector.count(account, "followers_count")));
	}

}
