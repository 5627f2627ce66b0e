package org.parlons.conversations.internal;

import java.time.Clock;

import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.Conversations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reopens snoozed conversations when their time comes.
 */
@Component
class SnoozeWaker {

	private final Conversations conversations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SnoozeWaker(Conversations conversations, ApplicationEventPublisher events, Clock clock) {
		this.conversations = conversations;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parlons.snooze.check-interval:PT30S}")
	@Transactional
	public void wake() {
		for (Long id : conversations.wakeSnoozed(clock.instant())) {
			conversations.findById(id)
				.ifPresent(c -> events.publishEvent(new ConversationChanged(id, c.inboxId(), "status")));
		}
	}

}
