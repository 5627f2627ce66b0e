package org.parlons.channels.meta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;

/**
 * Reads the webhook payloads of Meta's Graph API into inbound messages and delivery
 * reports. Shapes, from developers.facebook.com/docs: Messenger and Instagram messaging
 * ({@code entry[].messaging[]} with sender, recipient, timestamp,
 * message.mid/text/attachments/reply_to, is_echo for the page's own), Page feed changes
 * ({@code field: "feed"}, value.item "comment" or "post", verb "add", comment_id,
 * post_id, parent_id, message, from, created_time), Instagram comments
 * ({@code field: "comments"}, value.id, text, from.id/username, media.id, parent_id) and
 * mentions ({@code field: "mentions"}, value.media_id and comment_id, read back from the
 * Graph API), WhatsApp Cloud API ({@code field: "messages"},
 * value.metadata.phone_number_id, contacts[].profile.name and wa_id, messages[] with id,
 * from, timestamp, type, text.body, context.id, image/document/audio, and statuses[] with
 * id, status, errors[]).
 */
final class MetaPayloads {

	/** A later report on a reply: delivered, read or failed. */
	record StatusReport(String channelId, MessageStatus status, @Nullable String reason) {
	}

	/**
	 * An Instagram mention: its content must be read from the Graph API (the webhook only
	 * names it).
	 */
	record MentionRef(String mediaId, @Nullable String commentId, Instant at) {
	}

	/**
	 * A WhatsApp customer's choice in a satisfaction list: a survey's token and score.
	 */
	record RatingReply(String token, int score) {
	}

	/** Everything one webhook call carries. */
	record Contents(List<InboundMessage> messages, List<StatusReport> statuses, List<MentionRef> mentions,
			int ignoredEntries, List<RatingReply> ratings) {

		Contents(List<InboundMessage> messages, List<StatusReport> statuses) {
			this(messages, statuses, List.of(), 0, List.of());
		}

	}

	private MetaPayloads() {
	}

	static Contents read(Inbox inbox, Map<String, Object> payload) {
		List<InboundMessage> messages = new ArrayList<>();
		List<StatusReport> statuses = new ArrayList<>();
		List<MentionRef> mentions = new ArrayList<>();
		List<RatingReply> ratings = new ArrayList<>();
		int ignored = 0;
		String object = text(payload.get("object"), "object");
		for (Map<String, Object> entry : list(payload.get("entry"), "entry")) {
			if (!"whatsapp".equals(inbox.channel())
					&& !inbox.setting(MetaConnector.PAGE_ID).equals(text(entry.get("id"), "entry[].id"))) {
				ignored++;
				continue; // another page or account of the same app: not this inbox's
			}
			switch (inbox.channel()) {
				case "facebook" -> facebook(inbox, object, entry, messages);
				case "instagram" -> instagram(inbox, object, entry, messages, mentions);
				case "whatsapp" -> whatsapp(inbox, object, entry, messages, statuses, ratings);
				default -> throw new IllegalArgumentException("inbox " + inbox.id() + " is not a Meta inbox");
			}
		}
		return new Contents(messages, statuses, mentions, ignored, ratings);
	}

	private static void facebook(Inbox inbox, String object, Map<String, Object> entry, List<InboundMessage> out) {
		expect(object, "page");
		String pageId = inbox.setting(MetaConnector.PAGE_ID);
		messaging(inbox, entry, "facebook-psid:" + pageId, out);
		for (Map<String, Object> change : optionalList(entry.get("changes"))) {
			if (!"feed".equals(change.get("field"))) {
				continue;
			}
			Map<String, Object> v = map(change.get("value"), "changes[].value");
			String item = String.valueOf(v.get("item"));
			Map<String, Object> from = v.get("from") instanceof Map<?, ?> f ? cast(f) : Map.of();
			if (!"add".equals(v.get("verb")) || pageId.equals(String.valueOf(from.get("id")))
					|| !("comment".equals(item) || "post".equals(item) || "status".equals(item))) {
				continue; // edits, removals, likes and the page's own words
			}
			String postId = text(v.get("post_id"), "value.post_id");
			boolean comment = "comment".equals(item);
			String id = comment ? text(v.get("comment_id"), "value.comment_id") : postId;
			String parent = v.get("parent_id") == null ? null : v.get("parent_id").toString();
			Author author = new Author(nameOf(from),
					List.of(Identity.external("facebook-user:" + pageId, text(from.get("id"), "value.from.id"))));
			out.add(new InboundMessage(inbox.id(), id, author, String.valueOf(v.getOrDefault("message", "")),
					instant(v.get("created_time")), Visibility.PUBLIC,
					comment && parent != null && !parent.equals(postId) ? parent : null, null, List.of(),
					InboundMessage.Details.social(comment ? Placement.COMMENT : Placement.MENTION,
							new Post(postId, null, "https://www.facebook.com/" + postId, null, null))));
		}
	}

