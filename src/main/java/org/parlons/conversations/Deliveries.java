package org.parlons.conversations;

import java.util.List;
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

	/**
	 * A reply on its way: the message, where it goes, and what it answers.
	 *
	 * @param repliedTo the customer's message it answers
	 * @param thread the ids that message answered, oldest first (its References), so a
	 * reply's References carry the whole chain and not the parent alone
	 * @param startedTo the address an agent wrote to when they started the conversation
	 * (an email address, a phone number), null when the customer wrote first
	 */
	public record Outgoing(Message message, Inbox inbox, Conversation conversation, Customer customer,
			@Nullable Message repliedTo, List<String> thread, @Nullable String startedTo) {

		public Outgoing(Message message, Inbox inbox, Conversation conversation, Customer customer,
				@Nullable Message repliedTo) {
			this(message, inbox, conversation, customer, repliedTo, List.of(), null);
		}

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
			Message repliedTo = messages.lastInbound(c.id()).orElse(null);
			return new Outgoing(m, inboxes.findById(m.inboxId()).orElseThrow(), c, customer, repliedTo,
					repliedTo == null ? List.of() : messages.threadKeysOf(repliedTo.id()),
					conversations.startedTo(c.id()).orElse(null));
		});
	}

	@Transactional
	public void sent(long messageId, @Nullable String channelId) {
		update(messageId, MessageStatus.SENT, channelId);
	}

	@Transactional
	public void failed(long messageId, String reason) {
		messages.markStatus(messageId, MessageStatus.FAILED, null);
		messages.findById(messageId)
			.ifPresent(m -> conversations.update(m.conversationId(), null,
					c -> c.changed(new ConversationChanged.DeliveryFailed(c.id(), c.inboxId(), messageId, reason))));
	}

	/**
	 * What the network reports later about a reply it accepted, found by the network's
	 * id: delivered and read only move forward; failed says why in the timeline. False
	 * when no such reply is known.
	 */
	@Transactional
	public boolean reported(long inboxId, String channelId, MessageStatus status, @Nullable String reason) {
		Optional<Message> found = messages.findIds(inboxId, channelId)
			.flatMap(ids -> messages.findById(ids.messageId()));
		if (found.isEmpty() || found.get().inbound()) {
			return false;
		}
		Message m = found.get();
		if (status == MessageStatus.FAILED) {
			failed(m.id(), reason == null ? "the network reports a failure" : reason);
		}
		else if (status.progress() > m.status().progress()) {
			update(m.id(), status, null);
		}
		return true;
	}

	private void update(long messageId, MessageStatus status, @Nullable String channelId) {
		messages.markStatus(messageId, status, channelId);
		messages.findById(messageId)
			.ifPresent(m -> events.publishEvent(
					new ConversationChanged.MessageStatusChanged(m.conversationId(), m.inboxId(), messageId, status)));
	}

}
