package org.parlons.channels.telegram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Post;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;

/**
 * Reads a Telegram Bot API {@code Update} (https://core.telegram.org/bots/api#update)
 * into an inbound message: a private chat is a private message; a group or supergroup is
 * public to its members. Only new messages count; edits, channel posts and other updates
 * are acknowledged and left alone.
 */
final class TelegramUpdates {

	private TelegramUpdates() {
	}

	/** The message of an update, or empty for an update Parlons does not take. */
	static Optional<InboundMessage> read(long inboxId, Map<String, Object> update) {
		number(update.get("update_id"), "update_id");
		if (update.get("message") == null) {
			return Optional.empty(); // an edit, a channel post, a callback…
		}
		if (!(update.get("message") instanceof Map<?, ?> raw)) {
			throw new IllegalArgumentException("message is not an object");
		}
		Map<String, Object> message = cast(raw);
		Map<String, Object> chat = map(message.get("chat"), "message.chat");
		Map<String, Object> from = map(message.get("from"), "message.from");
		long chatId = number(chat.get("id"), "message.chat.id");
		long messageId = number(message.get("message_id"), "message.message_id");
		long userId = number(from.get("id"), "message.from.id");
		String text = text(message);
		List<Attachment> attachments = attachments(message);
		if (text.isEmpty() && attachments.isEmpty()) {
			return Optional.empty(); // a service message: someone joined, a pinned
										// message…
		}
		String type = String.valueOf(chat.get("type"));
		boolean group = "group".equals(type) || "supergroup".equals(type);
		if (!group && !"private".equals(type)) {
			return Optional.empty();
		}
		List<Identity> identities = new ArrayList<>();
		identities.add(Identity.external("telegram", Long.toString(userId)));
		if (from.get("username") instanceof String username && !username.isBlank()) {
			identities.add(Identity.handle("telegram", username));
		}
		String name = (String.valueOf(from.getOrDefault("first_name", "")) + " "
				+ String.valueOf(from.getOrDefault("last_name", "")))
			.strip();
		Instant sentAt = Instant.ofEpochSecond(number(message.get("date"), "message.date"));
		String inReplyTo = message.get("reply_to_message") instanceof Map<?, ?> parent
				? ref(chatId, number(cast(parent).get("message_id"), "message.reply_to_message.message_id")) : null;
		InboundMessage.Details details = group
				? InboundMessage.Details.social(Placement.GROUP, new Post(chatRef(chatId),
						chat.get("title") == null ? null : chat.get("title").toString(), null, null, null))
				: InboundMessage.Details.social(Placement.DIRECT, null);
		return Optional.of(new InboundMessage(inboxId, ref(chatId, messageId),
				new Author(name.isEmpty() ? null : name, identities), text, sentAt,
				group ? Visibility.PUBLIC : Visibility.PRIVATE, inReplyTo, null, attachments, details));
	}

	/** Our id of a Telegram message: message ids are only unique within their chat. */
	static String ref(long chatId, long messageId) {
		return "tg:" + chatId + ":" + messageId;
	}

	static String chatRef(long chatId) {
		return "tg:" + chatId;
	}

	/** The chat and message of one of our ids, or null for another shape. */
	static long @Nullable [] parse(@Nullable String ref) {
		if (ref == null || !ref.startsWith("tg:")) {
			return null;
		}
		String[] parts = ref.split(":");
		try {
			return parts.length == 3 ? new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) } : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String text(Map<String, Object> message) {
		Object text = message.get("text");
		if (text == null) {
			text = message.get("caption");
		}
		return text == null ? "" : text.toString();
	}

	private static List<Attachment> attachments(Map<String, Object> message) {
		List<Attachment> out = new ArrayList<>();
		if (message.get("photo") instanceof List<?> sizes && !sizes.isEmpty()
				&& sizes.get(sizes.size() - 1) instanceof Map<?, ?> largest) {
			out.add(new Attachment("photo.jpg", "image/jpeg", size(cast(largest)), reference(cast(largest))));
		}
		if (message.get("document") instanceof Map<?, ?> doc) {
			Map<String, Object> d = cast(doc);
			out.add(new Attachment(String.valueOf(d.getOrDefault("file_name", "document")),
					String.valueOf(d.getOrDefault("mime_type", "application/octet-stream")), size(d), reference(d)));
		}
		if (message.get("voice") instanceof Map<?, ?> voice) {
			Map<String, Object> v = cast(voice);
			out.add(new Attachment("voice.ogg", String.valueOf(v.getOrDefault("mime_type", "audio/ogg")), size(v),
					reference(v)));
		}
		return out;
	}

	/** Where Telegram keeps a file: "telegram:" and its file_id ({@code getFile}). */
	private static @Nullable String reference(Map<String, Object> file) {
		return file.get("file_id") == null ? null : "telegram:" + file.get("file_id");
	}

	private static long size(Map<String, Object> file) {
		return file.get("file_size") instanceof Number n ? n.longValue() : 0;
	}

	private static long number(@Nullable Object value, String field) {
		if (value instanceof Number n) {
			return n.longValue();
		}
		throw new IllegalArgumentException(field + " is missing or not a number");
	}

	private static Map<String, Object> map(@Nullable Object value, String field) {
		if (value instanceof Map<?, ?> m) {
			return cast(m);
		}
		throw new IllegalArgumentException(field + " is missing");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
