package org.parlons.platform;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Timed work that waits on other servers has a pool of its own: with every network thread
 * stuck, as behind a network that never answers, a snoozed conversation still wakes on
 * time and a reply waits for its delivery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchedulingTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier(Scheduling.NETWORK)
	ThreadPoolTaskScheduler network;

	@Autowired
	PlatformSettings settings;

	@Test
	void aStuckNetworkNeverDelaysLocalWork() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Stuck"), Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		long reply;
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch stuck = new CountDownLatch(settings.scheduling().network());
		for (int i = 0; i < settings.scheduling().network(); i++) {
			network.execute(() -> {
				stuck.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		try {
			assertThat(stuck.await(10, TimeUnit.SECONDS)).as("every network thread is held").isTrue();
			String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toString();
			admin.post("/api/v1/conversations/" + conversation + "/status",
					Map.of("status", "snoozed", "snoozeUntil", soon));
			reply = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Nous regardons."))
				.id("id");

			await().atMost(Duration.ofSeconds(10))
				.until(() -> "open"
					.equals(admin.get("/api/v1/conversations/" + conversation).body().get("status").asString()));
			assertThat(status(admin, conversation, reply)).as("no delivery while the network pool is held")
				.isEqualTo("queued");
		}
		finally {
			release.countDown();
		}
		long sent = reply;
		await().atMost(Duration.ofSeconds(10)).until(() -> !"queued".equals(status(admin, conversation, sent)));
	}

	private static String status(TestApi admin, long conversation, long reply) {
		for (var m : admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items")) {
			if (m.get("id").asLong() == reply) {
				return m.get("status").asString();
			}
		}
		throw new AssertionError("no message " + reply);
	}

}
