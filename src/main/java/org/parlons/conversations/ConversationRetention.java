package org.parlons.conversations;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.parlons.platform.Leases;
import org.parlons.privacy.PrivacySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The retention rule for conversations: a resolved conversation whose last activity is
 * older than {@code parlons.privacy.retention.resolved-conversations} loses its texts, as
 * in an erasure ({@link ConversationErasure}); its counts stay. Runs hourly on the node
 * holding the lease, a batch at a time.
 */
@Component
class ConversationRetention {

	private static final Logger log = LoggerFactory.getLogger(ConversationRetention.class);

	static final int BATCH = 500;

	private final ConversationErasure erasure;

	private final PrivacySettings settings;

	private final Leases leases;

	private final Clock clock;

	ConversationRetention(ConversationErasure erasure, PrivacySettings settings, Leases leases, Clock clock) {
		this.erasure = erasure;
		this.settings = settings;
		this.leases = leases;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
	void hourly() {
		Period keep = settings.retention().resolvedConversations();
		if (keep != null && leases.hold("job:retention-conversations")) {
			int erased = sweep(keep);
			if (erased > 0) {
				log.info("Retention: erased the texts of {} resolved conversations older than {}", erased, keep);
			}
		}
	}

	/** Erases every conversation resolved longer ago than this; answers how many. */
	int sweep(Period keep) {
		Instant before = clock.instant().atOffset(ZoneOffset.UTC).minus(keep).toInstant();
		int erased = 0;
		while (true) {
			var batch = erasure.resolvedBefore(before, BATCH);
			if (batch.isEmpty()) {
				return erased;
			}
			erasure.erase(batch);
			erased += batch.size();
		}
	}

}
