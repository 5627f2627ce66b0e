package org.parlons.channels.mastodon;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.parlons.channels.social.SocialText;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.platform.Json;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Mastodon, on any instance, with the REST API (docs.joinmastodon.org): mentions read
 * from {@code GET /api/v1/notifications?types[]=mention} since the last id seen; a direct
 * mention is a private message, a followers-only one private too, a public or unlisted
 * one public. Replies are statuses answering the customer's status and naming them:
 * public for a public answer, direct for a private one.
 */
@Component
class MastodonConnector implements PollingConnector, AudienceSource {

	static final String INSTANCE = "instanceUrl";

	static final String ACCESS_TOKEN = "accessToken";

	static final int MAX_TEXT = 500;

	private final PlatformHttp http;

	private final ChannelHealth health;

	private final NetworkWords words;

	private final OutgoingFiles files;

	MastodonConnector(PlatformHttp http, ChannelHealth health, NetworkWords words, OutgoingFiles files) {
		this.files = files;
		this.words = words;
		this.http = http;
		this.health = health;
	}

	@Override
	public String channel() {
		return "mastodon";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(ACCESS_TOKEN);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		Object instance = settings.get(INSTANCE);
		if (instance == null || instance.toString().isBlank()) {
			if (settings.get("apiBaseUrl") == null) {
				throw new IllegalArgumentException("instanceUrl is required (for example https://mastodon.social)");
			}
		}
		else {
			URI uri = URI.create(instance.toString().strip());
			if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException("instanceUrl must be the https address of the instance");
			}
			prepared.put(INSTANCE, uri.toString());
		}
		prepared.put(ACCESS_TOKEN, PlatformHttp.required(settings, ACCESS_TOKEN));
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	String base(Inbox inbox) {
		Object instance = inbox.settings().get(INSTANCE);
		return PlatformHttp.baseUrl(inbox.settings(), instance == null ? "" : instance.toString());
	}

	Map<String, String> auth(Inbox inbox) {
		return Map.of("Authorization", "Bearer " + inbox.setting(ACCESS_TOKEN));
	}

	/** The most pages of 40 notifications read in one poll. */
	static final int MAX_PAGES = 10;

	/**
	 * The mentions after {@code position}, read forward page by page ({@code min_id}: the
	 * 40 notifications just after it) until caught up, so a burst or an outage loses
	 * nothing; the first poll reads the latest page only.
	 */
	@Override
	public Poll poll(Inbox inbox, @Nullable String position) {
		Object instance = inbox.settings().get(INSTANCE);
		// local accounts' domain
		String host = URI.create(instance != null ? instance.toString() : base(inbox)).getHost();
		List<InboundMessage> messages = new ArrayList<>();
		String newest = position;
		int read = 0;
		boolean more;
		do {
			String url = base(inbox) + "/api/v1/notifications?types[]=mention&limit=" + PAGE
					+ (newest == null ? "" : "&min_id=" + newest);
			PlatformHttp.Answer answer = http.get(url, auth(inbox));
			if (!answer.ok()) {
				throw new Failed("Mastodon " + answer.status() + ": " + FailureReason.of(answer.body()),
						waitFor(answer));
			}
			List<Map<String, Object>> notifications = list(answer.body());
			String before = newest;
			List<InboundMessage> page = new ArrayList<>();
			for (Map<String, Object> n : notifications) {
				String id = String.valueOf(n.get("id"));
				if (before != null && compareIds(id, before) <= 0) {
					continue; // read before
				}
				if (newest == null || compareIds(id, newest) > 0) {
					newest = id;
				}
				if (n.get("status") instanceof Map<?, ?> status) {
					page.add(message(inbox, cast(status), host));
				}
			}
			Collections.reverse(page); // the API answers newest first
			messages.addAll(page);
			read++;
			more = position != null && notifications.size() >= PAGE && !java.util.Objects.equals(before, newest);
		}
		while (more && read < MAX_PAGES);
		return new Poll(messages, newest, null);
	}

	private static final int PAGE = 40;

