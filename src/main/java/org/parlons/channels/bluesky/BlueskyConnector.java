package org.parlons.channels.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.AccountPosts;
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
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.springframework.stereotype.Component;

/**
 * Bluesky over the AT Protocol (docs.bsky.app): a session from the account's handle and
 * app password ({@code com.atproto.server.createSession}); mentions, replies and quotes
 * read from {@code app.bsky.notification.listNotifications}, newer than the last one
 * seen; replies written as {@code app.bsky.feed.post} records whose {@code reply.root}
 * and {@code reply.parent} name the thread's first post and the customer's post (both uri
 * and cid, read back with {@code app.bsky.feed.getPosts}). Everything on Bluesky is
 * public here.
 */
@Component
class BlueskyConnector implements PollingConnector {

	static final String HANDLE = "handle";

	static final String APP_PASSWORD = "appPassword";

	static final String OFFICIAL = "https://bsky.social";

	/** Bluesky counts graphemes; 300 code points is close and never too many. */
	static final int MAX_TEXT = 300;

	private static final Set<String> TAKEN = Set.of("mention", "reply", "quote");

	private record Session(String accessJwt, String did) {
	}

	private final PlatformHttp http;

	private final ChannelHealth health;

	private final Clock clock;

	private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

	private final NetworkWords words;

	/** The largest picture Bluesky takes on a post ({@code app.bsky.embed.images}). */
	static final long MAX_IMAGE = 1_000_000;

	private final OutgoingFiles files;

	BlueskyConnector(PlatformHttp http, ChannelHealth health, Clock clock, NetworkWords words, OutgoingFiles files) {
		this.files = files;
		this.words = words;
		this.http = http;
		this.health = health;
		this.clock = clock;
	}

