package org.parlons.conversations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Every change of a conversation leaves its line, whoever makes it: the customer who
 * writes again to a snoozed or pending conversation, the end of a snooze, an agent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineTests {

	@LocalServerPort
	int port;

	@Autowired
	Timeline timeline;

	@Autowired
	Conversations conversations;

	@Test
	void theCustomerWritingAgainReopensWithALineAndSoDoesTheEndOfASnooze() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Timeline"), Map.of());
		String author = unique("client");
		long id = admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Bonjour"))
			.id("conversationId");
		admin.post("/api/v1/conversations/" + id + "/status", Map.of("status", "pending"));
		admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Toujours rien"));
		assertThat(lines(id)).containsSubsequence("pending", "reopened:customer");
		assertThat(conversations.findById(id).orElseThrow().status()).isEqualTo(ConversationStatus.OPEN);

		admin.post("/api/v1/conversations/" + id + "/status",
				Map.of("status", "snoozed", "snoozeUntil", OffsetDateTime.now().plusMinutes(5).toString()));
		Instant later = Instant.now().plus(10, ChronoUnit.MINUTES);
		conversations.update(id, null, c -> c.wake(later));
		assertThat(lines(id)).containsSubsequence("pending", "reopened:customer", "snoozed", "woke");

		admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Et encore"));
		assertThat(lines(id)).filteredOn(l -> l.startsWith("reopened")).hasSize(1);
	}

	private java.util.List<String> lines(long id) {
		return timeline.events(id)
			.stream()
			.map(e -> e.type() + (e.detail() == null || e.type().equals("snoozed") ? "" : ":" + e.detail()))
			.toList();
	}

}
