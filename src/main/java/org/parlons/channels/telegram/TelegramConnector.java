package org.parlons.channels.telegram;

import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.conversations.Attachment;
import org.parlons.platform.Json;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.AccountPosts;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Identity;
import org.parlons.platform.Crypto;
import org.parlons.platform.PlatformSettings;
import org.springframework.stereotype.Component;

/**
 * Telegram bots: updates arrive on {@code /webhooks/telegram/{inboxId}} (registered with
 * {@code setWebhook} when the inbox is saved, with a secret token Telegram sends back in
 * a header); replies go out with {@code sendMessage}, in the group as an answer to the
 * customer's message when public, in the customer's private chat with the bot when
 * private.
 */
@Component
class TelegramConnector implements ChannelConnector {

	static final String BOT_TOKEN = "botToken";

	/** The channel the brand posts in. */
	static final String PUBLISH_CHAT = "publishChat";

	static final String SECRET_TOKEN = "secretToken";

	static final String OFFICIAL = "https://api.telegram.org";

	/** Telegram's limit for one message's text. */
	static final int MAX_TEXT = 4096;

	/** Telegram's limit for the caption of a file. */
	static final int MAX_CAPTION = 1024;

	private final PlatformHttp http;

	private final OutgoingFiles files;

	private final ChannelHealth health;

	private final Clock clock;

	private final String publicUrl;

	private final NetworkWords words;

	TelegramConnector(PlatformHttp http, ChannelHealth health, Clock clock, PlatformSettings platform,
			OutgoingFiles files, NetworkWords words) {
		this.words = words;
		this.files = files;
		this.http = http;
		this.health = health;
		this.clock = clock;
		this.publicUrl = platform.publicUrl();
	}

	@Override
	public String channel() {
		return "telegram";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(BOT_TOKEN, SECRET_TOKEN);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		String token = PlatformHttp.required(settings, BOT_TOKEN);
		if (!token.matches("\\d+:[A-Za-z0-9_-]{20,}")) {
			throw new IllegalArgumentException("botToken does not look like a Telegram bot token (123456:ABC…)");
		}
		prepared.put(BOT_TOKEN, token);
		Object secret = settings.get(SECRET_TOKEN);
		if (secret != null && !secret.toString().isBlank()) {
			if (!secret.toString().matches("[A-Za-z0-9_-]{16,256}")) {
				throw new IllegalArgumentException("secretToken must be 16 to 256 letters, digits, '_' or '-'");
			}
			prepared.put(SECRET_TOKEN, secret.toString());
		}
		else {
			prepared.put(SECRET_TOKEN, Crypto.randomToken(32));
		}
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		return text.length() > MAX_TEXT ? words.say("network.telegram.length", text.length()) : null;
	}

	/**
	 * Registers the webhook with Telegram; without a public URL, says what is missing.
	 */
	@Override
	public void configured(Inbox inbox) {
		if (publicUrl.isBlank()) {
			health.failed(inbox.id(), "Set PARLONS_PUBLIC_URL so Telegram can reach /webhooks/telegram/" + inbox.id(),
					clock.instant().plus(Duration.ofDays(365)));
			return;
		}
		PlatformHttp.Answer answer = http
			.postJson(
					api(inbox, "setWebhook"), Map.of("url", publicUrl + "/webhooks/telegram/" + inbox.id(),
							"secret_token", inbox.setting(SECRET_TOKEN), "allowed_updates", List.of("message")),
					Map.of());
		if (answer.ok() && Boolean.TRUE.equals(answer.json().get("ok"))) {
			health.succeeded(inbox.id());
		}
		else {
			health.failed(inbox.id(), "setWebhook: " + describe(answer), clock.instant().plus(Duration.ofDays(365)));
		}
	}

	/** Tells Telegram to stop calling the webhook of a deleted inbox. */
	@Override
	public void removed(Inbox inbox) {
		if (!publicUrl.isBlank()) {
			http.postJson(api(inbox, "deleteWebhook"), Map.of(), Map.of());
		}
	}

