package org.parlons.channels.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.Links;
import org.parlons.channels.AccountPosts;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.social.AudienceSource;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.channels.social.PollingConnector;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.springframework.stereotype.Component;

/**
 * X (Twitter) API v2 (docs.x.com): mentions read with
 * {@code GET /2/users/:id/mentions?since_id=}, direct messages with
 * {@code GET /2/dm_events}; public answers with {@code POST /2/tweets} replying to the
 * customer's post, private ones with
 * {@code POST /2/dm_conversations/with/:participant_id/messages}. The rate-limit headers
 * ({@code x-rate-limit-remaining}, {@code x-rate-limit-reset}) set when to ask again.
 * Needs a user access token (OAuth 2.0) with tweet.read, tweet.write, users.read, dm.read
 * and dm.write.
 */
@Component
class XConnector implements PollingConnector, AudienceSource {

	static final String USER_ID = "userId";

	static final String ACCESS_TOKEN = "accessToken";

	static final String OFFICIAL = "https://api.x.com";

	static final int MAX_TEXT = 280;

	static final int MAX_DM = 10_000;

	private final PlatformHttp http;

	private final ChannelHealth health;

	private final Messages messages;

	private final Clock clock;

	private final NetworkWords words;

	private final OutgoingFiles files;

	XConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock, NetworkWords words,
			OutgoingFiles files) {
		this.files = files;
		this.words = words;
		this.http = http;
		this.health = health;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	public String channel() {
		return "x";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(ACCESS_TOKEN);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		String user = PlatformHttp.required(settings, USER_ID);
		if (!user.matches("\\d{1,25}")) {
			throw new IllegalArgumentException("userId must be the numeric id of the brand's X account");
		}
		prepared.put(USER_ID, user);
		prepared.put(ACCESS_TOKEN, PlatformHttp.required(settings, ACCESS_TOKEN));
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	/** The most pages of mentions, and of direct messages, read in one poll. */
	static final int MAX_PAGES = 10;

	/**
	 * The position is "mentions dmNewestId": the mentions' since-id, or, while a backlog
	 * is being read page by page, "sinceId|nextPageToken|newestOfTheBacklog", so the next
	 * poll goes on where this one stopped and nothing between is skipped; "-" before
	 * anything was seen.
	 */
	@Override
	public Poll poll(Inbox inbox, @Nullable String position) {
		String[] parts = position == null ? new String[] { "-", "-" } : position.split(" ", 2);
		String[] mention = parts[0].split("\\|");
		List<InboundMessage> found = new ArrayList<>();
		Mentions mentions = mentions(inbox, mention[0], mention.length == 3 ? mention[1] : null,
				mention.length == 3 ? mention[2] : null, found);
		Dms dms = dms(inbox, parts.length > 1 ? parts[1] : "-", found);
		return new Poll(found, mentions.position() + " " + dms.newest(), waitFor(clock, mentions.last(), dms.last()));
	}

	private record Mentions(String position, PlatformHttp.Answer last) {
	}

	/**
	 * The mentions since {@code since}, newest page first; from {@code token} when a
	 * backlog is being read. The first poll of an inbox reads the latest page only.
	 */
	private Mentions mentions(Inbox inbox, String since, @Nullable String token, @Nullable String newest,
			List<InboundMessage> found) {
		List<InboundMessage> pages = new ArrayList<>();
		PlatformHttp.Answer answer;
		int read = 0;
		do {
			answer = http.get(api(inbox,
					"/2/users/" + inbox.setting(USER_ID) + "/mentions"
							+ "?max_results=100&tweet.fields=created_at,conversation_id,referenced_tweets,author_id,"
							+ "attachments&expansions=author_id,attachments.media_keys"
							+ "&user.fields=username,name,public_metrics&media.fields=type,url,variants"
							+ ("-".equals(since) ? "" : "&since_id=" + since)
							+ (token == null ? "" : "&pagination_token=" + token)),
					auth(inbox));
			check(answer);
			Map<String, Object> body = answer.json();
			Map<String, Map<String, Object>> users = users(body);
			Map<String, Map<String, Object>> media = included(body, "media", "media_key");
			for (Map<String, Object> tweet : maps(body.get("data"))) { // newest first
				pages.add(tweet(inbox, tweet, users, media));
			}
			Map<?, ?> meta = body.get("meta") instanceof Map<?, ?> m ? m : Map.of();
			if (newest == null && meta.get("newest_id") != null) {
				newest = meta.get("newest_id").toString();
			}
			token = "-".equals(since) || meta.get("next_token") == null ? null : meta.get("next_token").toString();
			read++;
		}
		while (token != null && read < MAX_PAGES);
		java.util.Collections.reverse(pages);
		found.addAll(pages);
		String position = token != null ? since + "|" + token + "|" + newest : newest != null ? newest : since;
		return new Mentions(position, answer);
	}

	private record Dms(String newest, PlatformHttp.Answer last) {
	}

	/** The direct messages newer than {@code newestDm}, page by page back to it. */
	private Dms dms(Inbox inbox, String newestDm, List<InboundMessage> found) {
		List<InboundMessage> pages = new ArrayList<>();
		String newest = newestDm;
		String token = null;
		PlatformHttp.Answer answer;
		int read = 0;
		boolean reachedSeen = false;
		do {
			answer = http.get(
					api(inbox, "/2/dm_events?max_results=50&event_types=MessageCreate"
							+ "&dm_event.fields=id,created_at,sender_id,dm_conversation_id,text&expansions=sender_id"
							+ "&user.fields=username,name" + (token == null ? "" : "&pagination_token=" + token)),
					auth(inbox));
			check(answer);
			Map<String, Map<String, Object>> senders = users(answer.json());
			for (Map<String, Object> e : maps(answer.json().get("data"))) { // newest
																			// first
				String id = String.valueOf(e.get("id"));
				if (!"-".equals(newestDm) && compareIds(id, newestDm) <= 0) {
					reachedSeen = true; // read before: the rest of the pages too
					break;
				}
				if ("-".equals(newest) || compareIds(id, newest) > 0) {
					newest = id;
				}
				if (!String.valueOf(e.get("sender_id")).equals(inbox.setting(USER_ID))) { // not
																							// our
																							// own
					pages.add(dm(inbox, e, senders));
				}
			}
			Map<?, ?> meta = answer.json().get("meta") instanceof Map<?, ?> m ? m : Map.of();
			token = reachedSeen || "-".equals(newestDm) || meta.get("next_token") == null ? null
					: meta.get("next_token").toString();
			read++;
		}
		while (token != null && read < MAX_PAGES);
		java.util.Collections.reverse(pages);
		found.addAll(pages);
		return new Dms(newest, answer);
	}

	/**
	 * The account's followers ({@code GET /2/users/:id} with {@code public_metrics}) and
	 * its last 20 posts of its own, neither replies nor reposts
	 * ({@code GET /2/users/:id/tweets}), with likes, replies, reposts and quotes (shares)
	 * and impressions; X gives no reach.
	 */
	@Override
	public Audience audience(Inbox inbox) {
		String user = inbox.setting(USER_ID);
		PlatformHttp.Answer me = http.get(api(inbox, "/2/users/" + user + "?user.fields=public_metrics"), auth(inbox));
		check(me);
		Map<?, ?> data = me.json().get("data") instanceof Map<?, ?> d ? d : Map.of();
		Map<?, ?> metrics = data.get("public_metrics") instanceof Map<?, ?> m ? m : Map.of();
		if (!(metrics.get("followers_count") instanceof Number followers)) {
			throw new Failed("X users/" + user + " gave no followers_count", null);
		}
		PlatformHttp.Answer tweets = http.get(api(inbox, "/2/users/" + user + "/tweets?max_results=20"
				+ "&exclude=replies,retweets&tweet.fields=created_at,public_metrics"), auth(inbox));
		check(tweets);
		List<Reading> readings = new ArrayList<>();
		for (Map<String, Object> t : maps(tweets.json().get("data"))) {
			String id = String.valueOf(t.get("id"));
			Map<?, ?> pm = t.get("public_metrics") instanceof Map<?, ?> m ? m : Map.of();
			Long reposts = number(pm, "retweet_count");
			Long quotes = number(pm, "quote_count");
			readings.add(new Reading(
					new Post(id, String.valueOf(t.getOrDefault("text", "")), "https://x.com/i/status/" + id, null,
							instant(t.get("created_at"))),
					new PostMetrics(number(pm, "like_count"), number(pm, "reply_count"),
							reposts == null && quotes == null ? null
									: (reposts == null ? 0 : reposts) + (quotes == null ? 0 : quotes),
							number(pm, "impression_count"), null)));
		}
		return new Audience(followers.longValue(), readings);
	}

	/** A number field of an X object; null when absent. */
	static @Nullable Long number(Map<?, ?> map, String field) {
		return map.get(field) instanceof Number n ? n.longValue() : null;
	}

	private InboundMessage tweet(Inbox inbox, Map<String, Object> t, Map<String, Map<String, Object>> users,
			Map<String, Map<String, Object>> media) {
		String authorId = String.valueOf(t.get("author_id"));
		Map<String, Object> user = users.getOrDefault(authorId, Map.of());
		String repliedTo = null;
		for (Map<String, Object> ref : maps(t.get("referenced_tweets"))) {
			if ("replied_to".equals(ref.get("type"))) {
				repliedTo = String.valueOf(ref.get("id"));
			}
		}
		String conversation = String.valueOf(t.getOrDefault("conversation_id", t.get("id")));
		return new InboundMessage(inbox.id(), String.valueOf(t.get("id")), author(authorId, user),
				String.valueOf(t.getOrDefault("text", "")), instant(t.get("created_at")), Visibility.PUBLIC, repliedTo,
				null, attachments(inbox, t, media),
				new InboundMessage.Details(List.of(), null, true, false, null,
						repliedTo == null ? Placement.MENTION : Placement.COMMENT,
						new Post(conversation, null, "https://x.com/i/status/" + conversation, null, null)));
	}

	private static InboundMessage dm(Inbox inbox, Map<String, Object> e, Map<String, Map<String, Object>> users) {
		String sender = String.valueOf(e.get("sender_id"));
		return new InboundMessage(inbox.id(), "dm:" + e.get("id"), author(sender, users.getOrDefault(sender, Map.of())),
				String.valueOf(e.getOrDefault("text", "")), instant(e.get("created_at")), Visibility.PRIVATE, null,
				null, List.of(), InboundMessage.Details.social(Placement.DIRECT, null));
	}

	private static Author author(String id, Map<String, Object> user) {
		List<Identity> identities = new ArrayList<>();
		identities.add(Identity.external("x", id));
		if (user.get("username") != null) {
			identities.add(Identity.handle("x", user.get("username").toString()));
		}
		return new Author(user.get("name") == null ? null : user.get("name").toString(), identities);
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		if (visibility == Visibility.PUBLIC) {
			if (lastPublicPost(conversation.id()) == null) {
				return words.say("network.x.noPost");
			}
			return text.codePointCount(0, text.length()) > MAX_TEXT ? words.say("network.x.length") : null;
		}
		return text.length() > MAX_DM ? words.say("network.x.dmLength") : null;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		Inbox inbox = outgoing.inbox();
		long conversation = outgoing.conversation().id();
		PlatformHttp.Answer answer;
		String id;
		boolean publicly = outgoing.message().visibility() == Visibility.PUBLIC;
		List<String> media = new ArrayList<>();
		DeliveryResult notUploaded = upload(inbox, outgoing.message(), publicly, media);
		if (notUploaded != null) {
			return notUploaded;
		}
		if (publicly) {
			Message post = lastPublicPost(conversation);
			if (post == null) {
				return new DeliveryResult.Failed("No public post to answer on X");
			}
			Map<String, Object> tweet = new LinkedHashMap<>();
			tweet.put("text", outgoing.message().text());
			tweet.put("reply", Map.of("in_reply_to_tweet_id", post.externalId()));
			if (!media.isEmpty()) {
				tweet.put("media", Map.of("media_ids", media));
			}
			answer = http.postJson(api(inbox, "/2/tweets"), tweet, auth(inbox));
			id = answer.json().get("data") instanceof Map<?, ?> data && data.get("id") != null
					? data.get("id").toString() : null;
		}
		else {
			String participant = outgoing.customer().identity(Identity.Kind.EXTERNAL, "x").orElse(null);
			if (participant == null) {
				return new DeliveryResult.Failed("No X account id known for this customer");
			}
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("text", outgoing.message().text());
			if (!media.isEmpty()) {
				message.put("attachments", media.stream().map(m -> Map.of("media_id", m)).toList());
			}
			answer = http.postJson(api(inbox, "/2/dm_conversations/with/" + participant + "/messages"), message,
					auth(inbox));
			id = answer.json().get("data") instanceof Map<?, ?> data && data.get("dm_event_id") != null
					? "dm:" + data.get("dm_event_id") : null;
		}
		if (answer.ok() && id != null) {
			health.succeeded(inbox.id());
			return new DeliveryResult.Sent(id);
		}
		return refused(answer, null);
	}

	/**
	 * A post of the brand's account ({@code POST /2/tweets}). X keeps no idempotency key;
	 * it refuses the same text twice in a row as a duplicate (403), which is taken as
	 * done.
	 */
	@Override
	public DeliveryResult publish(Inbox inbox, AccountPosts.Post post) {
		PlatformHttp.Answer answer = http.postJson(api(inbox, "/2/tweets"), Map.of("text", post.text()), auth(inbox));
		if (answer.ok() && answer.json().get("data") instanceof Map<?, ?> data && data.get("id") != null) {
			return new DeliveryResult.Sent(data.get("id").toString(), "https://x.com/i/status/" + data.get("id"));
		}
		if (answer.status() == 403 && answer.body().toLowerCase(java.util.Locale.ROOT).contains("duplicate")) {
			return new DeliveryResult.Sent(null, null);
		}
		return refused(answer, null);
	}

	/** X's limit for an account without a subscription. */
	@Override
	public int postLimit() {
		return MAX_TEXT;
	}

	/** X counts every link as 23 characters (t.co). */
	@Override
	public int length(String text) {
		return Links.counted(text, 23);
	}

	/**
	 * Each file of a reply up to X first ({@code POST /2/media/upload}), its id added to
	 * {@code ids} for the post or message to name; why not, when one does not go.
	 */
	private @Nullable DeliveryResult upload(Inbox inbox, Message reply, boolean publicly, List<String> ids) {
		return files.eachPart(reply.attachments(), "media", part -> {
			String kind = part.contentType().startsWith("video/") ? "video"
					: part.contentType().equals("image/gif") ? "gif" : "image";
			PlatformHttp.Answer uploaded = http.postMultipart(api(inbox, "/2/media/upload"),
					Map.of("media_category", (publicly ? "tweet_" : "dm_") + kind), List.of(part), auth(inbox));
			Object id = uploaded.json().get("data") instanceof Map<?, ?> d ? d.get("id") : null;
			if (!uploaded.ok() || id == null) {
				return refused(uploaded, "uploading " + part.name());
			}
			ids.add(id.toString());
			return null;
		});
	}

	private DeliveryResult refused(PlatformHttp.Answer answer, @Nullable String what) {
		String reason = "X " + answer.status() + (what == null ? "" : " " + what) + ": "
				+ FailureReason.of(answer.body());
		if (answer.status() == 429) {
			return new DeliveryResult.Retry(reason, resetIn(answer, clock));
		}
		DeliveryResult result = http.outcome(answer, null);
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: new DeliveryResult.Retry(reason, null);
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/**
	 * Up to four pictures, or one GIF or video, on a post; one file in a direct message;
	 * pictures of at most 5 MB.
	 */
	@Override
	public @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text, Visibility visibility,
			List<Attachment> attachments) {
		boolean pictures = attachments.stream()
			.allMatch(a -> a.contentType().startsWith("image/") && !a.contentType().equals("image/gif"));
		boolean media = attachments.stream()
			.allMatch(a -> a.contentType().startsWith("image/") || a.contentType().startsWith("video/"));
		int most = visibility == Visibility.PRIVATE ? 1 : pictures ? 4 : 1;
		boolean small = attachments.stream()
			.allMatch(a -> !a.contentType().startsWith("image/") || a.size() <= 5L * 1024 * 1024);
		return media && small && attachments.size() <= most ? null : words.say("network.x.files");
	}

	@Override
	public @Nullable String moderate(Inbox inbox, Message message, String action) {
		if (!message.inbound() || message.visibility() != Visibility.PUBLIC) {
			return "Only a customer's public post can be moderated on X.";
		}
		PlatformHttp.Answer answer = switch (action) {
			// X hides replies in the brand's own threads only; it never deletes someone
			// else's post.
			case "hide", "unhide" -> http.putJson(api(inbox, "/2/tweets/" + message.externalId() + "/hidden"),
					Map.of("hidden", "hide".equals(action)), auth(inbox));
			case "like" -> http.postJson(api(inbox, "/2/users/" + inbox.setting(USER_ID) + "/likes"),
					Map.of("tweet_id", message.externalId()), auth(inbox));
			default -> null;
		};
		return answer == null ? "X does not allow Parlons to " + action + " someone else's post."
				: PlatformHttp.refusal("X", answer);
	}

	/** The customer's latest public post in the conversation, a mention or a reply. */
	private @Nullable Message lastPublicPost(long conversationId) {
		Message mention = messages.lastInbound(conversationId, Placement.MENTION).orElse(null);
		Message comment = messages.lastInbound(conversationId, Placement.COMMENT).orElse(null);
		if (mention == null || comment == null) {
			return mention != null ? mention : comment;
		}
		return mention.sentAt().isAfter(comment.sentAt()) ? mention : comment;
	}

	private void check(PlatformHttp.Answer answer) {
		if (!answer.ok()) {
			throw new Failed("X " + answer.status() + ": " + FailureReason.of(answer.body()),
					answer.status() == 429 ? resetIn(answer, clock) : null);
		}
	}

	/** When any limit is used up, wait for its reset. */
	static @Nullable Duration waitFor(Clock clock, PlatformHttp.Answer... answers) {
		Duration longest = null;
		for (PlatformHttp.Answer a : answers) {
			if ("0".equals(a.header("x-rate-limit-remaining"))) {
				Duration d = resetIn(a, clock);
				if (d != null && (longest == null || d.compareTo(longest) > 0)) {
					longest = d;
				}
			}
		}
		return longest;
	}

	static @Nullable Duration resetIn(PlatformHttp.Answer answer, Clock clock) {
		String reset = answer.header("x-rate-limit-reset");
		if (reset == null) {
			return answer.retryAfter() == null ? Duration.ofMinutes(15) : parseSeconds(answer.retryAfter());
		}
		try {
			Duration d = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
			return d.isNegative() ? Duration.ZERO : d;
		}
		catch (NumberFormatException ex) {
			return Duration.ofMinutes(15);
		}
	}

	private static @Nullable Duration parseSeconds(String value) {
		try {
			return Duration.ofSeconds(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static Map<String, Map<String, Object>> users(Map<String, Object> body) {
		return included(body, "users", "id");
	}

	/**
	 * The objects an answer includes beside its data ({@code includes.users}…), by key.
	 */
	static Map<String, Map<String, Object>> included(Map<String, Object> body, String kind, String key) {
		Map<String, Map<String, Object>> found = new HashMap<>();
		if (body.get("includes") instanceof Map<?, ?> includes) {
			for (Map<String, Object> item : maps(includes.get(kind))) {
				found.put(String.valueOf(item.get(key)), item);
			}
		}
		return found;
	}

	/**
	 * A post's pictures and videos: a photo where X publishes it, a video or GIF as its
	 * best MP4.
	 */
	private static List<Attachment> attachments(Inbox inbox, Map<String, Object> t,
			Map<String, Map<String, Object>> media) {
		List<Attachment> out = new ArrayList<>();
		Object keys = t.get("attachments") instanceof Map<?, ?> a ? a.get("media_keys") : null;
		if (!(keys instanceof List<?> list)) {
			return out;
		}
		for (Object key : list) {
			Map<String, Object> m = media.get(String.valueOf(key));
			if (m == null) {
				continue;
			}
			boolean photo = "photo".equals(m.get("type"));
			String url = photo ? (m.get("url") == null ? null : m.get("url").toString()) : bestVideo(m);
			String kind = photo ? "image" : "video";
			out.add(new Attachment(url == null ? kind : PlatformHttp.fileName(url, kind), kind + "/*", 0,
					url == null ? null : inbox.channel() + ":" + url));
		}
		return out;
	}

	private static @Nullable String bestVideo(Map<String, Object> m) {
		return maps(m.get("variants")).stream()
			.filter(v -> "video/mp4".equals(v.get("content_type")) && v.get("url") != null)
			.max(java.util.Comparator.comparingLong(v -> v.get("bit_rate") instanceof Number n ? n.longValue() : 0))
			.map(v -> v.get("url").toString())
			.orElse(null);
	}

	/** A customer's photo or video: where X publishes it. */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, Attachment file) {
		return http.published(inbox, file);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> maps(@Nullable Object value) {
		List<Map<String, Object>> out = new ArrayList<>();
		if (value instanceof List<?> items) {
			items.stream().filter(Map.class::isInstance).forEach(i -> out.add((Map<String, Object>) i));
		}
		return out;
	}

	static Instant instant(@Nullable Object value) {
		return value == null ? Instant.now() : Instant.parse(value.toString());
	}

	static int compareIds(String a, String b) {
		return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
	}

	static String api(Inbox inbox, String path) {
		return PlatformHttp.baseUrl(inbox.settings(), OFFICIAL) + path;
	}

	static Map<String, String> auth(Inbox inbox) {
		return Map.of("Authorization", "Bearer " + inbox.setting(ACCESS_TOKEN));
	}

}
