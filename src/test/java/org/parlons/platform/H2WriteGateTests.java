package org.parlons.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.parlons.testing.Databases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On embedded H2 no more write transactions than the gate's number go through at once, the others wait their turn;
 * on PostgreSQL all go through together.
 */
@SpringBootTest
class H2WriteGateTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	H2WriteGate gate;

	@Test
	void atMostTheGivenNumberAtOnceOnH2AndAllElsewhere() throws Exception {
		boolean h2 = "H2".equals(Databases.product(dataSource));
		assertThat(gate.writers()).isEqualTo(Runtime.getRuntime().availableProcessors());
		H2WriteGate two = new H2WriteGate(dataSource, 2);
		int expected = h2 ? 2 : 5;

		AtomicInteger inside = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(5);
		try {
			List<Future<Integer>> done = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				int n = i;
				done.add(pool.submit(() -> two.through(() -> {
					most.accumulateAndGet(inside.incrementAndGet(), Math::max);
					try {
						release.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					inside.decrementAndGet();
					return n;
				})));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (inside.get() < expected && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			Thread.sleep(300);
			assertThat(inside.get()).isEqualTo(expected);
			release.countDown();
			for (int i = 0; i < done.size(); i++) {
				assertThat(done.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
			}
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
		assertThat(most.get()).isEqualTo(expected);
		assertThat(inside.get()).isZero();
	}

}