	/**
	 * A message in the brand's channel, named by the inbox's {@code publishChat} setting
	 * ("@teleo_news" or a chat id), where the bot is an administrator. Telegram keeps no
	 * idempotency key: a crash between its answer and the outbox's note posts again.
	 */
	@Override
	public DeliveryResult publish(Inbox inbox, AccountPosts.Post post) {
		Object chat = inbox.settings().get(PUBLISH_CHAT);
		if (chat == null || chat.toString().isBlank()) {
			return new DeliveryResult.Failed("This Telegram inbox names no channel to post in (setting publishChat)");
		}
		PlatformHttp.Answer answer = http.postJson(api(inbox, "sendMessage"),
				Map.of("chat_id", chat.toString(), "text", post.text()), Map.of());
		if (answer.ok() && answer.json().get("result") instanceof Map<?, ?> result
				&& result.get("message_id") != null) {
			String name = chat.toString().startsWith("@") ? chat.toString().substring(1) : null;
			return new DeliveryResult.Sent(chat + ":" + result.get("message_id"),
					name == null ? null : "https://t.me/" + name + "/" + result.get("message_id"));
		}
		return failure(answer, answer.json());
	}

	@Override
	public int postLimit() {
		return 4096;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		Message reply = outgoing.message();
		Message answered = outgoing.repliedTo();
		long[] where = answered == null ? null : TelegramUpdates.parse(answered.externalId());
		Map<String, Object> body = new LinkedHashMap<>();
		boolean inGroup = where != null && answered.placement() == Placement.GROUP;
		if (reply.visibility() == Visibility.PRIVATE && inGroup) {
			String user = userId(outgoing);
			if (user == null) {
				return new DeliveryResult.Failed("No Telegram user id known for this customer");
			}
			body.put("chat_id", Long.parseLong(user)); // the customer's private chat with
														// the bot
		}
		else if (where != null) {
			body.put("chat_id", where[0]);
			body.put("reply_parameters", Map.of("message_id", where[1], "allow_sending_without_reply", true));
		}
		else {
			String user = userId(outgoing);
			if (user == null) {
				return new DeliveryResult.Failed("No Telegram chat to answer in");
			}
			body.put("chat_id", Long.parseLong(user));
		}
		PlatformHttp.Answer answer;
		if (reply.attachments().isEmpty()) {
			body.put("text", reply.text());
			answer = http.postJson(api(outgoing.inbox(), "sendMessage"), body, Map.of());
		}
		else {
			var parts = files.load(reply.attachments(), i -> reply.attachments().size() == 1 ? "document" : "file" + i);
			if (parts.missing() != null) {
				return new DeliveryResult.Failed(parts.missing());
			}
			answer = sendFiles(outgoing, body, reply.text(), parts.parts());
		}
		Map<String, Object> json = answer.json();
		Object sent = json.get("result") instanceof List<?> group && !group.isEmpty() ? group.get(0)
				: json.get("result");
		if (answer.ok() && Boolean.TRUE.equals(json.get("ok")) && sent instanceof Map<?, ?> result
				&& result.get("message_id") instanceof Number id && result.get("chat") instanceof Map<?, ?> chat
				&& chat.get("id") instanceof Number chatId) {
			health.succeeded(outgoing.inbox().id());
			return new DeliveryResult.Sent(TelegramUpdates.ref(chatId.longValue(), id.longValue()));
		}
		return failure(answer, json);
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/**
	 * A customer's file: {@code getFile} names its path, then it is read from /file/bot….
	 */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, Attachment file) {
		String id = file.url() == null ? "" : file.url().substring("telegram:".length());
		PlatformHttp.Answer answer = http.get(api(inbox, "getFile") + "?file_id="
				+ java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8), Map.of());
		if (!answer.ok() || !(answer.json().get("result") instanceof Map<?, ?> result)
				|| result.get("file_path") == null) {
			return java.util.Optional.empty();
		}
		return http.download(PlatformHttp.baseUrl(inbox.settings(), OFFICIAL) + "/file/bot" + inbox.setting(BOT_TOKEN)
				+ "/" + result.get("file_path"), Map.of(), 20L * 1024 * 1024);
	}

	@Override
	public @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility, List<Attachment> attachments) {
		return text.length() > MAX_CAPTION ? words.say("network.telegram.caption") : null;
	}

	/**
	 * One file with {@code sendDocument}, the text as its caption; several as one album
	 * with {@code sendMediaGroup} (up to 10), the caption on the first.
	 */
	private PlatformHttp.Answer sendFiles(Deliveries.Outgoing outgoing, Map<String, Object> where, String text,
			List<PlatformHttp.FilePart> parts) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("chat_id", String.valueOf(where.get("chat_id")));
		if (where.get("reply_parameters") != null) {
			fields.put("reply_parameters", Json.write(where.get("reply_parameters")));
		}
		if (parts.size() == 1) {
			fields.put("caption", text);
			return http.postMultipart(api(outgoing.inbox(), "sendDocument"), fields, parts, Map.of());
		}
		List<Map<String, String>> media = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			Map<String, String> item = new LinkedHashMap<>();
			item.put("type", "document");
			item.put("media", "attach://" + parts.get(i).field());
			if (i == 0) {
				item.put("caption", text);
			}
			media.add(item);
		}
		fields.put("media", Json.write(media));
		return http.postMultipart(api(outgoing.inbox(), "sendMediaGroup"), fields, parts, Map.of());
	}

	/**
	 * In a group where the bot is an administrator, a message can be deleted; nothing
	 * else.
	 */
	@Override
	public @Nullable String moderate(Inbox inbox, Message message, String action) {
		long[] where = TelegramUpdates.parse(message.externalId());
		if (!"delete".equals(action) || where == null || message.placement() != Placement.GROUP) {
			return "On Telegram Parlons can only delete a message in a group where the bot is an administrator.";
		}
		PlatformHttp.Answer answer = http.postJson(api(inbox, "deleteMessage"),
				Map.of("chat_id", where[0], "message_id", where[1]), Map.of());
		return answer.ok() && Boolean.TRUE.equals(answer.json().get("ok")) ? null : "Telegram: " + describe(answer);
	}

	/**
	 * Telegram says why in {@code description}, and how long to wait in
	 * {@code parameters.retry_after}.
	 */
	private DeliveryResult failure(PlatformHttp.Answer answer, Map<String, Object> json) {
		if (answer.status() == 429 && json.get("parameters") instanceof Map<?, ?> p
				&& p.get("retry_after") instanceof Number seconds) {
			return new DeliveryResult.Retry("Telegram: " + describe(answer), Duration.ofSeconds(seconds.longValue()));
		}
		DeliveryResult result = http.outcome(answer, null);
		if (result instanceof DeliveryResult.Failed) {
			return new DeliveryResult.Failed("Telegram: " + describe(answer));
		}
		if (result instanceof DeliveryResult.Sent) { // 200 without ok: an answer we
														// cannot read
			return new DeliveryResult.Retry("Telegram answered without a message: " + describe(answer), null);
		}
		return result;
	}

	private static String describe(PlatformHttp.Answer answer) {
		return answer.status() + ", " + FailureReason.of(answer.body());
	}

	private static @Nullable String userId(Deliveries.Outgoing outgoing) {
		return outgoing.customer().identity(Identity.Kind.EXTERNAL, "telegram").orElse(null);
	}

	private String api(Inbox inbox, String method) {
		return PlatformHttp.baseUrl(inbox.settings(), OFFICIAL) + "/bot" + inbox.setting(BOT_TOKEN) + "/" + method;
	}

}
