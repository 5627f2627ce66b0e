package org.parlons.channels.meta;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.social.NetworkWords;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Identity;
import org.springframework.stereotype.Component;

/**
 * WhatsApp Cloud API: private messages only. Inside the 24-hour window a reply is free
 * text (quoting the customer's message); outside it (and to start a conversation) only a
 * template approved by Meta may be sent, written as {@code /template name language}, then
 * the values of its body's variables separated by "|" (e.g.
 * {@code /template suivi_commande fr Hélène | 10452}).
 */
@Component
class WhatsAppConnector extends MetaConnector {

	static final Pattern TEMPLATE = Pattern
		.compile("^/template\\s+([a-z0-9_]{1,512})\\s+([A-Za-z_]{2,6})(?:\\s+(\\S.*?))?\\s*$", Pattern.DOTALL);

	static final int MAX_TEXT = 4096;

	/** WhatsApp's limit for the caption of a file. */
	static final int MAX_CAPTION = 1024;

	private final OutgoingFiles files;

	private final NetworkWords words;

	WhatsAppConnector(PlatformHttp http, ChannelHealth health, Messages messages, Clock clock, OutgoingFiles files,
			NetworkWords words) {
		super(http, health, messages, clock);
		this.files = files;
		this.words = words;
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	/**
	 * A customer's media: {@code GET /{media-id}} gives a short-lived address, read with
	 * the same token.
	 */
	@Override
	public java.util.Optional<PlatformHttp.Download> fetch(Inbox inbox, Attachment file) {
		String id = file.url() == null ? "" : file.url().substring("whatsapp:".length());
		if (!id.matches("[0-9A-Za-z_.-]{1,200}")) {
			return java.util.Optional.empty();
		}
		PlatformHttp.Answer answer = http.get(graph(inbox, id), auth(inbox));
		Object url = answer.json().get("url");
		if (!answer.ok() || url == null) {
			return java.util.Optional.empty();
		}
		return http.download(url.toString(), auth(inbox), 100L * 1024 * 1024);
	}

	/**
	 * One file per message, its caption of at most 1,024 characters, never on a template.
	 */
	@Override
	public @Nullable String checkFiles(Inbox inbox, Conversation conversation, String text,
			org.parlons.conversations.Visibility visibility, List<Attachment> attachments) {
		if (TEMPLATE.matcher(text).matches()) {
			return words.say("network.whatsapp.templateFile");
		}
		if (attachments.size() > 1) {
			return words.say("network.whatsapp.oneFile");
		}
		return text.length() > MAX_CAPTION ? words.say("network.whatsapp.caption") : null;
	}

	@Override
	public String channel() {
		return "whatsapp";
	}

	@Override
	String accountSetting() {
		return PHONE_NUMBER_ID;
	}

	@Override
	public @Nullable String checkReply(Inbox inbox, Conversation conversation, String text, Visibility visibility) {
		if (visibility == Visibility.PUBLIC) {
			return words.say("network.whatsapp.public");
		}
		if (TEMPLATE.matcher(text).matches()) {
			return null;
		}
		if (text.length() > MAX_TEXT) {
			return words.say("network.whatsapp.length");
		}
		if (!withinWindow(conversation)) {
			var last = lastPrivateAt(conversation);
			return last == null ? words.say("network.whatsapp.neverWrote") : words.say("network.whatsapp.window",
					last.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' '));
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
		String to = waId(outgoing);
		if (to == null) {
			return new DeliveryResult.Failed("No WhatsApp number known for this customer");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", to);
		Matcher template = TEMPLATE.matcher(outgoing.message().text());
		if (template.matches()) {
			body.put("type", "template");
			Map<String, Object> named = new LinkedHashMap<>();
			named.put("name", template.group(1));
			named.put("language", Map.of("code", template.group(2)));
			if (template.group(3) != null) {
				List<Map<String, String>> values = java.util.Arrays.stream(template.group(3).split("\\|"))
					.map(String::strip)
					.map(v -> Map.of("type", "text", "text", v))
					.toList();
				named.put("components", List.of(Map.of("type", "body", "parameters", values)));
			}
			body.put("template", named);
		}
		else if (!outgoing.message().attachments().isEmpty()) {
			// a file goes up first (POST /{phone-number-id}/media), then its message
			// names it
			var parts = files.load(outgoing.message().attachments(), i -> "file");
			if (parts.missing() != null) {
				return new DeliveryResult.Failed(parts.missing());
			}
			PlatformHttp.FilePart file = parts.parts().get(0);
			PlatformHttp.Answer uploaded = http.postMultipart(graph(inbox, inbox.setting(PHONE_NUMBER_ID) + "/media"),
					Map.of("messaging_product", "whatsapp", "type", file.contentType()), parts.parts(), auth(inbox));
			if (!uploaded.ok() || uploaded.json().get("id") == null) {
				return outcome(inbox, uploaded, null);
			}
			String kind = file.contentType().startsWith("image/") ? "image" : "document";
			Map<String, Object> media = new LinkedHashMap<>();
			media.put("id", uploaded.json().get("id").toString());
			media.put("caption", outgoing.message().text());
			if (kind.equals("document")) {
				media.put("filename", file.name());
			}
			body.put("type", kind);
			body.put(kind, media);
		}
		else {
			body.put("type", "text");
			body.put("text", Map.of("body", outgoing.message().text(), "preview_url", false));
			Message answered = outgoing.repliedTo();
			if (answered != null && answered.externalId().startsWith("wamid.")) {
				body.put("context", Map.of("message_id", answered.externalId()));
			}
		}
		PlatformHttp.Answer answer = http.postJson(graph(inbox, inbox.setting(PHONE_NUMBER_ID) + "/messages"), body,
				auth(inbox));
		String id = answer.json().get("messages") instanceof List<?> list && !list.isEmpty()
				&& list.get(0) instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : null;
		return outcome(inbox, answer, id);
	}

	/** What a satisfaction list's rows carry: {@code csat:<survey token>:<score>}. */
	static final String RATING_PREFIX = "csat:";

	/**
	 * Asks for a rating inside the 24-hour window, as an interactive list of five rows
	 * (WhatsApp's titles are at most 24 characters, its rows' ids 200): the customer's
	 * choice comes back through the webhook as a {@code list_reply} carrying the survey's
	 * token and score. Outside the window only an approved template could ask, so nothing
	 * is sent and the survey waits in the customer's space.
	 * @param question the list's body text
	 * @param button the label of the button that opens the list
	 * @param scores the five rows' titles, score 1 first
	 */
	DeliveryResult askRating(Inbox inbox, Conversation conversation, org.parlons.customers.Customer customer,
			String token, String question, String button, List<String> scores) {
		if (!withinWindow(conversation)) {
			return new DeliveryResult.Failed("outside WhatsApp's 24-hour window: only a template may ask");
		}
		String to = waId(customer, null);
		if (to == null) {
			return new DeliveryResult.Failed("No WhatsApp number known for this customer");
		}
		List<Map<String, Object>> rows = new java.util.ArrayList<>();
		for (int score = 5; score >= 1; score--) {
			String title = score + " — " + scores.get(score - 1);
			rows.add(Map.of("id", RATING_PREFIX + token + ":" + score, "title",
					title.length() > 24 ? title.substring(0, 24) : title));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", to);
		body.put("type", "interactive");
		body.put("interactive", Map.of("type", "list", "body", Map.of("text", question), "action", Map.of("button",
				button.length() > 20 ? button.substring(0, 20) : button, "sections", List.of(Map.of("rows", rows)))));
		PlatformHttp.Answer answer = http.postJson(graph(inbox, inbox.setting(PHONE_NUMBER_ID) + "/messages"), body,
				auth(inbox));
		return outcome(inbox, answer, null);
	}

	/**
	 * The customer's WhatsApp id as their messages gave it, else the number an agent
	 * started the conversation with, else their phone (the Cloud API takes a number in
	 * international form without its "+").
	 */
	private static @Nullable String waId(Deliveries.Outgoing outgoing) {
		return waId(outgoing.customer(), outgoing.startedTo());
	}

	private static @Nullable String waId(org.parlons.customers.Customer customer, @Nullable String startedTo) {
		return customer.identity(Identity.Kind.EXTERNAL, "whatsapp")
			.or(() -> java.util.Optional.ofNullable(startedTo))
			.or(() -> customer.identity(Identity.Kind.PHONE, null))
			.map(number -> number.startsWith("+") ? number.substring(1) : number)
			.orElse(null);
	}

}
