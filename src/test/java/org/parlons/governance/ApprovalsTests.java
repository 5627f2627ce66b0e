package org.parlons.governance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Mandates and approvals through the API: a gesture beyond the agent's mandate is held,
 * approved by a supervisor whose mandate covers it, then sent with the approver recorded;
 * personal data never goes into a public reply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalsTests {

	@LocalServerPort
	int port;

	TestApi admin;

	TestApi agent;

	long agentId;

	long conversation;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Gestes"), Map.of());
		String email = unique("julie") + "@teleo.test";
		agentId = person(email, "agent", 50);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(agentId)));
		agent = TestApi.basic(port, email, "password-of-julie");
		conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					inbound(unique("m"), unique("client"),
							"Ma box est en panne depuis dix jours, je veux un dédommagement."))
			.id("conversationId");
	}

	@Test
	void aGestureBeyondTheMandateWaitsForASupervisorWhoseMandateCoversIt() {
		var held = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, nous vous remboursons 80 € sur votre prochaine facture."));
		assertThat(held.status()).isEqualTo(202);
		assertThat(held.body().get("status").asString()).isEqualTo("pending_approval");
		long messageId = held.id("id");

		JsonNode pending = find(admin.get("/api/v1/approvals?status=pending").body().get("items"), messageId);
		assertThat(pending.get("conversationId").asLong()).isEqualTo(conversation);
		assertThat(pending.get("requestedBy").asLong()).isEqualTo(agentId);
		assertThat(pending.get("reason").asString()).contains("80 EUR").contains("50 EUR");
		long approval = pending.get("id").asLong();

		assertThat(agent.post("/api/v1/approvals/" + approval + "/approve", Map.of()).status()).isEqualTo(403);
		String small = unique("petit") + "@teleo.test";
		person(small, "supervisor", 30);
		var notEnough = TestApi.basic(port, small, "password-of-julie")
			.post("/api/v1/approvals/" + approval + "/approve", Map.of());
		assertThat(notEnough.status()).isEqualTo(403);
		assertThat(notEnough.body().get("detail").asString()).contains("mandate");
		assertThat(status(messageId)).isEqualTo("pending_approval");

		String boss = unique("sophie") + "@teleo.test";
		long bossId = person(boss, "supervisor", 500);
		var approved = TestApi.basic(port, boss, "password-of-julie")
			.post("/api/v1/approvals/" + approval + "/approve", Map.of());
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.body().get("status").asString()).isEqualTo("approved");
		assertThat(approved.body().get("decidedBy").asLong()).isEqualTo(bossId);
		assertThat(awaitStatus(messageId, "sent")).isTrue();
		var events = admin.get("/api/v1/conversations/" + conversation + "/timeline").body().get("items").toString();
		assertThat(events).contains("held-for-approval").contains("approved");
		assertThat(TestApi.basic(port, boss, "password-of-julie")
			.post("/api/v1/approvals/" + approval + "/approve", Map.of())
			.status()).isEqualTo(409);
	}

	@Test
	void aGestureWithinTheMandateGoesOutAndARejectedOneNever() {
		var within = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous vous offrons un geste commercial de 20 € pour la gêne."));
		assertThat(within.status()).isEqualTo(201);
		assertThat(within.body().get("status").asString()).isIn("queued", "sent");

		long held = agent
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Nous vous remboursons 300 € immédiatement."))
			.id("id");
		long approval = find(admin.get("/api/v1/approvals?status=pending").body().get("items"), held).get("id")
			.asLong();
		var rejected = admin.post("/api/v1/approvals/" + approval + "/reject",
				Map.of("reason", "Trop élevé : 50 € au plus."));
		assertThat(rejected.body().get("status").asString()).isEqualTo("rejected");
		assertThat(status(held)).isEqualTo("rejected");
	}

	@Test
	void aPublicReplyWithAPhoneNumberIsRefusedWithTheReasonAndNothingStored() {
		int before = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items").size();
		var refused = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Appelez-moi au 06 12 34 56 78, je m'en occupe.", "visibility", "public"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body().get("detail").asString()).contains("phone number").contains("06 12 34 56 78");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items"))
			.hasSize(before);
		var privately = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Appelez-moi au 06 12 34 56 78, je m'en occupe.", "visibility", "private"));
		assertThat(privately.status()).isEqualTo(201);
	}

	@Test
	void aGestureGivenAsAnActionIsCheckedLikeOneInTheTextAndRecordedWhenItGoesOut() {
		var within = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, c'est fait, vous le verrez sur votre prochaine facture.", "gesture",
						Map.of("amount", 30, "currency", "eur")));
		assertThat(within.status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("gesture")
			.contains("30 EUR");

		var beyond = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, c'est fait, vous le verrez sur votre prochaine facture.", "gesture",
						Map.of("amount", "120.50", "currency", "EUR")));
		assertThat(beyond.status()).isEqualTo(202);
		JsonNode pending = find(admin.get("/api/v1/approvals?status=pending").body().get("items"), beyond.id("id"));
		assertThat(pending.get("reason").asString()).contains("120.5 EUR").contains("50 EUR");
		assertThat(pending.get("amount").asDouble()).isEqualTo(120.5);
		String small = unique("paul") + "@teleo.test";
		person(small, "supervisor", 100);
		var edited = TestApi.basic(port, small, "password-of-julie")
			.post("/api/v1/approvals/" + pending.get("id").asLong() + "/approve",
					Map.of("text", "Bonjour, c'est fait."));
		assertThat(edited.status()).as("an edit cannot drop the gesture the reply was held for").isEqualTo(403);
		String boss = unique("sophie") + "@teleo.test";
		person(boss, "supervisor", 500);
		assertThat(TestApi.basic(port, boss, "password-of-julie")
			.post("/api/v1/approvals/" + pending.get("id").asLong() + "/approve", Map.of())
			.status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("120.5 EUR");

		for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("amount", -5, "currency", "EUR"),
				Map.of("amount", 10, "currency", "euros"), Map.of("amount", "1.999", "currency", "EUR"))) {
			var refused = agent.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Bonjour.", "gesture", bad));
			assertThat(refused.status()).as(bad.toString()).isEqualTo(422);
			assertThat(refused.body().get("detail").asString()).startsWith("gesture:");
		}
	}

	@Test
	void aReplyOutsideTheMandatesLanguagesChannelsOrPublicTopicsWaitsForSomeoneWhoseMandateCoversIt() {
		var scoped = admin.patch("/api/v1/agents/" + agentId,
				Map.of("mandate", Map.of("maxGesture", Map.of("amount", 50, "currency", "EUR"), "languages",
						List.of("fr"), "channels", List.of("api"), "withheldTopics", List.of("legal"))));
		assertThat(scoped.status()).as(String.valueOf(scoped.body())).isEqualTo(200);
		assertThat(scoped.body().get("languages").toString()).isEqualTo("[\"fr\"]");
		assertThat(scoped.body().get("withheldTopics").toString()).isEqualTo("[\"legal\"]");

		var inFrench = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, nous regardons votre ligne aujourd'hui et nous revenons vers vous."));
		assertThat(inFrench.status()).isEqualTo(201);

		var inEnglish = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Hello, we are looking into the outage on your line and will come back to you today."));
		assertThat(inEnglish.status()).isEqualTo(202);
		JsonNode english = find(admin.get("/api/v1/approvals?status=pending").body().get("items"), inEnglish.id("id"));
		assertThat(english.get("reason").asString()).contains("a reply in en").contains("languages (fr)");
		String frenchOnly = unique("claire") + "@teleo.test";
		long frenchOnlyId = person(frenchOnly, "supervisor", 500);
		admin.patch("/api/v1/agents/" + frenchOnlyId, Map.of("mandate", Map.of("languages", List.of("fr"))));
		var refused = TestApi.basic(port, frenchOnly, "password-of-julie")
			.post("/api/v1/approvals/" + english.get("id").asLong() + "/approve", Map.of());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body().get("detail").asString()).contains("languages (fr)");
		String bilingual = unique("marc") + "@teleo.test";
		person(bilingual, "supervisor", 500);
		assertThat(TestApi.basic(port, bilingual, "password-of-julie")
			.post("/api/v1/approvals/" + english.get("id").asLong() + "/approve", Map.of())
			.status()).isEqualTo(200);

		String legal = "Bonjour, notre avocat a bien reçu votre mise en demeure, nous revenons vers vous.";
		var inPublic = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", legal, "visibility", "public"));
		assertThat(inPublic.status()).isEqualTo(202);
		assertThat(
				find(admin.get("/api/v1/approvals?status=pending").body().get("items"), inPublic.id("id")).get("reason")
					.asString())
			.contains("public reply on legal")
			.contains("avocat");
		assertThat(agent
			.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", legal, "visibility", "private"))
			.status()).isEqualTo(201);

		admin.patch("/api/v1/agents/" + agentId, Map.of("mandate", Map.of("channels", List.of("email", "x"))));
		var offChannel = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, votre ligne est rétablie."));
		assertThat(offChannel.status()).isEqualTo(202);
		assertThat(find(admin.get("/api/v1/approvals?status=pending").body().get("items"), offChannel.id("id"))
			.get("reason")
			.asString()).contains("a reply on api").contains("channels (email, x)");

		var audit = admin.get("/api/v1/audit?q=agent:" + agentId).body().toString();
		assertThat(audit).contains("languages fr").contains("not in public on legal").contains("channels email x");
	}

	@Test
	void aMandateIsCheckedAndTheWithheldTopicsBelongToAdministrators() {
		var badLanguage = admin.patch("/api/v1/agents/" + agentId,
				Map.of("mandate", Map.of("languages", List.of("french"))));
		assertThat(badLanguage.status()).isEqualTo(422);
		assertThat(badLanguage.contentType()).startsWith("application/problem+json");
		assertThat(badLanguage.body().get("detail").asString()).contains("ISO 639-1").contains("french");

		assertThat(admin.get("/api/v1/mandate-topics").body().get("items").toString()).contains("legal")
			.contains("press")
			.contains("security");
		String name = "recall-" + unique("t").substring(2, 8).toLowerCase(java.util.Locale.ROOT);
		assertThat(agent.put("/api/v1/mandate-topics/" + name, Map.of("phrases", List.of("rappel produit"))).status())
			.isEqualTo(403);
		assertThat(admin.put("/api/v1/mandate-topics/" + name, Map.of("phrases", List.of(" "))).status())
			.isEqualTo(422);
		assertThat(admin.put("/api/v1/mandate-topics/Not%20A%20Name", Map.of("phrases", List.of("x"))).status())
			.isEqualTo(422);
		var saved = admin.put("/api/v1/mandate-topics/" + name, Map.of("phrases", List.of("rappel produit", "recall")));
		assertThat(saved.status()).isEqualTo(200);
		admin.patch("/api/v1/agents/" + agentId, Map.of("mandate", Map.of("withheldTopics", List.of(name))));
		var held = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, ce modèle fait l'objet d'un rappel produit.", "visibility", "public"));
		assertThat(held.status()).isEqualTo(202);
		assertThat(admin.get("/api/v1/audit?type=policy.mandate-topic.saved").body().toString()).contains(name);
		assertThat(admin.delete("/api/v1/mandate-topics/" + name).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/mandate-topics/" + name).status()).isEqualTo(404);
	}

	private long person(String email, String role, int maxGesture) {
		var r = admin.post("/api/v1/agents",
				Map.of("email", email, "name", email.substring(0, email.indexOf('@')), "password", "password-of-julie",
						"role", role, "mandate",
						Map.of("maxGesture", Map.of("amount", maxGesture, "currency", "EUR"))));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	private String status(long messageId) {
		for (JsonNode m : admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items")) {
			if (m.get("id").asLong() == messageId) {
				return m.get("status").asString();
			}
		}
		throw new AssertionError("no message " + messageId);
	}

	private boolean awaitStatus(long messageId, String wanted) {
		for (int i = 0; i < 100; i++) {
			if (wanted.equals(status(messageId))) {
				return true;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return false;
	}

	private static JsonNode find(JsonNode items, long messageId) {
		for (JsonNode item : items) {
			if (item.get("messageId").asLong() == messageId) {
				return item;
			}
		}
		throw new AssertionError("no approval for message " + messageId + " in " + items);
	}

}