	/**
	 * The account's followers ({@code GET /api/v1/accounts/verify_credentials}) and its
	 * last 20 posts of its own, neither replies nor boosts
	 * ({@code GET /api/v1/accounts/:id/statuses}), with favourites, boosts and replies;
	 * Mastodon counts neither impressions nor reach.
	 */
	@Override
	public Audience audience(Inbox inbox) {
		PlatformHttp.Answer me = http.get(base(inbox) + "/api/v1/accounts/verify_credentials", auth(inbox));
		if (!me.ok() || !(me.json().get("followers_count") instanceof Number followers)
				|| me.json().get("id") == null) {
			throw new Failed("Mastodon verify_credentials " + me.status() + ": " + FailureReason.of(me.body()),
					waitFor(me));
		}
		PlatformHttp.Answer answer = http.get(base(inbox) + "/api/v1/accounts/" + me.json().get("id")
				+ "/statuses?limit=20&exclude_replies=true&exclude_reblogs=true", auth(inbox));
		if (!answer.ok()) {
			throw new Failed("Mastodon statuses " + answer.status() + ": " + FailureReason.of(answer.body()),
					waitFor(answer));
		}
		List<Reading> readings = new ArrayList<>();
		for (Map<String, Object> status : list(answer.body())) {
			Post post = new Post(String.valueOf(status.get("id")),
					SocialText.fromHtml(String.valueOf(status.getOrDefault("content", ""))),
					status.get("url") == null ? null : status.get("url").toString(), null,
					Instant.parse(String.valueOf(status.get("created_at"))));
			readings.add(new Reading(post, new PostMetrics(count(status, "favourites_count"),
					count(status, "replies_count"), count(status, "reblogs_count"), null, null)));
		}
		return new Audience(followers.longValue(), readings);
	}

	static @Nullable Long count(Map<String, Object> status, String field) {
		return status.get(field) instanceof Number n ? n.longValue() : null;
	}

	/**
	 * The local accounts' domain of an inbox's instance, for handles written without one.
	 */
	String host(Inbox inbox) {
		Object instance = inbox.settings().get(INSTANCE);
		return URI.create(instance != null ? instance.toString() : base(inbox)).getHost();
	}

	static InboundMessage message(Inbox inbox, Map<String, Object> status, String host) {
		Map<String, Object> account = cast((Map<?, ?>) status.get("account"));
		String acct = String.valueOf(account.get("acct"));
		String fullAcct = acct.contains("@") ? acct : acct + "@" + host;
		String visibility = String.valueOf(status.get("visibility"));
		boolean isPrivate = "direct".equals(visibility) || "private".equals(visibility);
		String name = account.get("display_name") == null || account.get("display_name").toString().isBlank()
				? "@" + fullAcct : account.get("display_name").toString();
		List<Attachment> media = new ArrayList<>();
		if (status.get("media_attachments") instanceof List<?> attachments) {
			for (Object a : attachments) {
				if (a instanceof Map<?, ?> m) {
					String type = String.valueOf(m.get("type")); // image, video, gifv,
																	// audio
					String kind = "gifv".equals(type) ? "video" : type;
					String url = m.get("url") == null ? null : m.get("url").toString();
					media
						.add(new Attachment(url == null ? kind : PlatformHttp.fileName(url, kind),
								List.of("image", "video", "audio").contains(kind) ? kind + "/*"
										: "application/octet-stream",
								0, url == null ? null : inbox.channel() + ":" + url));
				}
			}
		}
		String replyTo = status.get("in_reply_to_id") == null ? null : status.get("in_reply_to_id").toString();
		Placement placement = "direct".equals(visibility) ? Placement.DIRECT : Placement.MENTION;
		Post post = replyTo == null ? null : Post.ref(replyTo);
		return new InboundMessage(inbox.id(), String.valueOf(status.get("id")),
				new Author(name, List.of(Identity.handle("mastodon", fullAcct))),
				SocialText.fromHtml(String.valueOf(status.getOrDefault("content", ""))),
				Instant.parse(String.valueOf(status.get("created_at"))),
				isPrivate ? Visibility.PRIVATE : Visibility.PUBLIC, replyTo, null, media,
				new InboundMessage.Details(List.of(), null, true, false, null, placement, post));
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		return text.length() > MAX_TEXT ? words.say("network.mastodon.length") : null;
	}

	/**
	 * Each file of a reply up to the instance first ({@code POST /api/v2/media}), its id
	 * added to {@code ids} for the status to name; why not, when one does not go.
	 */
	private @Nullable DeliveryResult upload(Inbox inbox, Message reply, List<String> ids) {
		return files.eachPart(reply.attachments(), "file", part -> {
			PlatformHttp.Answer uploaded = http.postMultipart(base(inbox) + "/api/v2/media", Map.of(), List.of(part),
					auth(inbox));
			if (!uploaded.ok() || uploaded.json().get("id") == null) {
				String reason = "Mastodon " + uploaded.status() + " uploading " + part.name() + ": "
						+ FailureReason.of(uploaded.body());
				return http.outcome(uploaded, null) instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
						: new DeliveryResult.Retry(reason, waitFor(uploaded));
			}
			ids.add(uploaded.json().get("id").toString());
			return null;
		});
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/** Up to four pictures, or one video or sound, as Mastodon takes them on a post. */
	@Override
	public @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility, List<Attachment> attachments) {
		boolean pictures = attachments.stream().allMatch(a -> a.contentType().startsWith("image/"));
		boolean media = attachments.stream()
			.allMatch(a -> a.contentType().startsWith("image/") || a.contentType().startsWith("video/")
					|| a.contentType().startsWith("audio/"));
		return !media || attachments.size() > (pictures ? 4 : 1) ? words.say("network.mastodon.files") : null;
	}

