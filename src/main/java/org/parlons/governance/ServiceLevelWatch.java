package org.parlons.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the open conversations of inboxes with service levels: when a timer breaches, the timeline says
 * so once ("sla-breached: firstResponse") and {@link ServiceLevelBreached} is published for whoever
 * listens (the audit log, notifications). Conversations opened more than {@value #DAYS} days ago are left
 * to the reports.
 */
@Component
class ServiceLevelWatch {

	static final int DAYS = 30;

	private final Inboxes inboxes;

	private final ServiceLevels levels;

	private final Conversations conversations;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	ServiceLevelWatch(Inboxes inboxes, ServiceLevels levels, Conversations conversations,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.inboxes = inboxes;
		this.levels = levels;
		this.conversations = conversations;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parlons.sla.watch-interval:PT1M}", initialDelayString = "PT15S")
	void watch() {
		List<Long> withSla = inboxes.findAll()
			.stream()
			.filter(i -> i.settings().get("sla") instanceof Map<?, ?> m && !m.isEmpty())
			.map(Inbox::id)
			.toList();
		List<Long> open = conversations.unresolvedOpenedSince(withSla, clock.instant().minus(Duration.ofDays(DAYS)));
		for (long id : open) {
			for (ServiceLevels.Timer timer : levels.of(id)) {
				if ("breached".equals(timer.state())) {
					tx.executeWithoutResult(status -> breached(id, timer));
				}
			}
		}
	}

	private void breached(long conversationId, ServiceLevels.Timer timer) {
		if (conversations.recorded(conversationId, "sla-breached", timer.name())) {
			return;
		}
		long inbox = conversations.findById(conversationId).orElseThrow().inboxId();
		conversations.record(conversationId, "sla-breached", timer.name(), null);
		events.publishEvent(new ServiceLevelBreached(conversationId, inbox, timer.name(), timer.dueAt()));
		events.publishEvent(new ConversationChanged(conversationId, inbox, "sla-breached"));
	}

}