	@Override
	public String channel() {
		return "bluesky";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(APP_PASSWORD);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		String handle = PlatformHttp.required(settings, HANDLE);
		prepared.put(HANDLE, handle.startsWith("@") ? handle.substring(1) : handle);
		prepared.put(APP_PASSWORD, PlatformHttp.required(settings, APP_PASSWORD));
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	@Override
	public void configured(Inbox inbox) {
		sessions.remove(inbox.id());
	}

	@Override
	public void removed(Inbox inbox) {
		sessions.remove(inbox.id());
	}

	/** The most pages of 50 notifications read in one poll. */
	static final int MAX_PAGES = 10;

	/**
	 * The mentions, replies and quotes indexed after {@code position}: the notifications
	 * come newest first, so pages are followed back ({@code cursor}) until one reaches
	 * what was read before; the first poll reads the latest page only.
	 */
	@Override
	public Poll poll(Inbox inbox, @Nullable String position) {
		List<Map<String, Object>> fresh = new ArrayList<>();
		String cursor = null;
		int read = 0;
		boolean more;
		do {
			String page = cursor == null ? ""
					: "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
			PlatformHttp.Answer answer = call(inbox,
					s -> http.get(xrpc(inbox, "app.bsky.notification.listNotifications?limit=50" + page), bearer(s)));
			if (!answer.ok()) {
				throw new Failed("Bluesky " + answer.status() + ": " + FailureReason.of(answer.body()),
						waitFor(answer));
			}
			boolean reachedSeen = false;
			List<?> notifications = answer.json().get("notifications") instanceof List<?> l ? l : List.of();
			for (Object n : notifications) {
				Map<String, Object> notification = cast((Map<?, ?>) n);
				String indexedAt = String.valueOf(notification.get("indexedAt"));
				if (position != null && indexedAt.compareTo(position) <= 0) {
					reachedSeen = true;
					continue;
				}
				if (TAKEN.contains(String.valueOf(notification.get("reason")))) {
					fresh.add(notification);
				}
			}
			cursor = answer.json().get("cursor") == null ? null : answer.json().get("cursor").toString();
			read++;
			more = position != null && !reachedSeen && cursor != null && !notifications.isEmpty();
		}
		while (more && read < MAX_PAGES);
		fresh.sort(Comparator.comparing(n -> String.valueOf(n.get("indexedAt"))));
		String newest = position;
		List<InboundMessage> messages = new ArrayList<>();
		for (Map<String, Object> n : fresh) {
			newest = String.valueOf(n.get("indexedAt"));
			messages.add(message(inbox, n));
		}
		return new Poll(messages, newest, null);
	}

	private static InboundMessage message(Inbox inbox, Map<String, Object> n) {
		Map<String, Object> author = cast((Map<?, ?>) n.get("author"));
		Map<String, Object> record = cast((Map<?, ?>) n.get("record"));
		String handle = String.valueOf(author.get("handle"));
		List<Identity> identities = List.of(Identity.handle("bluesky", handle),
				Identity.external("bluesky-did", String.valueOf(author.get("did"))));
		String name = author.get("displayName") == null || author.get("displayName").toString().isBlank() ? "@" + handle
				: author.get("displayName").toString();
		String parent = null;
		Post thread = null;
		if (record.get("reply") instanceof Map<?, ?> reply) {
			Map<String, Object> r = cast(reply);
			parent = r.get("parent") instanceof Map<?, ?> p ? String.valueOf(p.get("uri")) : null;
			thread = r.get("root") instanceof Map<?, ?> root ? Post.ref(String.valueOf(root.get("uri"))) : null;
		}
		Placement placement = "mention".equals(n.get("reason")) || "quote".equals(n.get("reason")) ? Placement.MENTION
				: Placement.COMMENT;
		return new InboundMessage(inbox.id(), String.valueOf(n.get("uri")), new Author(name, identities),
				String.valueOf(record.getOrDefault("text", "")), Instant.parse(String.valueOf(record.get("createdAt"))),
				Visibility.PUBLIC, parent, null, images(inbox, String.valueOf(author.get("did")), record),
				new InboundMessage.Details(List.of(), null, true, false, null, placement, thread));
	}

	/**
	 * A post's pictures ({@code app.bsky.embed.images}, alone or beside a quoted post),
	 * where Bluesky's image service publishes them.
	 */
	private static List<Attachment> images(Inbox inbox, String did, Map<String, Object> record) {
		Object embed = record.get("embed");
		if (embed instanceof Map<?, ?> e && e.get("media") instanceof Map<?, ?> media) {
			embed = media; // app.bsky.embed.recordWithMedia
		}
		List<Attachment> out = new ArrayList<>();
		if (!(embed instanceof Map<?, ?> e) || !(e.get("images") instanceof List<?> images)) {
			return out;
		}
		String cdn = PlatformHttp.baseUrl(inbox.settings(), "https://cdn.bsky.app");
		for (Object i : images) {
			if (i instanceof Map<?, ?> image && image.get("image") instanceof Map<?, ?> blob
					&& blob.get("ref") instanceof Map<?, ?> ref && ref.get("$link") != null) {
				String cid = ref.get("$link").toString();
				out.add(new Attachment(cid + ".jpg", "image/jpeg", 0, // the service's
																		// @jpeg form
						inbox.channel() + ":" + cdn + "/img/feed_fullsize/plain/" + did + "/" + cid + "@jpeg"));
			}
		}
		return out;
	}

	/**
	 * Each picture of a reply up as a blob first, added to {@code images} for the post to
	 * embed; why not, when one does not go.
	 */
	private @Nullable DeliveryResult upload(Inbox inbox, Message reply, List<Map<String, Object>> images) {
		return files.eachPart(reply.attachments(), "file", part -> {
			PlatformHttp.Answer blob = call(inbox, s -> http.postBytes(xrpc(inbox, "com.atproto.repo.uploadBlob"),
					part.contentType(), part.bytes(), bearer(s)));
			if (!blob.ok() || blob.json().get("blob") == null) {
				return retryOrFail(blob, "uploading " + part.name());
			}
			images.add(Map.of("alt", part.name(), "image", blob.json().get("blob")));
			return null;
		});
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/** Up to four pictures of at most 1 MB each, as Bluesky takes them on a post. */
	@Override
	public @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility, List<Attachment> attachments) {
		boolean fits = attachments.size() <= 4
				&& attachments.stream().allMatch(a -> a.contentType().startsWith("image/") && a.size() <= MAX_IMAGE);
		return fits ? null : words.say("network.bluesky.files");
	}

	/** A customer's picture: where Bluesky's image service publishes it. */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, Attachment file) {
		return http.published(inbox, file);
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		if (visibility == Visibility.PRIVATE) {
			return words.say("network.bluesky.private");
		}
		return text.codePointCount(0, text.length()) > MAX_TEXT ? "Bluesky posts are limited to 300 characters." : null;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		try {
			return reply(outgoing);
		}
		catch (Failed ex) { // no session: try again later
			return new DeliveryResult.Retry(ex.getMessage(), ex.retryAfter());
		}
	}

