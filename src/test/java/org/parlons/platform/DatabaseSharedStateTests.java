package org.parlons.platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The shared state of several nodes on this suite's database (H2 or PostgreSQL): many
 * takers racing for a bucket's tokens spend each token once; entries are removed by
 * prefix.
 */
@SpringBootTest
class DatabaseSharedStateTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Leases leases;

	@Test
	void racingTakersSpendEachTokenOnce() throws Exception {
		// two "nodes" on one database
		SharedState one = new DatabaseSharedState(jdbc, tx, leases);
		SharedState two = new DatabaseSharedState(jdbc, tx, leases);
		String bucket = unique("bucket");
		String other = unique("other");
		ExecutorService takers = Executors.newFixedThreadPool(8);
		List<Future<Boolean>> taken = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			SharedState state = i % 2 == 0 ? one : two;
			taken.add(takers.submit(() -> state.change(List.of(other, bucket), stored -> {
				SharedState.Entry entry = stored.get(bucket);
				double left = entry == null ? 50 : entry.amount();
				if (left < 1) {
					return false;
				}
				stored.put(bucket, new SharedState.Entry(left - 1, Instant.now()));
				return true;
			})));
		}
		int yes = 0;
		for (Future<Boolean> f : taken) {
			yes += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
		}
		takers.shutdown();
		assertThat(yes).isEqualTo(50);
		assertThat(jdbc.sql("select count(*) from shared_state where state_key = ?")
			.param(other)
			.query(Long.class)
			.single()).as("a key left untouched leaves no row").isZero();
		one.removeStartingWith(bucket.substring(0, bucket.length() - 2));
		assertThat(jdbc.sql("select count(*) from shared_state where state_key = ?")
			.param(bucket)
			.query(Long.class)
			.single()).isZero();
	}

}
