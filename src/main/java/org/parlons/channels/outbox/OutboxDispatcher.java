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
import org.parlons.channels.AccountPosts;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.ReplyQueued;
import org.parlons.platform.Scheduling;
import org.parlons.platform.Sentences;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves replies and the brand's posts from the outbox to their channel: exponential
 * backoff with jitter on passing failures, the channel's {@code Retry-After} when it
 * gives one, and a clear failure after the last attempt or on an error that will never
 * succeed.
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

	private final AccountPosts posts;

	private final Inboxes inboxes;

	OutboxDispatcher(Outbox outbox, Deliveries deliveries, ChannelConnectors connectors, ChannelHealth health,
			Clock clock, ChannelSettings settings, Sentences sentences, AccountPosts posts, Inboxes inboxes) {
		this.sentences = sentences;
		this.posts = posts;
		this.inboxes = inboxes;
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
		if (entry.postId() != null) {
			post(entry, entry.postId(), attempt);
			return;
		}
		long messageId = java.util.Objects.requireNonNull(entry.messageId());
		var outgoing = deliveries.outgoing(messageId);
		if (outgoing.isEmpty()) {
			outbox.failed(entry.id(), "message " + messageId + " no longer exists");
			return;
		}
		Inbox inbox = outgoing.get().inbox();
		DeliveryResult result = attempt(inbox, "message " + messageId, c -> c.deliver(outgoing.get()));
		settle(entry, inbox.id(), attempt, result, new Outcome() {
			@Override
			public void sent(DeliveryResult.Sent sent) {
				deliveries.sent(messageId, sent.channelId());
			}

			@Override
			public void failed(String reason, boolean forGood) {
				if (forGood) {
					deliveries.failed(messageId, reason);
				}
			}
		});
	}

	/** A brand post: the same retries as a reply, its fate written on the post. */
	private void post(Outbox.Entry entry, long postId, int attempt) {
		AccountPosts.Post post = posts.find(postId).orElse(null);
		Inbox inbox = post == null ? null : inboxes.findById(post.inboxId()).orElse(null);
		if (post == null || inbox == null) {
			outbox.failed(entry.id(), "post " + postId + " or its inbox no longer exists");
			return;
		}
		DeliveryResult result = attempt(inbox, "post " + postId, c -> c.publish(inbox, post));
		settle(entry, inbox.id(), attempt, result, new Outcome() {
			@Override
			public void sent(DeliveryResult.Sent sent) {
				posts.sent(postId, sent.channelId(), sent.url());
			}

			@Override
			public void failed(String reason, boolean forGood) {
				posts.failed(postId, reason, forGood);
			}
		});
	}

	/** What becomes of the thing delivered, told by {@link #settle}. */
	private interface Outcome {

		void sent(DeliveryResult.Sent sent);

		void failed(String reason, boolean forGood);

	}

	private DeliveryResult attempt(Inbox inbox, String what,
			java.util.function.Function<ChannelConnector, DeliveryResult> send) {
		ChannelConnector connector = connectors.of(inbox.channel()).orElse(null);
		try {
			return inbox.deleted() ? new DeliveryResult.Failed(sentences.english("delivery.inboxDeleted"))
					: connector == null ? new DeliveryResult.Failed("no connector for channel " + inbox.channel())
							: send.apply(connector);
		}
		catch (RuntimeException ex) {
			log.warn("Connector failed on {}", what, ex);
			return new DeliveryResult.Retry(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
	}

	private void settle(Outbox.Entry entry, long inboxId, int attempt, DeliveryResult result, Outcome outcome) {
		if (result instanceof DeliveryResult.Sent sent) {
			outbox.sent(entry.id());
			outcome.sent(sent);
			health.succeeded(inboxId);
		}
		else if (result instanceof DeliveryResult.Retry retry && attempt < maxAttempts) {
			Instant next = nextAttempt(attempt, retry.after());
			outbox.retryAt(entry.id(), next, "attempt " + attempt + ": " + retry.reason());
			outcome.failed(retry.reason(), false);
			// A passing failure is the channel's (server down, credentials refused): show
			// it on the inbox.
			health.failed(inboxId, sentences.english("delivery.sending", retry.reason()), next);
		}
		else {
			String reason = result instanceof DeliveryResult.Retry retry
					? sentences.english("delivery.gaveUp", String.valueOf(attempt), retry.reason())
					: ((DeliveryResult.Failed) result).reason();
			outbox.failed(entry.id(), reason);
			outcome.failed(reason, true);
		}
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
