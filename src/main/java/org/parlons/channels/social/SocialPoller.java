package org.parlons.channels.social;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.parlons.platform.Leases;
import org.jspecify.annotations.Nullable;
import org.parlons.channels.ChannelSettings;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.ChannelConnectors;
import org.parlons.channels.ChannelHealth;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.listening.BrandPostFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.Scheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the polled networks: each inbox in turn on a small worker pool, never twice at
 * once, at its interval when all is well, later when the network says so (rate limits),
 * with a growing backoff while it fails; every failure shows on the inbox's health. Reads
 * too, once per audience interval, the followers and recent posts of every account whose
 * network gives them, polled or told by webhook.
 */
@Component
class SocialPoller {

	private static final Logger log = LoggerFactory.getLogger(SocialPoller.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final Ingestion ingestion;

	private final ChannelCursors cursors;

	private final ChannelHealth health;

	private final Clock clock;

	private final Duration interval;

	private final Map<Long, Instant> nextPoll = new ConcurrentHashMap<>();

	private final Map<Long, Integer> failures = new ConcurrentHashMap<>();

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
		Thread t = new Thread(r, "parlons-social-poller");
		t.setDaemon(true);
		return t;
	});

	private final BrandPostFigures brandPosts;

	private final Duration audienceInterval;

	private final Map<Long, Instant> nextAudience = new ConcurrentHashMap<>();

	private final Set<Long> readingAudience = ConcurrentHashMap.newKeySet();

	private final Set<Long> audienceFailing = ConcurrentHashMap.newKeySet();

	private final Leases leases;

	SocialPoller(Leases leases, Inboxes inboxes, ChannelConnectors connectors, Ingestion ingestion,
			ChannelCursors cursors, ChannelHealth health, Clock clock, ChannelSettings settings,
			BrandPostFigures brandPosts) {
		this.leases = leases;
		this.brandPosts = brandPosts;
		this.audienceInterval = settings.social().audienceInterval();
		this.inboxes = inboxes;
		this.connectors = connectors;
		this.ingestion = ingestion;
		this.cursors = cursors;
		this.health = health;
		this.clock = clock;
		this.interval = settings.social().pollInterval();
	}

	/**
	 * One pass over the inboxes: each polled network whose turn has come is polled, and
	 * each account whose network gives its audience (polled or told by webhook) has it
	 * read once per audience interval, both on the workers.
	 */
	@Scheduled(fixedDelayString = "#{" + ChannelSettings.BEAN + ".social().tick()}", initialDelayString = "PT2S",
			scheduler = Scheduling.NETWORK)
	void tick() {
		if (!leases.hold("job:social-polling")) {
			return;
		}
		Instant now = clock.instant();
		for (Inbox inbox : inboxes.findAll()) {
			ChannelConnector connector = connectors.of(inbox.channel()).orElse(null);
			if (connector == null || Boolean.FALSE.equals(inbox.settings().get("enabled"))) {
				continue;
			}
			if (connector instanceof PollingConnector polling
					&& !now.isBefore(nextPoll.getOrDefault(inbox.id(), Instant.MIN)) && running.add(inbox.id())) {
				workers.execute(() -> {
					try {
						poll(polling, inbox);
					}
					finally {
						running.remove(inbox.id());
					}
				});
			}
			if (connector instanceof AudienceSource source
					&& !now.isBefore(nextAudience.getOrDefault(inbox.id(), Instant.MIN))
					&& readingAudience.add(inbox.id())) {
				nextAudience.put(inbox.id(), now.plus(audienceInterval));
				workers.execute(() -> {
					try {
						readAudience(source, inbox);
					}
					finally {
						readingAudience.remove(inbox.id());
					}
				});
			}
		}
	}

	/** One poll of one inbox; package-visible so tests can drive it. */
	void poll(PollingConnector connector, Inbox inbox) {
		try {
			PollingConnector.Poll poll = connector.poll(inbox, cursors.of(inbox.id()).orElse(null));
			if (!poll.messages().isEmpty()) {
				ingestion.receiveAll(inbox.id(), poll.messages());
			}
			cursors.save(inbox.id(), poll.position());
			health.succeeded(inbox.id());
			failures.remove(inbox.id());
			Duration wait = poll.waitAtLeast() != null && poll.waitAtLeast().compareTo(interval) > 0
					? poll.waitAtLeast() : interval;
			nextPoll.put(inbox.id(), clock.instant().plus(wait));
		}
		catch (PollingConnector.Failed ex) {
			failed(inbox, ex.getMessage(), ex.retryAfter());
		}
		catch (RuntimeException ex) {
			log.warn("Polling inbox {} ({}) failed", inbox.id(), inbox.channel(), ex);
			failed(inbox, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
	}

	/**
	 * Records the account's followers and its posts' figures. A failure here leaves the
	 * messages alone: it is logged and tried again at the next interval.
	 */
	void readAudience(AudienceSource source, Inbox inbox) {
		try {
			AudienceSource.Audience audience = source.audience(inbox);
			if (audience == null) {
				return;
			}
			Instant now = clock.instant();
			brandPosts.observeFollowers(inbox.id(), audience.followers(), now);
			for (AudienceSource.Reading reading : audience.posts()) {
				brandPosts.observe(inbox.id(), reading.post(), reading.metrics(), now);
			}
			audienceFailing.remove(inbox.id());
		}
		catch (RuntimeException ex) {
			if (audienceFailing.add(inbox.id())) { // said once until it works again
				log.warn("Reading the audience of inbox {} ({}) failed: {}", inbox.id(), inbox.channel(),
						ex.getMessage());
			}
			else {
				log.debug("Reading the audience of inbox {} ({}) still fails: {}", inbox.id(), inbox.channel(),
						ex.getMessage());
			}
		}
	}

	private void failed(Inbox inbox, String reason, @Nullable Duration retryAfter) {
		int n = failures.merge(inbox.id(), 1, Integer::sum);
		Duration backoff = interval.multipliedBy(1L << Math.min(n, 6));
		Duration wait = retryAfter != null ? retryAfter : backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
		Instant next = clock.instant().plus(wait);
		nextPoll.put(inbox.id(), next);
		health.failed(inbox.id(), reason, next);
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

}
