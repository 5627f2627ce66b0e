package org.parlons.channels.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.platform.Crypto;
import org.parlons.platform.Json;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.ProblemResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Telegram's webhook: each update is checked against the inbox's secret token (the
 * {@code X-Telegram-Bot-Api-Secret-Token} header), then ingested once: a redelivered
 * update finds its message already stored.
 */
@RestController
class TelegramWebhook {

	private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);

	private final Inboxes inboxes;

	private final Ingestion ingestion;

	TelegramWebhook(Inboxes inboxes, Ingestion ingestion) {
		this.inboxes = inboxes;
		this.ingestion = ingestion;
	}

	/**
	 * Telegram updates, checked by the {@code X-Telegram-Bot-Api-Secret-Token} header
	 * against the inbox's secret token.
	 */
	@PostMapping("/webhooks/telegram/{inboxId}")
	ResponseEntity<?> receive(@PathVariable long inboxId,
			@RequestHeader(name = "X-Telegram-Bot-Api-Secret-Token", required = false) @Nullable String secret,
			@RequestBody(required = false) byte @Nullable [] body) {
		Inbox inbox = inboxes.findLive(inboxId)
			.filter(i -> "telegram".equals(i.channel()))
			.orElseThrow(() -> new NotFoundException("No Telegram inbox " + inboxId));
		if (secret == null || !Crypto.sameText(secret, inbox.setting(TelegramConnector.SECRET_TOKEN))) {
			log.warn("Telegram webhook for inbox {} refused: {} secret token", inboxId,
					secret == null ? "no" : "wrong");
			return ProblemResponse.of(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad secret token",
					"The X-Telegram-Bot-Api-Secret-Token header does not match this inbox.");
		}
		Map<String, Object> update;
		Optional<InboundMessage> message;
		try {
			update = Json.readMap(body == null ? "" : new String(body, StandardCharsets.UTF_8));
			message = TelegramUpdates.read(inboxId, update);
		}
		catch (RuntimeException ex) {
			log.warn("Malformed Telegram update for inbox {} (update_id {}): {}", inboxId, updateId(body),
					ex.getMessage());
			return ProblemResponse.of(HttpStatus.BAD_REQUEST, "malformed-payload", "Malformed update",
					"The update could not be read: " + ex.getMessage());
		}
		if (message.isEmpty()) {
			return ResponseEntity.ok(Map.of("ignored", true));
		}
		Ingestion.Received received = ingestion.receive(message.get());
		return ResponseEntity.ok(Map.of("messageId", received.messageId(), "conversationId", received.conversationId(),
				"duplicate", received.duplicate()));
	}

	private static String updateId(byte @Nullable [] body) {
		if (body == null) {
			return "?";
		}
		Matcher m = Pattern.compile("\"update_id\"\\s*:\\s*(\\d+)").matcher(new String(body, StandardCharsets.UTF_8));
		return m.find() ? m.group(1) : "?";
	}

}
