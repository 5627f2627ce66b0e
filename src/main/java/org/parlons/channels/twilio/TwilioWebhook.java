package org.parlons.channels.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.privacy.Consents;
import org.parlons.customers.Identity;
import org.parlons.platform.Crypto;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.ProblemResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.PlatformSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhook for an SMS inbox: incoming texts (with their media listed) and status
 * callbacks of our replies, both signed with {@code X-Twilio-Signature}. STOP and START
 * are recorded as the customer's consent. Answers empty TwiML: replies go through the
 * outbox, never in the webhook's answer.
 */
@RestController
class TwilioWebhook {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhook.class);

	private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	private final Inboxes inboxes;

	private final Ingestion ingestion;

	private final Deliveries deliveries;

	private final Consents consents;

	private final Clock clock;

	private final String publicUrl;

	TwilioWebhook(Inboxes inboxes, Ingestion ingestion, Deliveries deliveries, Consents consents, Clock clock,
			PlatformSettings platform) {
		this.inboxes = inboxes;
		this.ingestion = ingestion;
		this.deliveries = deliveries;
		this.consents = consents;
		this.clock = clock;
		this.publicUrl = platform.publicUrl();
	}

	/**
	 * Twilio SMS and WhatsApp messages, checked by {@code X-Twilio-Signature} with the
	 * account's auth token.
	 */
	@PostMapping("/webhooks/twilio/{inboxId}")
	ResponseEntity<?> receive(@PathVariable long inboxId, HttpServletRequest request) {
		Inbox inbox = inboxes.findLive(inboxId)
			.filter(i -> "twilio".equals(i.channel()))
			.orElseThrow(() -> new NotFoundException("No Twilio inbox " + inboxId));
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
		String signature = request.getHeader("X-Twilio-Signature");
		if (signature == null || !signedByTwilio(inbox, request, params, signature)) {
			log.warn("Twilio webhook for inbox {} refused: {} signature", inboxId, signature == null ? "no" : "bad");
			return ProblemResponse.of(HttpStatus.FORBIDDEN, "bad-signature", "Bad signature",
					"X-Twilio-Signature does not match this request signed with the inbox's auth token.");
		}
		String sid = first(params, "MessageSid");
		if (sid == null || !inbox.setting(TwilioConnector.ACCOUNT_SID).equals(first(params, "AccountSid"))) {
			log.warn("Malformed Twilio webhook for inbox {} (delivery {}): no MessageSid or another account", inboxId,
					request.getHeader("I-Twilio-Idempotency-Token"));
			return ProblemResponse.of(HttpStatus.BAD_REQUEST, "malformed-payload", "Malformed payload",
					"MessageSid and this inbox's AccountSid are required.");
		}
		String status = first(params, "MessageStatus");
		if (status != null && first(params, "Body") == null) {
			report(inboxId, sid, status, first(params, "ErrorCode"));
		}
		else {
			try {
				receiveText(inbox, sid, params);
			}
			catch (IllegalArgumentException ex) {
				log.warn("Malformed Twilio message for inbox {} (MessageSid {}): {}", inboxId, sid, ex.getMessage());
				return ProblemResponse.of(HttpStatus.BAD_REQUEST, "malformed-payload", "Malformed payload",
						ex.getMessage());
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
	}

	private void receiveText(Inbox inbox, String sid, Map<String, List<String>> params) {
		String from = first(params, "From");
		if (from == null) {
			throw new IllegalArgumentException("From is required");
		}
		String body = first(params, "Body") == null ? "" : first(params, "Body");
		List<Attachment> media = new ArrayList<>();
		int count = parseInt(first(params, "NumMedia"));
		for (int i = 0; i < count; i++) {
			media.add(
					new Attachment("media-" + (i + 1), String.valueOf(first(params, "MediaContentType" + i)), 0, null));
		}
		InboundMessage message = new InboundMessage(inbox.id(), sid,
				new Author(null, List.of(Identity.phone(from, "FR"))), body, clock.instant(), Visibility.PRIVATE, null,
				null, media, InboundMessage.Details.social(Placement.DIRECT, null));
		Ingestion.Received received = ingestion.receive(message);
		String keyword = body.strip().toUpperCase(Locale.ROOT);
		if (!received.duplicate() && TwilioConnector.OPT_OUT.contains(keyword)) {
			consents.record(received.customerId(), TwilioConnector.CONSENT_CHANNEL, false, "SMS " + keyword);
		}
		else if (!received.duplicate() && TwilioConnector.OPT_IN.contains(keyword)) {
			consents.record(received.customerId(), TwilioConnector.CONSENT_CHANNEL, true, "SMS " + keyword);
		}
	}

	private void report(long inboxId, String sid, String status, @Nullable String errorCode) {
		MessageStatus ours = switch (status) {
			case "sent" -> MessageStatus.SENT;
			case "delivered" -> MessageStatus.DELIVERED;
			case "read" -> MessageStatus.READ;
			case "failed", "undelivered" -> MessageStatus.FAILED;
			default -> null; // queued, accepted, sending: nothing new
		};
		if (ours != null) {
			deliveries.reported(inboxId, sid, ours,
					"Twilio: " + status + (errorCode == null ? "" : " (error " + errorCode + ")"));
		}
	}

	/**
	 * Twilio signs the URL it called: ours as configured publicly, or as this request
	 * arrived.
	 */
	private boolean signedByTwilio(Inbox inbox, HttpServletRequest request, Map<String, List<String>> params,
			String signature) {
		String token = inbox.setting(TwilioConnector.AUTH_TOKEN);
		String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
		List<String> urls = new ArrayList<>();
		urls.add(request.getRequestURL() + query);
		if (!publicUrl.isBlank()) {
			urls.add(publicUrl + request.getRequestURI() + query);
		}
		Map<String, List<String>> form = new LinkedHashMap<>(params);
		if (request.getQueryString() != null) { // query parameters are part of the URL,
												// not of the signed form
			for (String pair : request.getQueryString().split("&")) {
				form.remove(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
			}
		}
		return urls.stream().anyMatch(url -> Crypto.sameText(TwilioSignature.sign(token, url, form), signature));
	}

	private static @Nullable String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	private static int parseInt(@Nullable String value) {
		try {
			return value == null ? 0 : Math.min(10, Integer.parseInt(value));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
