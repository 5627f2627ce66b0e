package org.parlons.channels.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Posts;
import org.parlons.platform.Crypto;
import org.parlons.platform.Json;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.ProblemResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook for Facebook, Instagram and WhatsApp inboxes: the subscription handshake
 * ({@code hub.challenge} returned when {@code hub.verify_token} matches), then events
 * signed with the app secret ({@code X-Hub-Signature-256: sha256=HMAC(body)}), checked on
 * the exact bytes received. Messages of one call are ingested together, once each;
 * delivery reports update the replies.
 */
@RestController
class MetaWebhook {

	private static final Logger log = LoggerFactory.getLogger(MetaWebhook.class);

	private static final Set<String> CHANNELS = Set.of("facebook", "instagram", "whatsapp");

	private final Inboxes inboxes;

	private final Ingestion ingestion;

	private final Deliveries deliveries;

	private final InstagramConnector instagram;

	private final FacebookConnector facebook;

	private final Posts posts;

	private final WhatsAppSurveys surveys;

	MetaWebhook(Inboxes inboxes, Ingestion ingestion, Deliveries deliveries, InstagramConnector instagram,
			FacebookConnector facebook, Posts posts, WhatsAppSurveys surveys) {
		this.surveys = surveys;
		this.instagram = instagram;
		this.facebook = facebook;
		this.posts = posts;
		this.inboxes = inboxes;
		this.ingestion = ingestion;
		this.deliveries = deliveries;
	}

	/**
	 * Meta's subscription check: answers {@code hub.challenge} when
	 * {@code hub.verify_token} is the inbox's.
	 */
	@GetMapping("/webhooks/meta/{inboxId}")
	ResponseEntity<?> verify(@PathVariable long inboxId,
			@RequestParam(name = "hub.mode", required = false) @Nullable String mode,
			@RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
			@RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
		Inbox inbox = inbox(inboxId);
		if (!"subscribe".equals(mode) || token == null || challenge == null
				|| !Crypto.sameText(token, inbox.setting(MetaConnector.VERIFY_TOKEN))) {
			log.warn("Meta subscription check for inbox {} refused (mode {}, token {})", inboxId, mode,
					token == null ? "missing" : "wrong");
			return ProblemResponse.of(HttpStatus.FORBIDDEN, "bad-verify-token", "Verification refused",
					"hub.mode must be 'subscribe' and hub.verify_token must match this inbox's verifyToken.");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
	}

	/**
	 * Facebook, Instagram and WhatsApp deliveries, checked by {@code X-Hub-Signature-256}
	 * with the app secret; 401 when the signature is wrong.
	 */
	@PostMapping("/webhooks/meta/{inboxId}")
	ResponseEntity<?> receive(@PathVariable long inboxId,
			@RequestHeader(name = "X-Hub-Signature-256", required = false) @Nullable String signature,
			@RequestBody(required = false) byte @Nullable [] body) {
		Inbox inbox = inbox(inboxId);
		byte[] bytes = body == null ? new byte[0] : body;
		String expected = "sha256=" + Crypto.hmacSha256Hex(inbox.setting(MetaConnector.APP_SECRET), bytes);
		if (signature == null || !Crypto.sameText(signature.toLowerCase(Locale.ROOT), expected)) {
			log.warn("Meta webhook for inbox {} refused: {} signature", inboxId, signature == null ? "no" : "bad");
			return ProblemResponse.of(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad signature",
					"X-Hub-Signature-256 does not match the body signed with this inbox's app secret.");
		}
		MetaPayloads.Contents contents;
		try {
			contents = MetaPayloads.read(inbox, Json.readMap(new String(bytes, StandardCharsets.UTF_8)));
		}
		catch (RuntimeException ex) {
			log.warn("Malformed Meta webhook for inbox {} (delivery {}): {}", inboxId, deliveryId(signature),
					ex.getMessage());
			return ProblemResponse.of(HttpStatus.BAD_REQUEST, "malformed-payload", "Malformed payload",
					"The event could not be read: " + ex.getMessage());
		}
		List<InboundMessage> messages = new ArrayList<>(contents.messages());
		for (MetaPayloads.MentionRef mention : contents.mentions()) {
			var read = instagram.mention(inbox, mention);
			if (read != null) {
				messages.add(read);
			}
		}
		int stored = 0;
		if (!messages.isEmpty()) {
			stored = (int) ingestion.receiveAll(inboxId, messages).stream().filter(r -> !r.duplicate()).count();
		}
		if ("facebook".equals(inbox.channel()) && stored > 0) {
			describePosts(inbox, messages);
		}
		int reports = 0;
		for (MetaPayloads.StatusReport report : contents.statuses()) {
			if (deliveries.reported(inboxId, report.channelId(), report.status(), report.reason())) {
				reports++;
			}
		}
		int rated = 0;
		for (MetaPayloads.RatingReply rating : contents.ratings()) {
			if (surveys.rated(inbox, rating.token(), rating.score())) {
				rated++;
			}
		}
		if (contents.ignoredEntries() > 0) {
			log.warn("Meta webhook for inbox {}: {} entries for another page or account left alone", inboxId,
					contents.ignoredEntries());
		}
		return ResponseEntity.ok(Map.of("messages", messages.size(), "stored", stored, "statuses", reports,
				"ignoredEntries", contents.ignoredEntries(), "mentionsUnread",
				contents.mentions().size() - (messages.size() - contents.messages().size()), "ratings", rated));
	}

	/**
	 * Posts named by new comments and not described yet get their text and link from the
	 * Graph API.
	 */
	private void describePosts(Inbox inbox, List<InboundMessage> messages) {
		Set<String> named = new LinkedHashSet<>();
		messages.stream().map(m -> m.details().post()).filter(Objects::nonNull).forEach(p -> named.add(p.externalId()));
		var known = posts.find(inbox.id(), named);
		named.removeIf(id -> known.containsKey(id) && known.get(id).text() != null);
		if (!named.isEmpty()) {
			posts.saveAll(inbox.id(), facebook.describe(inbox, named));
		}
	}

	private Inbox inbox(long inboxId) {
		return inboxes.findLive(inboxId)
			.filter(i -> CHANNELS.contains(i.channel()))
			.orElseThrow(() -> new NotFoundException("No Facebook, Instagram or WhatsApp inbox " + inboxId));
	}

	/** Meta sends no delivery id; the signature names the exact payload in the logs. */
	private static String deliveryId(@Nullable String signature) {
		return signature == null ? "?" : signature.substring(0, Math.min(signature.length(), 23));
	}

}
