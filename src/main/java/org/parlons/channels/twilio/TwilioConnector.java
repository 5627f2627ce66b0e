package org.parlons.channels.twilio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Visibility;
import org.parlons.privacy.Consents;
import org.parlons.customers.Identity;
import org.parlons.platform.PlatformSettings;
import org.springframework.stereotype.Component;

/**
 * SMS through Twilio: inbound texts and delivery reports on
 * {@code /webhooks/twilio/{inboxId}}, replies with the Messages API. A customer who
 * texted STOP is not written to until they text START.
 */
@Component
class TwilioConnector implements ChannelConnector {

	static final String ACCOUNT_SID = "accountSid";

	static final String AUTH_TOKEN = "authToken";

	static final String FROM = "from";

	static final String OFFICIAL = "https://api.twilio.com";

	/** Twilio splits long texts into segments and refuses beyond 1,600 characters. */
	static final int MAX_TEXT = 1600;

	/** Where consent is kept on the customer. */
	static final String CONSENT_CHANNEL = "sms";

	/** Twilio's default opt-out and opt-in keywords, and the French "ARRET". */
	static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
			"OPTOUT", "ARRET", "ARRÊT");

	static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP", "OPTIN");

	private final PlatformHttp http;

	private final ChannelHealth health;

	private final Consents consents;

	private final String publicUrl;

	private final NetworkWords words;

	TwilioConnector(PlatformHttp http, ChannelHealth health, Consents consents, PlatformSettings platform,
			NetworkWords words) {
		this.words = words;
		this.http = http;
		this.health = health;
		this.consents = consents;
		this.publicUrl = platform.publicUrl();
	}

	@Override
	public String channel() {
		return "twilio";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(AUTH_TOKEN);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		String sid = PlatformHttp.required(settings, ACCOUNT_SID);
		if (!sid.matches("AC[0-9a-fA-F]{32}")) {
			throw new IllegalArgumentException(
					"accountSid must be a Twilio account SID (AC followed by 32 hex digits)");
		}
		prepared.put(ACCOUNT_SID, sid);
		prepared.put(AUTH_TOKEN, PlatformHttp.required(settings, AUTH_TOKEN));
		String from = PlatformHttp.required(settings, FROM);
		if (!from.matches("\\+[1-9]\\d{6,14}|MG[0-9a-fA-F]{32}")) {
			throw new IllegalArgumentException(
					"from must be a phone number in E.164 (+33…) or a messaging service SID (MG…)");
		}
		prepared.put(FROM, from);
		PlatformHttp.checkBaseUrl(settings, prepared);
		return prepared;
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		if (visibility == Visibility.PUBLIC) {
			return words.say("network.sms.public");
		}
		if (text.length() > MAX_TEXT) {
			return words.say("network.sms.length");
		}
		if (consents.optedOut(conversation.customerId(), CONSENT_CHANNEL)) {
			return words.say("network.sms.stop");
		}
		return null;
	}

	@Override
	public Identity.Kind addressedBy() {
		return Identity.Kind.PHONE;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		Inbox inbox = outgoing.inbox();
		String to = outgoing.startedTo() != null ? outgoing.startedTo()
				: outgoing.customer().identity(Identity.Kind.PHONE, null).orElse(null);
		if (to == null) {
			return new DeliveryResult.Failed("No phone number known for this customer");
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("To", to);
		String from = inbox.setting(FROM);
		form.put(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
		form.put("Body", outgoing.message().text());
		if (!publicUrl.isBlank()) {
			form.put("StatusCallback", publicUrl + "/webhooks/twilio/" + inbox.id());
		}
		String sid = inbox.setting(ACCOUNT_SID);
		String basic = Base64.getEncoder()
			.encodeToString((sid + ":" + inbox.setting(AUTH_TOKEN)).getBytes(StandardCharsets.UTF_8));
		PlatformHttp.Answer answer = http.postForm(
				PlatformHttp.baseUrl(inbox.settings(), OFFICIAL) + "/2010-04-01/Accounts/" + sid + "/Messages.json",
				form, Map.of("Authorization", "Basic " + basic));
		Map<String, Object> json = answer.json();
		if (answer.ok() && json.get("sid") != null) {
			health.succeeded(inbox.id());
			return new DeliveryResult.Sent(json.get("sid").toString());
		}
		String reason = "Twilio" + (json.get("code") != null ? " error " + json.get("code") : "") + ": "
				+ (json.get("message") != null ? json.get("message") : "HTTP " + answer.status());
		if (answer.status() == 401) {
			health.failed(inbox.id(), reason, Instant.now().plus(Duration.ofDays(365)));
		}
		DeliveryResult result = http.outcome(answer, null);
		return result instanceof DeliveryResult.Failed ? new DeliveryResult.Failed(reason)
				: result instanceof DeliveryResult.Retry r ? new DeliveryResult.Retry(reason, r.after())
						: new DeliveryResult.Retry("Twilio answered without a message SID", null);
	}

}
