package org.parlons.conversations.internal;

import java.time.Clock;
import java.time.Instant;

import org.parlons.platform.Leases;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.ConversationSettings;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reopens snoozed conversations when their time comes, each in its own transaction.
 */
@Component
class SnoozeWaker {

	private final ConversationFacts facts;

	private final Conversations conversations;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Leases leases;

	SnoozeWaker(Leases leases, ConversationFacts facts, Conversations conversations, TransactionTemplate tx,
			Clock clock) {
		this.leases = leases;
		this.facts = facts;
		this.conversations = conversations;
		this.tx = tx;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "#{" + ConversationSettings.BEAN + ".snoozeCheck()}")
	void wake() {
		if (!leases.hold("job:snooze-wake")) {
			return;
		}
		Instant now = clock.instant();
		for (long id : facts.snoozeOver(now)) {
			tx.executeWithoutResult(status -> conversations.update(id, null, c -> c.wake(now)));
		}
	}

}
