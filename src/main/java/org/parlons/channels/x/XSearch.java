package org.parlons.channels.x;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Inbox;
import org.parlons.listening.MentionImport;
import org.parlons.listening.Mentions;
import org.parlons.listening.NetworkSearch;
import org.springframework.stereotype.Component;

/**
 * X recent search ({@code GET /2/tweets/search/recent}, the last seven days, any query
 * X's search takes: keywords, {@code #hashtags}, {@code "phrases"}, {@code lang:fr},
 * {@code -is:retweet}...), with the posts' public metrics and their authors' followers. X
 * counts impressions (views, not people): they are kept as the mention's reach, an upper
 * bound of the people it reached.
 * <p>
 * Each reading asks for the posts since the newest one read, newest first, a hundred a
 * page, at most {@link #PAGES} pages. When more are waiting, the reading stops at the
 * oldest it read and the next one goes on from there back to where the previous reading
 * ended, so nothing is skipped; the position is then "{@code since until newest}". The
 * first reading takes only the latest page.
 */
@Component
class XSearch implements NetworkSearch {

	static final int PAGES = 5;

	private final PlatformHttp http;

	private final Clock clock;

	XSearch(PlatformHttp http, Clock clock) {
		this.http = http;
		this.clock = clock;
	}

	@Override
	public String network() {
		return "x";
	}

	@Override
	public @Nullable String refusal(String query) {
		return query.length() > 512 ? "X takes queries of at most 512 characters" : null;
	}

	@Override
	public Found search(Inbox inbox, String query, @Nullable String position) {
		String[] parts = position == null ? new String[0] : position.split(" ");
		String since = parts.length > 0 ? parts[0] : null;
		String until = parts.length == 3 ? parts[1] : null;
		String newest = parts.length == 3 ? parts[2] : null;
		List<MentionImport.Incoming> posts = new ArrayList<>();
		String token = null;
		PlatformHttp.Answer last = null;
		String oldest = until;
		for (int page = 0; page < (since == null ? 1 : PAGES); page++) {
			last = http.get(XConnector.api(inbox,
					"/2/tweets/search/recent?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
							+ "&max_results=100&tweet.fields=created_at,lang,author_id,public_metrics"
							+ "&expansions=author_id&user.fields=username,name,public_metrics"
							+ (since == null ? "" : "&since_id=" + since) + (until == null ? "" : "&until_id=" + until)
							+ (token == null ? "" : "&next_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))),
					XConnector.auth(inbox));
			if (!last.ok()) {
				throw new Failed("X search " + last.status() + ": " + FailureReason.of(last.body()),
						last.status() == 429 ? XConnector.resetIn(last, clock) : null);
			}
			Map<String, Object> body = last.json();
			Map<String, Map<String, Object>> users = XConnector.users(body);
			for (Map<String, Object> t : XConnector.maps(body.get("data"))) {
				posts.add(post(t, users));
			}
			Map<?, ?> meta = body.get("meta") instanceof Map<?, ?> m ? m : Map.of();
			if (newest == null && meta.get("newest_id") != null) {
				newest = meta.get("newest_id").toString(); // the first page of a reading
															// holds the newest post
			}
			if (meta.get("oldest_id") != null) {
				oldest = meta.get("oldest_id").toString();
			}
			token = meta.get("next_token") == null ? null : meta.get("next_token").toString();
			if (token == null) {
				break;
			}
		}
		posts.sort(Comparator.comparing(MentionImport.Incoming::publishedAt));
		boolean more = token != null && since != null;
		String next = more ? since + " " + oldest + " " + newest : newest != null ? newest : since;
		return new Found(posts, next, XConnector.waitFor(clock, last), more);
	}

	private static MentionImport.Incoming post(Map<String, Object> t, Map<String, Map<String, Object>> users) {
		String id = String.valueOf(t.get("id"));
		String authorId = String.valueOf(t.get("author_id"));
		Map<String, Object> user = users.getOrDefault(authorId, Map.of());
		Map<?, ?> metrics = t.get("public_metrics") instanceof Map<?, ?> m ? m : Map.of();
		Map<?, ?> userMetrics = user.get("public_metrics") instanceof Map<?, ?> m ? m : Map.of();
		Long engagements = metrics.isEmpty() ? null : count(metrics, "like_count") + count(metrics, "reply_count")
				+ count(metrics, "retweet_count") + count(metrics, "quote_count");
		String username = user.get("username") == null ? null : user.get("username").toString();
		return new MentionImport.Incoming("x", id, user.get("name") == null ? null : user.get("name").toString(),
				authorId, username, String.valueOf(t.getOrDefault("text", "")),
				"https://x.com/" + (username == null ? "i" : username) + "/status/" + id,
				XConnector.instant(t.get("created_at")), t.get("lang") == null ? null : t.get("lang").toString(),
				new Mentions.Audience(XConnector.number(metrics, "impression_count"), engagements,
						XConnector.number(userMetrics, "followers_count")));
	}

	private static long count(Map<?, ?> metrics, String field) {
		Long n = XConnector.number(metrics, field);
		return n == null ? 0 : n;
	}

}
