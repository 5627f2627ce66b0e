package org.parlons.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.parlons.platform.Leases;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Timeline;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the open conversations of inboxes with service levels: when a timer breaches,
 * the conversation records it once ("sla-breached: firstResponse", a
 * {@code ServiceLevelBreached} change for whoever listens: the audit log, notifications).
 * Conversations opened more than {@value #DAYS} days ago are left to the reports.
 */
@Component
class ServiceLevelWatch {

	static final int DAYS = 30;

	private final Inboxes inboxes;

	private final ServiceLevels levels;

	private final ConversationFacts facts;

	private final Conversations conversations;

	private final Timeline timeline;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Leases leases;

	ServiceLevelWatch(Leases leases, Inboxes inboxes, ServiceLevels levels, ConversationFacts facts,
			Conversations conversations, Timeline timeline, TransactionTemplate tx, Clock clock) {
		this.leases = leases;
		this.inboxes = inboxes;
		this.levels = levels;
		this.facts = facts;
		this.conversations = conversations;
		this.timeline = timeline;
		this.tx = tx;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "#{" + RoutingSettings.BEAN + ".watchInterval()}", initialDelayString = "PT15S")
	void watch() {
		if (!leases.hold("job:service-level-watch")) {
			return;
		}
		List<Long> withSla = inboxes.findAll()
			.stream()
			.filter(i -> i.settings().get("sla") instanceof Map<?, ?> m && !m.isEmpty())
			.map(Inbox::id)
			.toList();
		List<Long> open = facts.unresolvedOpenedSince(withSla, clock.instant().minus(Duration.ofDays(DAYS)));
		for (long id : open) {
			for (ServiceLevels.Timer timer : levels.of(id)) {
				if ("breached".equals(timer.state()) && !timeline.has(id, "sla-breached", timer.name())) {
					tx.executeWithoutResult(
							status -> conversations.update(id, null, c -> c.breach(timer.name(), timer.dueAt())));
				}
			}
		}
	}

}