	/** A customer's picture, video or sound: where the instance publishes it. */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, Attachment file) {
		return http.published(inbox, file);
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		Inbox inbox = outgoing.inbox();
		Message answered = outgoing.repliedTo();
		String acct = outgoing.customer().identity(Identity.Kind.HANDLE, "mastodon").orElse(null);
		String text = outgoing.message().text();
		if (acct != null && !text.toLowerCase(Locale.ROOT).contains("@" + acct)) {
			text = "@" + acct + " " + text; // Mastodon only notifies the people a status
											// names
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", text);
		if (!outgoing.message().attachments().isEmpty()) {
			List<String> media = new ArrayList<>();
			DeliveryResult notUploaded = upload(inbox, outgoing.message(), media);
			if (notUploaded != null) {
				return notUploaded;
			}
			body.put("media_ids", media);
		}
		if (answered != null) {
			body.put("in_reply_to_id", answered.externalId());
		}
		body.put("visibility", outgoing.message().visibility() == Visibility.PRIVATE ? "direct" : "public");
		Map<String, String> headers = new LinkedHashMap<>(auth(inbox));
		headers.put("Idempotency-Key", "parlons-" + outgoing.message().id());
		PlatformHttp.Answer answer = http.postJson(base(inbox) + "/api/v1/statuses", body, headers);
		if (answer.ok() && answer.json().get("id") != null) {
			health.succeeded(inbox.id());
			return new DeliveryResult.Sent(answer.json().get("id").toString());
		}
		DeliveryResult result = http.outcome(answer, null);
		String reason = "Mastodon " + answer.status() + ": " + FailureReason.of(answer.body());
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: new DeliveryResult.Retry(reason, waitFor(answer));
	}

	/**
	 * A public status of the brand's account, sent with the post's own
	 * {@code Idempotency-Key}: the instance keeps the key an hour and answers a repeat
	 * with the status it made, so a retry after a crash posts once.
	 */
	@Override
	public DeliveryResult publish(Inbox inbox, AccountPosts.Post post) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", post.text());
		body.put("visibility", "public");
		Map<String, String> headers = new LinkedHashMap<>(auth(inbox));
		headers.put("Idempotency-Key", "parlons-post-" + post.key());
		PlatformHttp.Answer answer = http.postJson(base(inbox) + "/api/v1/statuses", body, headers);
		if (answer.ok() && answer.json().get("id") != null) {
			Object url = answer.json().get("url");
			return new DeliveryResult.Sent(answer.json().get("id").toString(), url == null ? null : url.toString());
		}
		DeliveryResult result = http.outcome(answer, null);
		String reason = "Mastodon " + answer.status() + ": " + FailureReason.of(answer.body());
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: new DeliveryResult.Retry(reason, waitFor(answer));
	}

	/** Mastodon's default limit; an instance may allow more, never less. */
	@Override
	public int postLimit() {
		return 500;
	}

	/** Mastodon counts every link as 23 characters, whatever its length. */
	@Override
	public int length(String text) {
		return Links.counted(text, 23);
	}

	@Override
	public @Nullable String moderate(Inbox inbox, Message message, String action) {
		if (!"like".equals(action) || !message.inbound()) {
			return "On Mastodon Parlons can only favourite a customer's post; moderation belongs to their instance.";
		}
		return PlatformHttp.refusal("Mastodon", http
			.postJson(base(inbox) + "/api/v1/statuses/" + message.externalId() + "/favourite", Map.of(), auth(inbox)));
	}

	/**
	 * Mastodon says when its rate limit resets ({@code X-RateLimit-Reset}, ISO time) and
	 * Retry-After on 429.
	 */
	static @Nullable Duration waitFor(PlatformHttp.Answer answer) {
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

	/** Mastodon ids are numbers as text, possibly longer than a long. */
	static int compareIds(String a, String b) {
		return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(String json) {
		try {
			Object parsed = Json.read(json, new TypeReference<Object>() {
			});
			if (parsed instanceof List<?> items) {
				List<Map<String, Object>> out = new ArrayList<>();
				items.forEach(i -> out.add((Map<String, Object>) i));
				return out;
			}
		}
		catch (RuntimeException ex) {
			throw new Failed("Mastodon answered something that is not a list", null);
		}
		throw new Failed("Mastodon answered something that is not a list", null);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
