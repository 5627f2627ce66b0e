package org.parlons.listening;

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
 * The retention rule for listening: the authors of mentions published longer ago than
 * {@code parlons.privacy.retention.listening-authors} are forgotten
 * ({@link AuthorErasure#forgetAuthorsBefore}); the figures stay. Runs hourly on the node
 * holding the lease.
 */
@Component
class AuthorRetention {

	private static final Logger log = LoggerFactory.getLogger(AuthorRetention.class);

	private final AuthorErasure erasure;

	private final PrivacySettings settings;

	private final Leases leases;

	private final Clock clock;

	AuthorRetention(AuthorErasure erasure, PrivacySettings settings, Leases leases, Clock clock) {
		this.erasure = erasure;
		this.settings = settings;
		this.leases = leases;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT8M")
	void hourly() {
		Period keep = settings.retention().listeningAuthors();
		if (keep != null && leases.hold("job:retention-authors")) {
			int forgotten = sweep(keep);
			if (forgotten > 0) {
				log.info("Retention: forgot the authors of {} mentions older than {}", forgotten, keep);
			}
		}
	}

	/**
	 * Forgets the authors of every mention older than this; answers how many mentions.
	 */
	int sweep(Period keep) {
		Instant before = clock.instant().atOffset(ZoneOffset.UTC).minus(keep).toInstant();
		int forgotten = 0;
		while (true) {
			int batch = erasure.forgetAuthorsBefore(before, 200);
			if (batch == 0) {
				return forgotten;
			}
			forgotten += batch;
		}
	}

}
