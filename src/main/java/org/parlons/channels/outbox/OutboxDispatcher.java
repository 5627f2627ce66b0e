package org.parlons.channels.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.channels.ChannelSettings;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.ChannelConnectors;
import org.parlons.channels.ChannelHealth;
import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.ReplyQueued;
import org.parlons.platform.Scheduling;
import org.parlons.platform.Sentences;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves replies from the outbox to their channel: exponential backoff with jitter on
 * passing failures, the channel's {@code Retry-After} when it gives one, and a clear
 * failure after the last attempt or on an error that will never succeed.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private final Outbox outbox;

	private final Deliveries deliveries;

	private final ChannelConnectors connectors;

	private final ChannelHealth health;

	private final Clock clock;

	private final int maxAttempts;

	private final Duration baseBackoff;

	/**
	 * How long a claimed delivery is left alone before it is taken to have died with its
	 * node.
	 */
	private final Duration lease;

	private final Sentences sentences;

	OutboxDispatcher(Outbox outbox, Deliveries deliveries, ChannelConnectors connectors, ChannelHealth health,
			Clock clock, ChannelSettings settings, Sentences sentences) {
		this.sentences = sentences;
		this.lease = settings.outbox().lease();
		this.outbox = outbox;
		this.deliveries = deliveries;
		this.connectors = connectors;
		this.health = health;
		this.clock = clock;
		this.maxAttempts = settings.outbox().maxAttempts();
		this.baseBackoff = settings.outbox().baseBackoff();
	}

	@ApplicationModuleListener
	void on(ReplyQueued queued) {
		outbox.enqueue(queued.messageId(), queued.inboxId());
	}

	@Scheduled(fixedDelayString = "#{" + ChannelSettings.BEAN + ".outbox().pollInterval()}",
			scheduler = Scheduling.NETWORK)
	void dispatch() {
		for (Outbox.Entry entry : outbox.due(50)) {
			if (outbox.claim(entry, lease)) {
				deliver(entry, entry.attempts() + 1);
			}
		}
	}

	private void deliver(Outbox.Entry entry, int attempt) {
		var outgoing = deliveries.outgoing(entry.messageId());
		if (outgoing.isEmpty()) {
			outbox.failed(entry.id(), "message " + entry.messageId() + " no longer exists");
			return;
		}
		ChannelConnector connector = connectors.of(outgoing.get().inbox().channel()).orElse(null);
		DeliveryResult result;
		try {
			result = outgoing.get().inbox().deleted()
					? new DeliveryResult.Failed(sentences.english("delivery.inboxDeleted"))
					: connector == null
							? new DeliveryResult.Failed("no connector for channel " + outgoing.get().inbox().channel())
							: connector.deliver(outgoing.get());
		}
		catch (RuntimeException ex) {
			log.warn("Connector failed on message {}", entry.messageId(), ex);
			result = new DeliveryResult.Retry(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
		long inboxId = outgoing.get().inbox().id();
		if (result instanceof DeliveryResult.Sent sent) {
			outbox.sent(entry.id());
			deliveries.sent(entry.messageId(), sent.channelId());
			health.succeeded(inboxId);
		}
		else if (result instanceof DeliveryResult.Retry retry && attempt < maxAttempts) {
			Instant next = nextAttempt(attempt, retry.after());
			outbox.retryAt(entry.id(), next, "attempt " + attempt + ": " + retry.reason());
			// A passing failure is the channel's (server down, credentials refused): show
			// it on the inbox.
			health.failed(inboxId, sentences.english("delivery.sending", retry.reason()), next);
		}
		else if (result instanceof DeliveryResult.Retry retry) {
			giveUp(entry, sentences.english("delivery.gaveUp", String.valueOf(attempt), retry.reason()));
		}
		else if (result instanceof DeliveryResult.Failed failed) {
			giveUp(entry, failed.reason());
		}
	}

	private void giveUp(Outbox.Entry entry, String reason) {
		outbox.failed(entry.id(), reason);
		deliveries.failed(entry.messageId(), reason);
	}

	Instant nextAttempt(int attempt, @org.jspecify.annotations.Nullable Duration retryAfter) {
		Duration backoff = baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
		if (backoff.compareTo(MAX_BACKOFF) > 0) {
			backoff = MAX_BACKOFF;
		}
		long jitter = (long) (backoff.toMillis() * ThreadLocalRandom.current().nextDouble(-0.2, 0.2));
		Duration wait = backoff.plusMillis(jitter);
		if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
			wait = retryAfter;
		}
		return clock.instant().plus(wait);
	}

}
