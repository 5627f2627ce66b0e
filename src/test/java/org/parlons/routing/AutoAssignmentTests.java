package org.parlons.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Automatic assignment: the conversations one batch opens go round-robin to the team's
 * agents, each up to the capacity an administrator set (and the change is audited);
 * beyond it they wait unassigned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AutoAssignmentTests {

	@LocalServerPort
	int port;

	@Test
	void aBatchOfNewConversationsIsSharedInTurnUpToEachAgentsCapacity() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Tour"), Map.of());
		long julie = admin.createAgent(unique("julie") + "@teleo.test", "agent", "password-of-julie");
		long marc = admin.createAgent(unique("marc") + "@teleo.test", "agent", "password-of-marc");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julie, marc)));
		for (long agent : List.of(julie, marc)) {
			var changed = admin.patch("/api/v1/agents/" + agent, Map.of("capacity", 2));
			assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
			assertThat(changed.body().get("capacity").asInt()).isEqualTo(2);
		}

		List<Map<String, Object>> messages = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			messages.add(inbound(unique("m"), unique("client"), "Bonjour, ma box ne marche plus."));
		}
		JsonNode answer = admin.post("/api/v1/inboxes/" + inbox + "/inbound/batch", Map.of("messages", messages))
			.body();
		List<Long> conversations = new ArrayList<>();
		answer.get("items").forEach(item -> conversations.add(item.get("conversationId").asLong()));
		assertThat(conversations).hasSize(5).doesNotHaveDuplicates();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> assignees(admin, conversations).values().stream().filter(a -> a != 0).count() == 4);
		Map<Long, Long> assignees = assignees(admin, conversations);
		assertThat(assignees.values().stream().filter(a -> a == julie).count()).isEqualTo(2);
		assertThat(assignees.values().stream().filter(a -> a == marc).count()).isEqualTo(2);
		assertThat(assignees.get(conversations.get(4))).isZero(); // both at capacity: it
																	// waits
		// in turn, not all to the first agent
		assertThat(assignees.get(conversations.get(0))).isNotEqualTo(assignees.get(conversations.get(1)));
		assertThat(admin.get("/api/v1/conversations/" + conversations.get(0) + "/timeline").body().toString())
			.contains("auto-assigned");
		assertThat(admin.get("/api/v1/audit?type=agent.capacity&q=agent:" + julie).body().toString())
			.contains("20 → 2");
	}

	@Test
	void agentsAwayOrOfflineGetNoNewConversationAndKeepTheirOwn() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Présence"), Map.of());
		String julieEmail = unique("julie") + "@teleo.test";
		String marcEmail = unique("marc") + "@teleo.test";
		long julie = admin.createAgent(julieEmail, "agent", "password-of-julie");
		long marc = admin.createAgent(marcEmail, "agent", "password-of-marc");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julie, marc)));
		TestApi marcApi = TestApi.basic(port, marcEmail, "password-of-marc");
		assertThat(marcApi.get("/api/v1/me").body().get("availability").asString()).isEqualTo("online");
		long before = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					inbound(unique("m"), unique("client"), "Bonjour, ma box ne marche plus."))
			.id("conversationId");
		await().atMost(Duration.ofSeconds(10)).until(() -> assignees(admin, List.of(before)).get(before) != 0);
		long kept = assignees(admin, List.of(before)).get(before);

		var away = marcApi.put("/api/v1/me/availability", Map.of("status", "away"));
		assertThat(away.status()).isEqualTo(200);
		assertThat(away.body().get("availability").asString()).isEqualTo("away");
		assertThat(marcApi.put("/api/v1/me/availability", Map.of("status", "sleeping")).status()).isIn(400, 422);
		List<Long> opened = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			opened.add(admin
				.post("/api/v1/inboxes/" + inbox + "/inbound",
						inbound(unique("m"), unique("client"), "Bonjour, ma box ne marche plus."))
				.id("conversationId"));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> assignees(admin, opened).values().stream().allMatch(a -> a != 0));
		assertThat(assignees(admin, opened).values()).as("all to the one who is online").containsOnly(julie);
		assertThat(assignees(admin, List.of(before)).get(before)).as("what one had stays").isEqualTo(kept);

		TestApi.basic(port, julieEmail, "password-of-julie")
			.put("/api/v1/me/availability", Map.of("status", "offline"));
		long nobody = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("client"), "Toujours en panne."))
			.id("conversationId");
		marcApi.put("/api/v1/me/availability", Map.of("status", "online"));
		long back = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("client"), "Encore moi."))
			.id("conversationId");
		await().atMost(Duration.ofSeconds(10)).until(() -> assignees(admin, List.of(back)).get(back) != 0);
		assertThat(assignees(admin, List.of(back)).get(back)).isEqualTo(marc);
		assertThat(assignees(admin, List.of(nobody)).get(nobody)).as("nobody online: it waits").isZero();
	}

	@Test
	void anAdministratorChangesRolesAndMandatesAndEachChangeIsAudited() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("lea") + "@teleo.test";
		long lea = admin.createAgent(email, "agent", "password-of-lea");
		var granted = admin.patch("/api/v1/agents/" + lea, Map.of("role", "supervisor", "mandate",
				Map.of("maxGesture", Map.of("amount", 150, "currency", "eur"))));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.body().get("role").asString()).isEqualTo("supervisor");
		assertThat(granted.body().get("maxGesture").get("currency").asString()).isEqualTo("EUR");
		String audit = admin.get("/api/v1/audit?q=agent:" + lea).body().toString();
		assertThat(audit).contains("agent.role")
			.contains("agent → supervisor")
			.contains("agent.mandate")
			.contains("no gesture, any language, any channel → gestures up to 150 EUR, any language, any channel");

		Map<String, Object> takeAway = new HashMap<>();
		takeAway.put("maxGesture", null);
		assertThat(admin.patch("/api/v1/agents/" + lea, Map.of("mandate", takeAway)).body().get("maxGesture").isNull())
			.isTrue();
		assertThat(admin.patch("/api/v1/agents/" + lea, Map.of("capacity", -1)).status()).isEqualTo(422);
		assertThat(admin.patch("/api/v1/agents/" + lea, Map.of("role", "king")).status()).isIn(400, 422);
		assertThat(admin.patch("/api/v1/agents/999999", Map.of("capacity", 3)).status()).isEqualTo(404);
		assertThat(TestApi.basic(port, email, "password-of-lea")
			.patch("/api/v1/agents/" + lea, Map.of("capacity", 99))
			.status()).isEqualTo(403);
	}

	private static Map<Long, Long> assignees(TestApi admin, List<Long> conversations) {
		Map<Long, Long> out = new HashMap<>();
		for (long id : conversations) {
			JsonNode c = admin.get("/api/v1/conversations/" + id).body();
			out.put(id, c.get("assigneeId").isNull() ? 0L : c.get("assigneeId").asLong());
		}
		return out;
	}

}
