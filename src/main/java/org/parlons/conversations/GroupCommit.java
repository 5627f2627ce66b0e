package org.parlons.conversations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages delivered one at a time (a webhook, one API call) together: a committer
 * takes what callers have queued, waits at most the linger for more, and stores up to a
 * group's worth in one transaction per inbox, through the same set-based path as a batch.
 * A caller is answered once its own message is committed. A group that fails is stored
 * again message by message, so a bad message fails only its own caller.
 * <p>
 * Several committers share one queue, so that one group is written while the one before
 * waits for its commit. The next group is only taken once the one before holds its
 * customers' locks: a later message of the same person then waits for the earlier one's
 * commit, and messages are stored in the order they came.
 */
final class GroupCommit {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** Stores one inbox's messages in one transaction and answers for each, in order. */
	@FunctionalInterface
	interface Store {

		/**
		 * @param locked to run once the transaction holds the locks that order it (the
		 * customers' rows)
		 */
		List<Ingestion.Received> store(long inboxId, List<InboundMessage> messages, Runnable locked);

	}

	/** A message waiting for a committer, and the caller's answer. */
	private record Pending(InboundMessage message, CompletableFuture<Ingestion.Received> answer) {
	}

	private final Store store;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	/** Whose turn it is to take the next group. */
	private final Semaphore turn = new Semaphore(1);

	private final int committers;

	private final Duration linger;

	private final int maxGroup;

	private final IntConsumer groupSizes;

	private volatile boolean running = true;

	/**
	 * @param committers threads storing groups; 0 stores each message in its caller's
	 * thread, alone
	 * @param groupSizes told the size of each group stored
	 */
	GroupCommit(Store store, int committers, Duration linger, int maxGroup, IntConsumer groupSizes) {
		this.store = store;
		this.committers = committers;
		this.linger = linger;
		this.maxGroup = maxGroup;
		this.groupSizes = groupSizes;
		for (int i = 0; i < committers; i++) {
			Thread thread = new Thread(this::commitWhileRunning, "ingestion-" + (i + 1));
			thread.setDaemon(true);
			thread.start();
		}
	}

	/**
	 * Stores the message with others and answers once it is committed; alone without
	 * committers.
	 */
	Ingestion.Received receive(InboundMessage message) {
		if (!running || committers == 0) {
			return storeAlone(message);
		}
		Pending pending = new Pending(message, new CompletableFuture<>());
		queue.add(pending);
		try {
			while (true) {
				try {
					return pending.answer().get(1, TimeUnit.SECONDS);
				}
				catch (TimeoutException slow) {
					// the committers stopped after this message was queued: take it back
					// and store it here
					if (!running && queue.remove(pending)) {
						return storeAlone(message);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the message was being stored", ex);
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("The message could not be stored", ex.getCause());
		}
	}

	/**
	 * Stops the committers once what is queued is stored; later messages are stored by
	 * their callers.
	 */
	void stop() {
		running = false;
	}

	private Ingestion.Received storeAlone(InboundMessage message) {
		return store.store(message.inboxId(), List.of(message), () -> {
		}).get(0);
	}

	private void commitWhileRunning() {
		List<Pending> group = new ArrayList<>(maxGroup);
		while (running || !queue.isEmpty()) {
			try {
				turn.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			Runnable nextMayTake = once(turn::release);
			try {
				if (take(group)) {
					commit(group, nextMayTake);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				group.forEach(p -> p.answer().completeExceptionally(ex));
				return;
			}
			catch (RuntimeException | Error ex) {
				// never leave a caller waiting, whatever went wrong
				group.forEach(p -> p.answer().completeExceptionally(ex));
			}
			finally {
				nextMayTake.run();
				group.clear();
			}
		}
	}

	/**
	 * The next group: what is queued, and what comes within the linger; false when
	 * nothing came.
	 */
	private boolean take(List<Pending> group) throws InterruptedException {
		Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return false;
		}
		group.add(first);
		long deadline = System.nanoTime() + linger.toNanos();
		while (group.size() < maxGroup) {
			queue.drainTo(group, maxGroup - group.size());
			long left = deadline - System.nanoTime();
			if (group.size() >= maxGroup || left <= 0 || !running) {
				return true;
			}
			Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return true;
			}
			group.add(next);
		}
		return true;
	}

	/**
	 * One transaction per inbox, in the order of the group; the next committer may take
	 * once the last is locked.
	 */
	private void commit(List<Pending> group, Runnable locked) {
		Map<Long, List<Pending>> byInbox = new LinkedHashMap<>();
		group.forEach(p -> byInbox.computeIfAbsent(p.message().inboxId(), k -> new ArrayList<>()).add(p));
		int left = byInbox.size();
		for (Map.Entry<Long, List<Pending>> inbox : byInbox.entrySet()) {
			commit(inbox.getKey(), inbox.getValue(), --left == 0 ? locked : () -> {
			});
		}
	}

	private void commit(long inboxId, List<Pending> pending, Runnable locked) {
		groupSizes.accept(pending.size());
		List<Ingestion.Received> answers;
		try {
			answers = store.store(inboxId, pending.stream().map(Pending::message).toList(), locked);
		}
		catch (RuntimeException ex) {
			if (pending.size() == 1) {
				pending.get(0).answer().completeExceptionally(ex);
				return;
			}
			log.debug("A group of {} messages failed ({}); storing them one by one", pending.size(), ex.toString());
			pending.forEach(this::alone);
			return;
		}
		for (int i = 0; i < pending.size(); i++) {
			pending.get(i).answer().complete(answers.get(i));
		}
	}

	private void alone(Pending pending) {
		try {
			pending.answer().complete(storeAlone(pending.message()));
		}
		catch (RuntimeException ex) {
			pending.answer().completeExceptionally(ex);
		}
	}

	/** The action, run the first time only. */
	private static Runnable once(Runnable action) {
		AtomicBoolean done = new AtomicBoolean();
		return () -> {
			if (done.compareAndSet(false, true)) {
				action.run();
			}
		};
	}

}
