package org.parlons.conversations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The inbox list, latest activity first, follows each way a conversation's last message
 * or status changes: an inbound message, a reply, a resolution (the next message opens a
 * new conversation), a snooze and its end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationListOrderTests {

	@LocalServerPort
	int port;

	@Autowired
	Conversations conversations;

	@Autowired
	ConversationFacts facts;

	@Test
	void theListFollowsMessagesRepliesStatusChangesAndWakeUps() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Activity"), Map.of());
		String a = unique("a");
		String b = unique("b");
		String c = unique("c");
		long first = inbound(admin, inbox, a);
		long second = inbound(admin, inbox, b);
		long third = inbound(admin, inbox, c);
		assertThat(list(admin, inbox, "open")).containsExactly(third, second, first);

		admin.post("/api/v1/conversations/" + first + "/replies", Map.of("text", "Bonjour, je regarde."));
		assertThat(list(admin, inbox, "open")).containsExactly(first, third, second);

		admin.post("/api/v1/conversations/" + second + "/status", Map.of("status", "resolved"));
		assertThat(list(admin, inbox, "open")).containsExactly(first, third);
		assertThat(list(admin, inbox, "resolved")).containsExactly(second);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isEqualTo(3);

		long fourth = inbound(admin, inbox, b);
		assertThat(fourth).isNotEqualTo(second);
		assertThat(list(admin, inbox, "open")).containsExactly(fourth, first, third);
		assertThat(list(admin, inbox, "resolved")).containsExactly(second);
		inbound(admin, inbox, c);
		assertThat(list(admin, inbox, "open")).containsExactly(third, fourth, first);

		String later = OffsetDateTime.now().plusHours(1).toString();
		admin.post("/api/v1/conversations/" + third + "/status", Map.of("status", "snoozed", "snoozeUntil", later));
		assertThat(list(admin, inbox, "snoozed")).containsExactly(third);
		Instant inTwoHours = Instant.now().plus(2, ChronoUnit.HOURS);
		assertThat(facts.snoozeOver(inTwoHours)).contains(third);
		conversations.update(third, null, conversation -> conversation.wake(inTwoHours));
		assertThat(list(admin, inbox, "snoozed")).isEmpty();
		assertThat(list(admin, inbox, "open")).containsExactly(third, fourth, first);
	}

	/** Posts a message from this author; answers its conversation. */
	private long inbound(TestApi admin, long inbox, String author) {
		JsonNode r = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Bonjour"))
			.body();
		return r.get("conversationId").asLong();
	}

	private static List<Long> list(TestApi admin, long inbox, String status) {
		List<Long> ids = new ArrayList<>();
		admin.get("/api/v1/conversations?inboxId=" + inbox + "&status=" + status)
			.body()
			.get("items")
			.forEach(item -> ids.add(item.get("id").asLong()));
		return ids;
	}

}
