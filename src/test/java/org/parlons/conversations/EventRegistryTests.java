package org.parlons.conversations;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.IncompleteEventPublications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * An event whose listener has not succeeded stays in the JDBC publication registry (so it
 * survives a crash) and is delivered when resubmitted, as on restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventRegistryTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IncompleteEventPublications incomplete;

	@Autowired
	FlakyListener listener;

	@Test
	void keepsAnUnhandledEventUntilItsListenerSucceeds() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Registry"), Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "hello"))
			.id("conversationId");
		listener.fail(true);
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "answer"));

		await().atMost(Duration.ofSeconds(10)).until(() -> listener.attempts() > 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 1);

		listener.fail(false);
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof ReplyQueued);
		await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
		assertThat(listener.handled()).isEqualTo(1);
	}

	private long pending() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like ?")
			.param("%FlakyListener%")
			.query(Long.class)
			.single();
	}

	@TestConfiguration
	static class Config {

		@Bean
		FlakyListener flakyListener() {
			return new FlakyListener();
		}

	}

	static class FlakyListener {

		final AtomicBoolean failing = new AtomicBoolean();

		final AtomicInteger attempts = new AtomicInteger();

		final AtomicInteger handled = new AtomicInteger();

		// Read through methods: the bean is a proxy, its fields are not the target's.
		public void fail(boolean value) {
			failing.set(value);
		}

		public int attempts() {
			return attempts.get();
		}

		public int handled() {
			return handled.get();
		}

		@ApplicationModuleListener
		void on(ReplyQueued event) {
			attempts.incrementAndGet();
			if (failing.get()) {
				throw new IllegalStateException("listener down");
			}
			handled.incrementAndGet();
		}

	}

}
