package org.parlons.conversations;

import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.agents.Teams;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one entry point for every channel's inbound messages. Idempotent on (inbox,
 * external id): the same message twice, even concurrently, is stored once and answers the
 * same ids.
 * <p>
 * Messages come one at a time (a webhook, an API call) or many at once (a mailbox poll,
 * the batch API). Both are stored by the same set-based path, {@link IngestionRun}, which
 * pays a fixed number of statements per transaction rather than per message; single
 * deliveries are stored together by {@link GroupCommit}.
 */
@Service
public class Ingestion {

	/** What happened to an inbound message. */
	public record Received(long conversationId, long messageId, long customerId, boolean duplicate) {
	}

	private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

	/** The most messages one call takes; callers split larger sets. */
	public static final int MAX_BATCH = 1000;

	/**
	 * Tries of a transaction that lost a race to a concurrent delivery of the same
	 * message or author.
	 */
	private static final int ATTEMPTS = 5;

	private final Inboxes inboxes;

	private final TransactionTemplate tx;

	private final IngestionRun.Steps steps;

	private final GroupCommit groups;

	Ingestion(Inboxes inboxes, Messages messages, Conversations conversations, CustomerResolver resolver,
			Customers customers, Teams teams, ApplicationEventPublisher events, TransactionTemplate tx, Posts posts,
			ConversationSettings settings, MeterRegistry meters) {
		this.inboxes = inboxes;
		this.tx = tx;
		this.steps = new IngestionRun.Steps(messages, conversations, posts, customers, resolver, teams, events);
		ConversationSettings.Ingestion ingestion = settings.ingestion();
		DistributionSummary groupSizes = DistributionSummary.builder("parlons.ingestion.group.size")
			.description("Messages delivered one at a time and stored in one transaction")
			.register(meters);
		this.groups = new GroupCommit(this::store, ingestion.committers(), ingestion.linger(), ingestion.maxGroup(),
				groupSizes::record);
	}

	/**
	 * Stores one message, with others delivered at the same moment, and answers once it
	 * is committed. Inside a caller's transaction it is stored in that transaction
	 * instead.
	 */
	public Received receive(InboundMessage in) {
		requireInbox(in.inboxId());
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return new IngestionRun(steps, in.inboxId(), List.of(in), () -> {
			}).store().get(0);
		}
		return groups.receive(in);
	}

	/**
	 * Stores the messages of one inbox in one transaction and answers, in input order,
	 * what became of each. A message repeated within the call, or already stored, is a
	 * duplicate answering the ids of the stored one.
	 */
	public List<Received> receiveAll(long inboxId, List<InboundMessage> batch) {
		if (batch.size() > MAX_BATCH) {
			throw new IllegalArgumentException("At most " + MAX_BATCH + " messages at once");
		}
		if (batch.stream().anyMatch(m -> m.inboxId() != inboxId)) {
			throw new IllegalArgumentException("Every message of a batch belongs to inbox " + inboxId);
		}
		requireInbox(inboxId);
		return batch.isEmpty() ? List.of() : store(inboxId, batch, () -> {
		});
	}

	private List<Received> store(long inboxId, List<InboundMessage> batch, Runnable locked) {
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> new IngestionRun(steps, inboxId, batch, locked).store());
			}
			catch (DuplicateKeyException | PessimisticLockingFailureException | QueryTimeoutException ex) {
				// A concurrent delivery of the same message or author won the race (or
				// held the lock past the wait: H2 reports a lock timeout as a query
				// timeout): try again, and the look-ups now find what it stored.
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				log.debug("Inbox {}: attempt {} of {} lost a race ({})", inboxId, attempt, ATTEMPTS, ex.getMessage());
			}
		}
	}

	private void requireInbox(long inboxId) {
		if (inboxes.findLive(inboxId).isEmpty()) {
			throw new NotFoundException("No inbox " + inboxId);
		}
	}

	@PreDestroy
	void stop() {
		groups.stop();
	}

}
