package org.parlons.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases between nodes on one database: one holder at a time, renewed while held, given
 * back on request, taken by another once lapsed; a session lease is held by one running
 * instance of a node.
 */
@SpringBootTest
class LeasesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void oneNodeAtATimeHoldsALeaseAndAnotherTakesItWhenItLapsesOrIsGivenBack() {
		String job = "job:test-" + Crypto.randomToken(4);
		Leases a = node("a", Duration.ofMillis(600));
		Leases b = node("b", Duration.ofMillis(600));
		assertThat(a.hold(job)).isTrue();
		assertThat(b.hold(job)).as("held by a").isFalse();
		assertThat(a.hold(job)).as("a renews it").isTrue();
		// a stops renewing (it died): the lease lapses, b takes it, a has lost it
		await().atMost(Duration.ofSeconds(5)).until(() -> b.hold(job));
		assertThat(a.hold(job)).isFalse();
		b.release(job);
		assertThat(a.hold(job)).as("given back: taken at once").isTrue();
		assertThat(jdbc.sql("select count(*) from lease where name = ?").param(job).query(Long.class).single()).isOne();
	}

	@Test
	void aSessionLeaseBelongsToOneRunningInstanceOfTheNode() {
		String mailbox = "mailbox:test-" + Crypto.randomToken(4);
		Leases first = node("same", Duration.ofSeconds(30));
		Leases again = node("same", Duration.ofSeconds(30));
		assertThat(first.holdHere(mailbox)).isTrue();
		assertThat(again.holdHere(mailbox)).as("the node started again waits for the lease to lapse").isFalse();
		String job = "job:test-" + Crypto.randomToken(4);
		assertThat(first.hold(job)).isTrue();
		assertThat(again.hold(job)).as("a timed job is the node's, whichever instance").isTrue();
		first.releaseAll();
		assertThat(again.holdHere(mailbox)).isTrue();
	}

	private Leases node(String name, Duration term) {
		PlatformSettings settings = new PlatformSettings(ZoneId.of("Europe/Paris"), "", Path.of("target"),
				new PlatformSettings.Secrets(""), new PlatformSettings.Http(1, 1),
				new PlatformSettings.Scheduling(1, 1), new PlatformSettings.Cluster(name, term));
		return new Leases(jdbc, transactions, settings);
	}

}
