package org.parlons.conversations;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a channel connector needs to deliver a reply, and where it reports the outcome.
 */
@Service
public class Deliveries {

	/** A reply ready to go out, with what the connector needs to address it. */
	public record Outgoing(Message message, Inbox inbox, Conversation conversation, Customer customer,
			@Nullable Message repliedTo) {
	}

	private final Messages messages;

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Customers customers;

	private final ApplicationEventPublisher events;

	Deliveries(Messages messages, Conversations conversations, Inboxes inboxes, Customers customers,
			ApplicationEventPublisher events) {
		this.messages = messages;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.customers = customers;
		this.events = events;
	}

	public Optional<Outgoing> outgoing(long messageId) {
		return messages.findById(messageId).map(m -> {
			Conversation c = conversations.findById(m.conversationId()).orElseThrow();
			Customer customer = customers.findById(customers.current(c.customerId())).orElseThrow();
			return new Outgoing(m, inboxes.findById(m.inboxId()).orElseThrow(), c, customer,
					messages.lastInbound(c.id()).orElse(null));
		});
	}

	@Transactional
	public void sent(long messageId, @Nullable String channelId) {
		update(messageId, MessageStatus.SENT, channelId, "sent");
	}

	@Transactional
	public void failed(long messageId, String reason) {
		update(messageId, MessageStatus.FAILED, null, "failed");
		messages.findById(messageId)
			.ifPresent(m -> conversations.record(m.conversationId(), "delivery-failed", reason, null));
	}

	private void update(long messageId, String status, @Nullable String channelId, String what) {
		messages.markStatus(messageId, status, channelId);
		messages.findById(messageId)
			.ifPresent(m -> events.publishEvent(new ConversationChanged(m.conversationId(), m.inboxId(), what)));
	}


}