	private static void instagram(Inbox inbox, String object, Map<String, Object> entry, List<InboundMessage> out,
			List<MentionRef> mentions) {
		expect(object, "instagram");
		String account = inbox.setting(MetaConnector.PAGE_ID);
		messaging(inbox, entry, "instagram-igsid:" + account, out);
		for (Map<String, Object> change : optionalList(entry.get("changes"))) {
			if ("mentions".equals(change.get("field"))) {
				Map<String, Object> v = map(change.get("value"), "changes[].value");
				mentions.add(new MentionRef(text(v.get("media_id"), "value.media_id"),
						v.get("comment_id") == null ? null : v.get("comment_id").toString(),
						instant(entry.get("time"))));
				continue;
			}
			if (!"comments".equals(change.get("field"))) {
				continue;
			}
			Map<String, Object> v = map(change.get("value"), "changes[].value");
			Map<String, Object> from = map(v.get("from"), "value.from");
			Map<String, Object> media = map(v.get("media"), "value.media");
			List<Identity> identities = new ArrayList<>();
			identities.add(Identity.external("instagram-user:" + account, text(from.get("id"), "value.from.id")));
			if (from.get("username") instanceof String username && !username.isBlank()) {
				identities.add(Identity.handle("instagram", username));
			}
			String name = from.get("username") == null ? null : "@" + from.get("username");
			out.add(new InboundMessage(inbox.id(), text(v.get("id"), "value.id"), new Author(name, identities),
					String.valueOf(v.getOrDefault("text", "")), instant(entry.get("time")), Visibility.PUBLIC,
					v.get("parent_id") == null ? null : v.get("parent_id").toString(), null, List.of(),
					InboundMessage.Details.social(Placement.COMMENT,
							Post.ref(text(media.get("id"), "value.media.id")))));
		}
	}

	/** Messenger and Instagram direct messages, the page's own echoes left out. */
	private static void messaging(Inbox inbox, Map<String, Object> entry, String namespace, List<InboundMessage> out) {
		for (Map<String, Object> event : optionalList(entry.get("messaging"))) {
			if (event.get("message") == null) {
				continue; // delivery, read, postback…
			}
			if (!(event.get("message") instanceof Map<?, ?> raw)) {
				throw new IllegalArgumentException("messaging[].message is not an object");
			}
			Map<String, Object> message = cast(raw);
			if (Boolean.TRUE.equals(message.get("is_echo"))) {
				continue;
			}
			String sender = text(map(event.get("sender"), "messaging[].sender").get("id"), "messaging[].sender.id");
			String replyTo = message.get("reply_to") instanceof Map<?, ?> r && r.get("mid") != null
					? r.get("mid").toString() : null;
			out.add(new InboundMessage(inbox.id(), text(message.get("mid"), "message.mid"),
					new Author(null, List.of(Identity.external(namespace, sender))),
					String.valueOf(message.getOrDefault("text", "")), instant(event.get("timestamp")),
					Visibility.PRIVATE, replyTo, null, messagingAttachments(inbox, message),
					InboundMessage.Details.social(Placement.DIRECT, null)));
		}
	}

	private static void whatsapp(Inbox inbox, String object, Map<String, Object> entry, List<InboundMessage> out,
			List<StatusReport> statuses, List<RatingReply> ratings) {
		expect(object, "whatsapp_business_account");
		for (Map<String, Object> change : optionalList(entry.get("changes"))) {
			Map<String, Object> v = map(change.get("value"), "changes[].value");
			Map<String, Object> metadata = v.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of();
			Object phoneNumberId = metadata.get("phone_number_id");
			if (phoneNumberId != null
					&& !phoneNumberId.toString().equals(inbox.setting(MetaConnector.PHONE_NUMBER_ID))) {
				continue; // another number of the same business account
			}
			Map<String, String> names = new HashMap<>();
			for (Map<String, Object> contact : optionalList(v.get("contacts"))) {
				if (contact.get("profile") instanceof Map<?, ?> profile && profile.get("name") != null) {
					names.put(String.valueOf(contact.get("wa_id")), profile.get("name").toString());
				}
			}
			for (Map<String, Object> m : optionalList(v.get("messages"))) {
				String from = text(m.get("from"), "messages[].from");
				String type = String.valueOf(m.get("type"));
				RatingReply rating = ratingOf(m, type);
				if (rating != null) {
					ratings.add(rating);
					continue; // an answer to a survey, not a message to the team
				}
				String body = whatsappText(m, type);
				List<Attachment> attachments = whatsappMedia(m, type);
				List<Identity> identities = new ArrayList<>();
				identities.add(Identity.phone("+" + from, "FR"));
				identities.add(Identity.external("whatsapp", from));
				String context = m.get("context") instanceof Map<?, ?> c && c.get("id") != null ? c.get("id").toString()
						: null;
				out.add(new InboundMessage(inbox.id(), text(m.get("id"), "messages[].id"),
						new Author(names.get(from), identities), body, instant(m.get("timestamp")), Visibility.PRIVATE,
						context, null, attachments, InboundMessage.Details.social(Placement.DIRECT, null)));
			}
			for (Map<String, Object> s : optionalList(v.get("statuses"))) {
				String status = String.valueOf(s.get("status"));
				String reason = null;
				if (s.get("errors") instanceof List<?> errors && !errors.isEmpty()
						&& errors.get(0) instanceof Map<?, ?> e) {
					reason = "WhatsApp " + e.get("code") + ": " + e.get("title");
				}
				if (List.of("sent", "delivered", "read", "failed").contains(status)) {
					statuses
						.add(new StatusReport(text(s.get("id"), "statuses[].id"), MessageStatus.of(status), reason));
				}
			}
		}
	}

