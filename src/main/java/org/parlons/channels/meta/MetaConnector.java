package org.parlons.channels.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Placement;
import org.parlons.platform.Crypto;

/**
 * What Facebook Pages, Instagram and WhatsApp share: one Graph API, one webhook shape
 * checked with the app secret, an access token, and a 24-hour customer-service window on
 * private messages.
 */
abstract class MetaConnector implements ChannelConnector {

	static final String PAGE_ID = "pageId";

	static final String PHONE_NUMBER_ID = "phoneNumberId";

	static final String APP_SECRET = "appSecret";

	static final String VERIFY_TOKEN = "verifyToken";

	static final String ACCESS_TOKEN = "accessToken";

	static final String GRAPH = "https://graph.facebook.com";

	static final String VERSION = "v21.0";

	/**
	 * Meta lets a business answer a private message freely for 24 hours after the
	 * customer's last one.
	 */
	static final Duration WINDOW = Duration.ofHours(24);

	/**
	 * Graph error codes that mean "slow down": application, user and page rate limits.
	 */
	private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613, 80001, 80002, 80004, 80006, 130429, 131056);

	final PlatformHttp http;

	final ChannelHealth health;

	final Messages messages;

	final Clock clock;

	MetaConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock) {
		this.http = http;
		this.health = health;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * The setting naming the account this inbox speaks for: pageId, or phoneNumberId for
	 * WhatsApp.
	 */
	abstract String accountSetting();

	@Override
	public Set<String> secretSettings() {
		return Set.of(APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		String account = PlatformHttp.required(settings, accountSetting());
		if (!account.matches("\\d{3,30}")) {
			throw new IllegalArgumentException(accountSetting() + " must be the numeric id Meta shows");
		}
		prepared.put(accountSetting(), account);
		prepared.put(APP_SECRET, PlatformHttp.required(settings, APP_SECRET));
		prepared.put(ACCESS_TOKEN, PlatformHttp.required(settings, ACCESS_TOKEN));
		Object verify = settings.get(VERIFY_TOKEN);
		prepared.put(VERIFY_TOKEN, verify == null || verify.toString().isBlank() ? Crypto.randomToken(18) : verify);
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	/**
	 * A file of a Messenger or Instagram message, at the address its webhook gave
	 * (WhatsApp names its files by id instead).
	 */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, org.parlons.conversations.Attachment file) {
		return http.published(inbox, file);
	}

	String graph(Inbox inbox, String path) {
		return PlatformHttp.baseUrl(inbox.settings(), GRAPH) + "/" + VERSION + "/" + path;
	}

	Map<String, String> auth(Inbox inbox) {
		return Map.of("Authorization", "Bearer " + inbox.setting(ACCESS_TOKEN));
	}

	/** Whether the customer's last private message is recent enough for a free reply. */
	boolean withinWindow(Conversation conversation) {
		return messages.lastInbound(conversation.id(), Placement.DIRECT)
			.map(m -> m.sentAt().isAfter(clock.instant().minus(WINDOW)))
			.orElse(false);
	}

	@Nullable Instant lastPrivateAt(Conversation conversation) {
		return messages.lastInbound(conversation.id(), Placement.DIRECT).map(Message::sentAt).orElse(null);
	}

	/** A Graph answer as a delivery outcome, with Meta's own error codes read. */
	DeliveryResult outcome(Inbox inbox, PlatformHttp.Answer answer, @Nullable String channelId) {
		if (answer.ok() && channelId != null) {
			health.succeeded(inbox.id());
			return new DeliveryResult.Sent(channelId);
		}
		Map<String, Object> error = answer.json().get("error") instanceof Map<?, ?> e ? cast(e) : Map.of();
		int code = error.get("code") instanceof Number n ? n.intValue() : -1;
		String reason = "Meta HTTP " + answer.status() + ", " + FailureReason.of(answer.body());
		if (THROTTLED.contains(code)) {
			return new DeliveryResult.Retry(reason, Duration.ofMinutes(1));
		}
		if (code == 190) { // the access token expired or was revoked: every delivery will
							// fail until fixed
			health.failed(inbox.id(), reason, clock.instant().plus(Duration.ofDays(365)));
			return new DeliveryResult.Failed(reason);
		}
		if (answer.ok()) {
			return new DeliveryResult.Retry("Meta answered without an id: " + FailureReason.of(answer.body()), null);
		}
		DeliveryResult result = http.outcome(answer, null);
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: result instanceof DeliveryResult.Retry r ? new DeliveryResult.Retry(reason, r.after()) : result;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

}
