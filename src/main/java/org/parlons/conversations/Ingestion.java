package org.parlons.conversations;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Teams;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one entry point for every channel's inbound messages. Idempotent on (inbox, external id):
 * the same message twice, even concurrently, is stored once and answers the same ids.
 */
@Service
public class Ingestion {

	/** What happened to an inbound message. */
	public record Received(long conversationId, long messageId, long customerId, boolean duplicate) {
	}

	private static final int ATTEMPTS = 5;

	private final Inboxes inboxes;

	private final Messages messages;

	private final Conversations conversations;

	private final CustomerResolver resolver;

	private final Customers customers;

	private final Teams teams;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	Ingestion(Inboxes inboxes, Messages messages, Conversations conversations, CustomerResolver resolver,
			Customers customers, Teams teams, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.inboxes = inboxes;
		this.messages = messages;
		this.conversations = conversations;
		this.resolver = resolver;
		this.customers = customers;
		this.teams = teams;
		this.events = events;
		this.tx = tx;
	}

	public Received receive(InboundMessage in) {
		if (inboxes.findById(in.inboxId()).isEmpty()) {
			throw new NotFoundException("No inbox " + in.inboxId());
		}
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> store(in));
			}
			catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
				// A concurrent delivery of the same message or author won the race: try again, and
				// the lookups below now find what it stored.
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private Received store(InboundMessage in) {
		Optional<Messages.Ids> known = messages.findIds(in.inboxId(), in.externalId());
		if (known.isPresent()) {
			return duplicate(known.get());
		}
		long customerId = resolver.resolve(in.author());
		customers.lock(customerId);
		known = messages.findIds(in.inboxId(), in.externalId());
		if (known.isPresent()) {
			return duplicate(known.get());
		}
		Long conversationId = thread(in, customerId);
		boolean opened = conversationId == null;
		if (opened) {
			conversationId = conversations.open(in.inboxId(), customerId, owningTeam(in.inboxId()), in.subject(),
					in.sentAt());
		}
		long messageId = messages.insert(conversationId, in.inboxId(), in.externalId(), Message.IN, in.visibility(),
				in.author().name(), null, in.text(), MessageStatus.RECEIVED, in.inReplyTo(), in.attachments(),
				in.sentAt());
		conversations.touch(conversationId, in.sentAt(), in.text(), true);
		if (opened) {
			events.publishEvent(new ConversationOpened(conversationId, in.inboxId(), customerId));
		}
		events.publishEvent(new MessageReceived(messageId, conversationId, in.inboxId(), customerId, opened));
		return new Received(conversationId, messageId, customerId, false);
	}

	/** Reply-to first, then the customer's unresolved conversation in that inbox; null for a new one. */
	private @Nullable Long thread(InboundMessage in, long customerId) {
		if (in.inReplyTo() != null && !in.inReplyTo().isBlank()) {
			Optional<Messages.Ids> parent = messages.findIds(in.inboxId(), in.inReplyTo());
			if (parent.isPresent()) {
				return parent.get().conversationId();
			}
		}
		Set<Long> aliases = customers.aliasesOf(customerId);
		return conversations.unresolvedOf(aliases, in.inboxId()).orElse(null);
	}

	private @Nullable Long owningTeam(long inboxId) {
		List<Long> owners = teams.owningTeams(inboxId);
		return owners.isEmpty() ? null : owners.get(0);
	}

	private Received duplicate(Messages.Ids ids) {
		long customerId = conversations.findById(ids.conversationId()).map(Conversation::customerId).orElseThrow();
		return new Received(ids.conversationId(), ids.messageId(), customers.current(customerId), true);
	}

}
