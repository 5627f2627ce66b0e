package org.parlons.conversations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Single deliveries stored together: grouped, each caller answered with its own message,
 * a bad message failing only its caller, a group taken only once the one before holds its
 * locks.
 */
class GroupCommitTests {

	private final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());

	private final ExecutorService callers = Executors.newFixedThreadPool(16);

	private GroupCommit commits;

	@AfterEach
	void stop() {
		callers.shutdownNow();
		if (commits != null) {
			commits.stop();
		}
	}

	@Test
	void concurrentDeliveriesAreStoredTogetherAndEachCallerGetsItsOwnAnswer() throws Exception {
		AtomicInteger transactions = new AtomicInteger();
		commits = new GroupCommit(slowly(transactions, Set.of()), 2, Duration.ofMillis(1), 64, groupSizes::add);
		List<Future<Ingestion.Received>> answers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			InboundMessage message = message(1, "m-" + i, "author-" + (i % 20));
			answers.add(callers.submit(() -> commits.receive(message)));
		}
		for (int i = 0; i < 200; i++) {
			assertThat(answers.get(i).get(10, TimeUnit.SECONDS).messageId()).isEqualTo(i);
		}
		assertThat(transactions.get()).isLessThan(100);
		assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
		assertThat(groupSizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(1)
			.isLessThanOrEqualTo(64);
	}

	@Test
	void aBadMessageFailsOnlyItsOwnCaller() throws Exception {
		commits = new GroupCommit(slowly(new AtomicInteger(), Set.of("m-7")), 1, Duration.ofMillis(20), 64,
				groupSizes::add);
		List<Future<Ingestion.Received>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			InboundMessage message = message(1, "m-" + i, "author-" + i);
			answers.add(callers.submit(() -> commits.receive(message)));
		}
		for (int i = 0; i < 16; i++) {
			Future<Ingestion.Received> answer = answers.get(i);
			if (i == 7) {
				assertThatIllegalArgumentException().isThrownBy(() -> {
					try {
						answer.get(10, TimeUnit.SECONDS);
					}
					catch (java.util.concurrent.ExecutionException ex) {
						throw ex.getCause();
					}
				}).withMessageContaining("m-7");
			}
			else {
				assertThat(answer.get(10, TimeUnit.SECONDS).messageId()).isEqualTo(i);
			}
		}
		assertThat(groupSizes).anyMatch(size -> size > 1);
	}

	@Test
	void aGroupIsTakenOnlyOnceTheOneBeforeHoldsItsLocksAndIsWrittenWhileThatOneCommits() throws Exception {
		AtomicInteger entered = new AtomicInteger();
		AtomicInteger locked = new AtomicInteger();
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		AtomicInteger early = new AtomicInteger();
		commits = new GroupCommit((inbox, batch, onLocked) -> {
			if (entered.getAndIncrement() != locked.get()) {
				early.incrementAndGet();
			}
			mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			sleep(1);
			locked.incrementAndGet();
			onLocked.run();
			sleep(3); // the commit
			inFlight.decrementAndGet();
			return answers(batch);
		}, 3, Duration.ofMillis(1), 8, groupSizes::add);
		List<Future<Ingestion.Received>> answers = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			InboundMessage message = message(1 + i % 3, "m-" + i, "author-" + (i % 5));
			answers.add(callers.submit(() -> commits.receive(message)));
		}
		for (int i = 0; i < 400; i++) {
			assertThat(answers.get(i).get(10, TimeUnit.SECONDS).messageId()).isEqualTo(i);
		}
		assertThat(early).hasValue(0);
		assertThat(mostInFlight.get()).isGreaterThan(1);
	}

	@Test
	void aStoppedGroupCommitStillStoresWhatWasQueuedAndThenStoresAlone() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		commits = new GroupCommit((inbox, batch, onLocked) -> {
			inside.countDown();
			await(release);
			return answers(batch);
		}, 1, Duration.ZERO, 64, groupSizes::add);
		Future<Ingestion.Received> first = callers.submit(() -> commits.receive(message(1, "m-1", "a")));
		inside.await(5, TimeUnit.SECONDS);
		Future<Ingestion.Received> queued = callers.submit(() -> commits.receive(message(1, "m-2", "a")));
		sleep(50);
		commits.stop();
		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).messageId()).isEqualTo(1);
		assertThat(queued.get(5, TimeUnit.SECONDS).messageId()).isEqualTo(2);
		assertThat(commits.receive(message(1, "m-3", "a")).messageId()).isEqualTo(3);
	}

	/**
	 * Takes a millisecond per group; refuses a group holding one of the poisoned
	 * messages.
	 */
	private static GroupCommit.Store slowly(AtomicInteger transactions, Set<String> poisoned) {
		return (inbox, batch, onLocked) -> {
			transactions.incrementAndGet();
			sleep(1);
			batch.stream().filter(m -> poisoned.contains(m.externalId())).findFirst().ifPresent(m -> {
				throw new IllegalArgumentException("refused " + m.externalId());
			});
			return answers(batch);
		};
	}

	/** Each message answers with the number in its external id as message id. */
	private static List<Ingestion.Received> answers(List<InboundMessage> batch) {
		return batch.stream()
			.map(m -> new Ingestion.Received(m.inboxId(), Long.parseLong(m.externalId().substring(2)), 0, false))
			.toList();
	}

	private static InboundMessage message(long inbox, String externalId, String author) {
		return new InboundMessage(inbox, externalId, new Author(null, List.of(Identity.external("test", author))),
				"Bonjour", Instant.now(), Visibility.PRIVATE, null, null, List.of());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