	private DeliveryResult reply(Deliveries.Outgoing outgoing) {
		Inbox inbox = outgoing.inbox();
		Message answered = outgoing.repliedTo();
		if (answered == null || !answered.externalId().startsWith("at://")) {
			return new DeliveryResult.Failed("No Bluesky post to answer");
		}
		PlatformHttp.Answer post = call(inbox,
				s -> http.get(
						xrpc(inbox,
								"app.bsky.feed.getPosts?uris="
										+ URLEncoder.encode(answered.externalId(), StandardCharsets.UTF_8)),
						bearer(s)));
		if (!post.ok() || !(post.json().get("posts") instanceof List<?> posts) || posts.isEmpty()) {
			return retryOrFail(post, "reading the post to answer");
		}
		Map<String, Object> parent = cast((Map<?, ?>) posts.get(0));
		Map<String, Object> parentRef = Map.of("uri", parent.get("uri"), "cid", parent.get("cid"));
		Map<String, Object> root = parentRef;
		if (parent.get("record") instanceof Map<?, ?> rec && rec.get("reply") instanceof Map<?, ?> reply
				&& reply.get("root") instanceof Map<?, ?> r) {
			root = Map.of("uri", r.get("uri"), "cid", r.get("cid"));
		}
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("$type", "app.bsky.feed.post");
		record.put("text", outgoing.message().text());
		record.put("createdAt", clock.instant().toString());
		record.put("reply", Map.of("root", root, "parent", parentRef));
		if (!outgoing.message().attachments().isEmpty()) {
			List<Map<String, Object>> images = new ArrayList<>();
			DeliveryResult notUploaded = upload(inbox, outgoing.message(), images);
			if (notUploaded != null) {
				return notUploaded;
			}
			record.put("embed", Map.of("$type", "app.bsky.embed.images", "images", images));
		}
		PlatformHttp.Answer created = call(inbox, s -> http.postJson(xrpc(inbox, "com.atproto.repo.createRecord"),
				Map.of("repo", s.did(), "collection", "app.bsky.feed.post", "record", record), bearer(s)));
		if (created.ok() && created.json().get("uri") != null) {
			health.succeeded(inbox.id());
			return new DeliveryResult.Sent(created.json().get("uri").toString());
		}
		return retryOrFail(created, "posting the reply");
	}

	/**
	 * A post of the brand's account, written with {@code com.atproto.repo.putRecord}
	 * under a record key made from the post (its time and key): a repeat after a crash
	 * writes the same record again instead of a second post.
	 */
	@Override
	public DeliveryResult publish(Inbox inbox, AccountPosts.Post post) {
		try {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("$type", "app.bsky.feed.post");
			record.put("text", post.text());
			record.put("createdAt", post.createdAt().toString());
			String rkey = recordKey(post);
			PlatformHttp.Answer put = call(inbox,
					s -> http.postJson(xrpc(inbox, "com.atproto.repo.putRecord"),
							Map.of("repo", s.did(), "collection", "app.bsky.feed.post", "rkey", rkey, "record", record),
							bearer(s)));
			if (put.ok() && put.json().get("uri") != null) {
				String uri = put.json().get("uri").toString();
				String handle = inbox.setting(HANDLE).replaceFirst("^@", "");
				return new DeliveryResult.Sent(uri, "https://bsky.app/profile/" + handle + "/post/" + rkey);
			}
			return retryOrFail(put, "posting");
		}
		catch (Failed ex) {
			return new DeliveryResult.Retry(ex.getMessage(), ex.retryAfter());
		}
	}

	/**
	 * A timestamp identifier (the AT Protocol's TID: 13 characters of base32-sortable, 53
	 * bits of microseconds and 10 bits of clock id) fixed by the post: its creation time
	 * and a clock id drawn from its key.
	 */
	static String recordKey(AccountPosts.Post post) {
		long micros = post.createdAt().getEpochSecond() * 1_000_000L + post.createdAt().getNano() / 1_000;
		long clockId = Math.floorMod(post.key().hashCode(), 1024);
		long value = (micros << 10) | clockId;
		String alphabet = "234567abcdefghijklmnopqrstuvwxyz";
		char[] out = new char[13];
		for (int i = 12; i >= 0; i--) {
			out[i] = alphabet.charAt((int) (value & 31));
			value >>>= 5;
		}
		return new String(out);
	}

