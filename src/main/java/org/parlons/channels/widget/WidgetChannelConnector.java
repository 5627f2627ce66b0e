package org.parlons.channels.widget;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parlons.channels.ChannelConnector;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.email.EmailChannelConnector;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.platform.Crypto;
import org.springframework.stereotype.Component;

/**
 * The web chat channel: a script tag on the company's site ({@code /widget.js} with the
 * inbox's public token). A reply reaches a connected visitor live; a visitor who has gone
 * gets it with their history when they come back and, when they left an email and the
 * inbox names an email inbox ({@code emailInboxId}), by email at once.
 */
@Component
class WidgetChannelConnector implements ChannelConnector {

	static final String CHANNEL = "widget";

	static final String PUBLIC_TOKEN = "publicToken";

	static final String VISITOR_SECRET = "visitorSecret";

	static final String IDENTITY_SECRET = "identitySecret";

	static final String EMAIL_INBOX = "emailInboxId";

	static final String REQUIRE_IDENTITY = "requireVerifiedIdentity";

	private final WidgetStreams streams;

	private final WidgetVisitors visitors;

	private final Inboxes inboxes;

	private final EmailChannelConnector email;

	WidgetChannelConnector(WidgetStreams streams, WidgetVisitors visitors, Inboxes inboxes,
			EmailChannelConnector email) {
		this.streams = streams;
		this.visitors = visitors;
		this.inboxes = inboxes;
		this.email = email;
	}

	@Override
	public String channel() {
		return CHANNEL;
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(VISITOR_SECRET, IDENTITY_SECRET);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>(settings);
		prepared.computeIfAbsent(PUBLIC_TOKEN, k -> "pwt_" + Crypto.randomToken(18));
		prepared.computeIfAbsent(VISITOR_SECRET, k -> Crypto.randomToken(32));
		prepared.computeIfAbsent(IDENTITY_SECRET, k -> "wis_" + Crypto.randomToken(24));
		Object emailInbox = prepared.get(EMAIL_INBOX);
		if (emailInbox != null && !emailInbox.toString().isBlank()) {
			try {
				prepared.put(EMAIL_INBOX, Long.parseLong(emailInbox.toString().strip()));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("emailInboxId must be the id of an email inbox");
			}
		}
		Object welcome = prepared.get("welcome");
		if (welcome != null && welcome.toString().length() > 500) {
			throw new IllegalArgumentException("welcome is limited to 500 characters");
		}
		return prepared;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		long inboxId = outgoing.inbox().id();
		long customerId = outgoing.conversation().customerId();
		var message = outgoing.message();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", message.id());
		view.put("direction", message.direction());
		view.put("text", message.text());
		view.put("authorName", message.authorName());
		view.put("sentAt", message.sentAt().toString());
		if (streams.push(inboxId, customerId, "message", view)) {
			return new DeliveryResult.Sent(null);
		}
		Optional<String> address = visitors.ofCustomer(inboxId, customerId)
			.stream()
			.map(WidgetVisitors.Visitor::email)
			.filter(Objects::nonNull)
			.findFirst()
			.or(() -> outgoing.customer().email());
		Optional<Inbox> mailbox = emailInbox(outgoing.inbox());
		if (address.isPresent() && mailbox.isPresent()) {
			return email.deliverTo(mailbox.get(), outgoing, address.get());
		}
		// The visitor sees it with their history on their next visit.
		return new DeliveryResult.Sent(null);
	}

	/** The widget inbox a public token names. */
	Optional<Inbox> byPublicToken(String publicToken) {
		return inboxes.findAll()
			.stream()
			.filter(i -> channel().equals(i.channel()) && publicToken.equals(i.setting(PUBLIC_TOKEN)))
			.findFirst();
	}

	Optional<Inbox> emailInbox(Inbox widget) {
		String id = widget.setting(EMAIL_INBOX);
		if (id.isBlank()) {
			return Optional.empty();
		}
		return inboxes.findLive(Long.parseLong(id)).filter(i -> "email".equals(i.channel()));
	}

}