	/** A satisfaction list's row the customer chose, if this message is one. */
	private static @Nullable RatingReply ratingOf(Map<String, Object> m, String type) {
		if (!"interactive".equals(type) || !(m.get("interactive") instanceof Map<?, ?> interactive)
				|| !(interactive.get("list_reply") instanceof Map<?, ?> reply) || reply.get("id") == null) {
			return null;
		}
		String id = reply.get("id").toString();
		if (!id.startsWith(WhatsAppConnector.RATING_PREFIX)) {
			return null;
		}
		int colon = id.lastIndexOf(':');
		try {
			int score = Integer.parseInt(id.substring(colon + 1));
			return new RatingReply(id.substring(WhatsAppConnector.RATING_PREFIX.length(), colon), score);
		}
		catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
			return null;
		}
	}

	private static String whatsappText(Map<String, Object> m, String type) {
		if ("text".equals(type) && m.get("text") instanceof Map<?, ?> t) {
			return String.valueOf(t.get("body"));
		}
		if (m.get(type) instanceof Map<?, ?> media && media.get("caption") != null) {
			return media.get("caption").toString();
		}
		if ("button".equals(type) && m.get("button") instanceof Map<?, ?> b) {
			return String.valueOf(b.get("text"));
		}
		return "";
	}

	private static List<Attachment> whatsappMedia(Map<String, Object> m, String type) {
		if (!List.of("image", "document", "audio", "video", "sticker").contains(type)
				|| !(m.get(type) instanceof Map<?, ?> raw)) {
			return List.of();
		}
		Map<String, Object> media = cast(raw);
		String name = media.get("filename") != null ? media.get("filename").toString() : type;
		return List.of(new Attachment(name, String.valueOf(media.getOrDefault("mime_type", "application/octet-stream")),
				0, media.get("id") == null ? null : "whatsapp:" + media.get("id")));
	}

	/**
	 * A direct message's files: Messenger and Instagram give each an address
	 * ({@code payload.url}) the page may read for a while.
	 */
	private static List<Attachment> messagingAttachments(Inbox inbox, Map<String, Object> message) {
		List<Attachment> out = new ArrayList<>();
		for (Map<String, Object> a : optionalList(message.get("attachments"))) {
			String type = String.valueOf(a.get("type"));
			String url = a.get("payload") instanceof Map<?, ?> payload && payload.get("url") != null
					? payload.get("url").toString() : null;
			out.add(new Attachment(url == null ? type : PlatformHttp.fileName(url, type), switch (type) {
				case "image" -> "image/*";
				case "video" -> "video/*";
				case "audio" -> "audio/*";
				default -> "application/octet-stream";
			}, 0, url == null ? null : inbox.channel() + ":" + url));
		}
		return out;
	}

	private static void expect(String object, String expected) {
		if (!expected.equals(object)) {
			throw new IllegalArgumentException("object is '" + object + "', this inbox takes '" + expected + "'");
		}
	}

	private static @Nullable String nameOf(Map<String, Object> from) {
		return from.get("name") == null ? null : from.get("name").toString();
	}

	/**
	 * Graph gives Unix seconds (feed), milliseconds (messaging) or seconds as text
	 * (WhatsApp).
	 */
	private static Instant instant(@Nullable Object value) {
		if (value == null) {
			return Instant.now();
		}
		long n;
		try {
			n = value instanceof Number num ? num.longValue() : Long.parseLong(value.toString());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("a timestamp is not a number: " + value);
		}
		return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
	}

	private static String text(@Nullable Object value, String field) {
		if (value == null || value.toString().isBlank()) {
			throw new IllegalArgumentException(field + " is missing");
		}
		return value.toString();
	}

	private static Map<String, Object> map(@Nullable Object value, String field) {
		if (value instanceof Map<?, ?> m) {
			return cast(m);
		}
		throw new IllegalArgumentException(field + " is missing");
	}

	private static List<Map<String, Object>> list(@Nullable Object value, String field) {
		if (!(value instanceof List<?>)) {
			throw new IllegalArgumentException(field + " is missing");
		}
		return optionalList(value);
	}

	/** A list of objects that may be absent; anything else in its place is malformed. */
	private static List<Map<String, Object>> optionalList(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> items)) {
			throw new IllegalArgumentException("a list is expected, not " + value);
		}
		List<Map<String, Object>> out = new ArrayList<>();
		for (Object item : items) {
			if (!(item instanceof Map<?, ?> m)) {
				throw new IllegalArgumentException("a list holds " + item + " where an object is expected");
			}
			out.add(cast(m));
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