	@Override
	public int postLimit() {
		return MAX_TEXT;
	}

	@Override
	public @Nullable String moderate(Inbox inbox, Message message, String action) {
		if (!"like".equals(action) || !message.inbound() || !message.externalId().startsWith("at://")) {
			return "On Bluesky Parlons can only like a customer's post.";
		}
		try {
			PlatformHttp.Answer post = call(inbox,
					s -> http.get(
							xrpc(inbox,
									"app.bsky.feed.getPosts?uris="
											+ URLEncoder.encode(message.externalId(), StandardCharsets.UTF_8)),
							bearer(s)));
			if (!post.ok() || !(post.json().get("posts") instanceof List<?> posts) || posts.isEmpty()) {
				return "Bluesky could not find the post (" + post.status() + ")";
			}
			Map<String, Object> subject = cast((Map<?, ?>) posts.get(0));
			Map<String, Object> like = Map.of("$type", "app.bsky.feed.like", "createdAt", clock.instant().toString(),
					"subject", Map.of("uri", subject.get("uri"), "cid", subject.get("cid")));
			return PlatformHttp.refusal("Bluesky",
					call(inbox, s -> http.postJson(xrpc(inbox, "com.atproto.repo.createRecord"),
							Map.of("repo", s.did(), "collection", "app.bsky.feed.like", "record", like), bearer(s))));
		}
		catch (Failed ex) {
			return ex.getMessage();
		}
	}

	private DeliveryResult retryOrFail(PlatformHttp.Answer answer, String what) {
		String reason = "Bluesky " + answer.status() + " " + what + ": " + FailureReason.of(answer.body());
		DeliveryResult result = http.outcome(answer, null);
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: new DeliveryResult.Retry(reason, waitFor(answer));
	}

	/** A GET of an XRPC method with the inbox's session (for the search). */
	PlatformHttp.Answer get(Inbox inbox, String method) {
		return call(inbox, s -> http.get(xrpc(inbox, method), bearer(s)));
	}

	/**
	 * A call with the inbox's session, opening one first, and once more when the token
	 * expired.
	 */
	private PlatformHttp.Answer call(Inbox inbox, Function<Session, PlatformHttp.Answer> request) {
		Session session = session(inbox);
		PlatformHttp.Answer answer = request.apply(session);
		if (answer.status() == 400 && answer.body().contains("ExpiredToken") || answer.status() == 401) {
			sessions.remove(inbox.id());
			answer = request.apply(session(inbox));
		}
		return answer;
	}

	private Session session(Inbox inbox) {
		Session cached = sessions.get(inbox.id());
		if (cached != null) {
			return cached;
		}
		PlatformHttp.Answer answer = http.postJson(xrpc(inbox, "com.atproto.server.createSession"),
				Map.of("identifier", inbox.setting(HANDLE), "password", inbox.setting(APP_PASSWORD)), Map.of());
		Map<String, Object> json = answer.json();
		if (!answer.ok() || json.get("accessJwt") == null || json.get("did") == null) {
			String reason = "Bluesky sign-in failed (" + answer.status() + "): " + FailureReason.of(answer.body());
			health.failed(inbox.id(), reason, clock.instant().plus(Duration.ofMinutes(5)));
			throw new Failed(reason, waitFor(answer));
		}
		Session session = new Session(json.get("accessJwt").toString(), json.get("did").toString());
		sessions.put(inbox.id(), session);
		return session;
	}

	private static Map<String, String> bearer(Session session) {
		return Map.of("Authorization", "Bearer " + session.accessJwt());
	}

	private static String xrpc(Inbox inbox, String method) {
		return PlatformHttp.baseUrl(inbox.settings(), OFFICIAL) + "/xrpc/" + method;
	}

	/** How long to wait: Retry-After when given, five minutes on a bare 429. */
	@Nullable Duration waitFor(PlatformHttp.Answer answer) {
		if (answer.retryAfter() != null) {
			try {
				return Duration.ofSeconds(Long.parseLong(answer.retryAfter().strip()));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return answer.status() == 429 ? Duration.ofMinutes(5) : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
