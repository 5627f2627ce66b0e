package org.parlons.routing;

import java.util.HashMap;
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
 * Escalation rules route a conversation to a named representative and a supervisor team,
 * once, and say why: a customer asking for a manager, a legal or press word, a customer
 * coming back again and again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EscalationTests {

	@LocalServerPort
	int port;

	TestApi admin;

	long inbox;

	long direction;

	long representative;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inbox = admin.createApiInbox(unique("Escalade"), Map.of());
		long julie = admin.createAgent(unique("julie") + "@teleo.test", "agent", "password-of-julie");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julie)));
		representative = admin.createAgent(unique("marc") + "@teleo.test", "supervisor", "password-of-marc");
		direction = admin
			.post("/api/v1/teams",
					Map.of("name", unique("Direction"), "inboxIds", List.of(), "memberIds", List.of(representative)))
			.id("id");
	}

	@Test
	void aRuleThatCannotWorkIsRefusedInTheReadersLanguage() {
		var french = TestApi.asAdmin(port)
			.withHeader("Accept-Language", "fr")
			.post("/api/v1/escalation-rules", Map.of("name", "Litiges", "kind", "keywords", "priority", "high"));
		assertThat(french.status()).isEqualTo(422);
		assertThat(french.body().get("detail").asString()).isEqualTo("Une règle de mots-clés a besoin de mots-clés.");
		var topic = TestApi.asAdmin(port)
			.withHeader("Accept-Language", "fr")
			.post("/api/v1/listening/topics", Map.of("name", "x".repeat(101), "keywords", List.of("panne")));
		assertThat(topic.body().get("detail").asString())
			.isEqualTo("Un sujet a besoin d'un nom de 100 caractères au plus.");
	}

	@Test
	void aCustomerAskingForAManagerIsMovedToTheRepresentativeOnceAndTheReasonIsShown() {
		rule(Map.of("name", "Demande de responsable", "kind", "manager", "targetTeamId", direction, "targetAgentId",
				representative));
		String customer = unique("client");
		long conversation = send(customer, "Bonjour, ma box ne marche toujours pas.");
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("teamId").asLong())
			.isNotEqualTo(direction);

		send(customer, "Trois semaines ! Je veux parler à un responsable.");
		JsonNode c = admin.get("/api/v1/conversations/" + conversation).body();
		assertThat(c.get("assigneeId").asLong()).isEqualTo(representative);
		assertThat(c.get("teamId").asLong()).isEqualTo(direction);
		assertThat(c.get("priority").asString()).isEqualTo("high");
		JsonNode escalations = admin.get("/api/v1/conversations/" + conversation + "/escalations").body().get("items");
		assertThat(escalations).hasSize(1);
		assertThat(escalations.get(0).get("reason").asString()).contains("responsable");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("escalated")
			.contains("Demande de responsable");

		send(customer, "Toujours personne ? Votre manager, vite.");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/escalations").body().get("items")).hasSize(1);
	}

	@Test
	void aStronglyNegativeMessageEscalatesAndACalmOneDoesNot() {
		rule(Map.of("name", "Client en colère", "kind", "tone", "inboxId", inbox, "targetTeamId", direction));
		long calm = send(unique("client"), "Bonjour, pouvez-vous m'envoyer ma facture ?");
		assertThat(admin.get("/api/v1/conversations/" + calm + "/escalations").body().get("items")).isEmpty();
		long angry = send(unique("client"), "C'est inadmissible, service nul, une vraie arnaque !!!");
		JsonNode escalations = admin.get("/api/v1/conversations/" + angry + "/escalations").body().get("items");
		assertThat(escalations).hasSize(1);
		assertThat(escalations.get(0).get("reason").asString()).startsWith("strongly negative (sentiment -0.");
		assertThat(admin.get("/api/v1/conversations/" + angry).body().get("teamId").asLong()).isEqualTo(direction);
	}

	@Test
	void legalAndPressWordsAndRepeatedContactsEscalate() {
		rule(Map.of("name", "Juridique et presse", "kind", "keywords", "keywords",
				List.of("avocat", "journaliste", "UFC-Que Choisir"), "targetTeamId", direction));
		rule(Map.of("name", "Client qui revient", "kind", "repeat", "repeatCount", 3, "repeatDays", 7, "targetTeamId",
				direction));
		long press = send(unique("client"), "Je suis journaliste et je prépare un article.");
		assertThat(admin.get("/api/v1/conversations/" + press + "/escalations")
			.body()
			.get("items")
			.get(0)
			.get("reason")
			.asString()).contains("journaliste");
		long notAWord = send(unique("client"), "Mon avocatier a des fruits, rien à voir.");
		assertThat(admin.get("/api/v1/conversations/" + notAWord + "/escalations").body().get("items")).isEmpty();

		String customer = unique("client");
		for (int i = 1; i <= 3; i++) {
			long conversation = send(customer, "Encore un souci, le numéro " + i + ".");
			var escalated = admin.get("/api/v1/conversations/" + conversation + "/escalations").body().get("items");
			assertThat(escalated).hasSize(i == 3 ? 1 : 0);
			admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"));
		}
	}

	@Test
	void rulesAreCheckedAndOnlyAdministratorsSetThem() {
		var noTarget = admin.post("/api/v1/escalation-rules", Map.of("name", "x", "kind", "manager"));
		assertThat(noTarget.status()).isEqualTo(422);
		var noWords = admin.post("/api/v1/escalation-rules",
				Map.of("name", "x", "kind", "keywords", "targetTeamId", direction));
		assertThat(noWords.status()).isEqualTo(422);
		String agent = unique("julie") + "@teleo.test";
		admin.createAgent(agent, "agent", "password-of-julie");
		assertThat(TestApi.basic(port, agent, "password-of-julie")
			.post("/api/v1/escalation-rules", Map.of("name", "x", "kind", "manager", "targetTeamId", direction))
			.status()).isEqualTo(403);
	}

	@Test
	void anInfluentialCustomerIsEscalatedOnTheirObservedReachNotTheirFollowers() {
		rule(Map.of("name", "Voix influente", "kind", "influence", "threshold", 45, "targetTeamId", direction,
				"targetAgentId", representative));
		String quiet = unique("client");
		String star = unique("client");
		long quietCustomer = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), quiet, "Bonjour"))
			.id("customerId");
		long starCustomer = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), star, "Bonjour"))
			.id("customerId");
		String quietHandle = unique("quiet");
		String starHandle = unique("star");
		admin.post("/api/v1/customers/" + quietCustomer + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", quietHandle));
		admin.post("/api/v1/customers/" + starCustomer + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", starHandle));
		String now = java.time.OffsetDateTime.now().minusDays(1).toString();
		// a million followers but nobody saw the post; a thousand followers and a post
		// seen by 80,000 people
		var imported = admin.post("/api/v1/listening/mentions", Map.of("items", List.of(
				Map.of("network", "x", "externalId", unique("tweet"), "author",
						Map.of("handle", quietHandle, "followers", 1_000_000), "text", "Panne chez Téléo",
						"publishedAt", now, "reach", 300, "likes", 2),
				Map.of("network", "x", "externalId", unique("tweet"), "author",
						Map.of("handle", "@" + starHandle, "followers", 1_000), "text", "Panne géante chez Téléo",
						"publishedAt", now, "reach", 80_000, "likes", 900, "shares", 300, "comments", 100))));
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(200);

		JsonNode starInfluence = admin.get("/api/v1/customers/" + starCustomer + "/influence").body();
		assertThat(starInfluence.get("items").get(0).get("voice").get("score").asDouble())
			.isCloseTo(10 * Math.log10(1 + 80_000 + 10 * 1_300), org.assertj.core.api.Assertions.within(1e-9));
		JsonNode quietInfluence = admin.get("/api/v1/customers/" + quietCustomer + "/influence").body();
		assertThat(quietInfluence.get("items").get(0).get("voice").get("score").asDouble()).isLessThan(45);

		long calm = send(quiet, "Ma box ne marche plus.");
		assertThat(admin.get("/api/v1/conversations/" + calm + "/escalations").body().get("items")).isEmpty();
		long loud = send(star, "Ma box ne marche plus.");
		JsonNode escalations = admin.get("/api/v1/conversations/" + loud + "/escalations").body().get("items");
		assertThat(escalations).hasSize(1);
		assertThat(escalations.get(0).get("reason").asString()).startsWith("influence 50 (threshold 45");
		assertThat(admin.get("/api/v1/conversations/" + loud).body().get("assigneeId").asLong())
			.isEqualTo(representative);

		assertThat(admin
			.post("/api/v1/escalation-rules", Map.of("name", "x", "kind", "influence", "targetTeamId", direction))
			.status()).isEqualTo(422);
	}

	@Test
	void priorityRulesRaiseAPublicComplaintAndAValuableCustomerWithoutMovingThem() {
		rule(Map.of("name", "Plainte publique", "kind", "public_complaint", "priority", "urgent"));
		rule(Map.of("name", "Gros client", "kind", "customer_value", "attribute", "lifetimeValue", "threshold", 10_000,
				"priority", "high"));

		var publicComplaint = new HashMap<>(inbound(unique("m"), unique("client"),
				"Service client nul, toujours pas de connexion, c'est honteux."));
		publicComplaint.put("visibility", "public");
		long complained = admin.post("/api/v1/inboxes/" + inbox + "/inbound", publicComplaint).id("conversationId");
		JsonNode c = admin.get("/api/v1/conversations/" + complained).body();
		assertThat(c.get("priority").asString()).isEqualTo("urgent");
		assertThat(c.get("teamId").asLong()).isNotEqualTo(direction);
		assertThat(admin.get("/api/v1/conversations/" + complained + "/timeline").body().toString())
			.contains("prioritised")
			.contains("Plainte publique")
			.contains("normal \u2192 urgent");

		assertThat(admin.get("/api/v1/audit?type=conversation.prioritised&q=conversation:" + complained)
			.body()
			.get("items")).filteredOn(e -> e.get("subject").asString().equals("conversation:" + complained)).hasSize(1);
		long privately = send(unique("client"), "Service client nul, toujours pas de connexion, c'est honteux.");
		assertThat(admin.get("/api/v1/conversations/" + privately).body().get("priority").asString())
			.isEqualTo("normal");

		String valuable = unique("client");
		String small = unique("client");
		long valuableId = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), valuable, "Bonjour"))
			.id("customerId");
		long smallId = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), small, "Bonjour"))
			.id("customerId");
		admin.patch("/api/v1/customers/" + valuableId, Map.of("attributes", Map.of("lifetimeValue", 25_000)));
		admin.patch("/api/v1/customers/" + smallId, Map.of("attributes", Map.of("lifetimeValue", "500")));
		long big = send(valuable, "Une question sur ma facture.");
		assertThat(admin.get("/api/v1/conversations/" + big).body().get("priority").asString()).isEqualTo("high");
		assertThat(admin.get("/api/v1/conversations/" + big + "/escalations")
			.body()
			.get("items")
			.get(0)
			.get("reason")
			.asString()).isEqualTo("lifetimeValue 25000 (threshold 10000)");
		long modest = send(small, "Une question sur ma facture.");
		assertThat(admin.get("/api/v1/conversations/" + modest).body().get("priority").asString()).isEqualTo("normal");

		var urgentAndValuable = new HashMap<>(
				inbound(unique("m"), valuable, "Toujours rien, c'est une honte, service nul !"));
		urgentAndValuable.put("visibility", "public");
		admin.post("/api/v1/conversations/" + big + "/status", Map.of("status", "resolved"));
		long both = admin.post("/api/v1/inboxes/" + inbox + "/inbound", urgentAndValuable).id("conversationId");
		assertThat(admin.get("/api/v1/conversations/" + both).body().get("priority").asString())
			.as("a high-priority rule does not lower an urgent conversation")
			.isEqualTo("urgent");
		assertThat(admin.get("/api/v1/conversations/" + both + "/escalations").body().get("items")).hasSize(2);
	}

	@Test
	void priorityRulesAreCheckedLikeEscalationRules() {
		assertThat(admin
			.post("/api/v1/escalation-rules",
					Map.of("name", "x", "kind", "customer_value", "threshold", 5, "priority", "high"))
			.body()
			.get("detail")
			.asString()).contains("attribute");
		assertThat(admin.post("/api/v1/escalation-rules", Map.of("name", "x", "kind", "tone", "priority", "asap"))
			.body()
			.get("detail")
			.asString()).contains("urgent, high, normal, low");
		assertThat(admin
			.post("/api/v1/escalation-rules",
					Map.of("name", "x", "kind", "public_complaint", "threshold", 0.5, "priority", "high"))
			.status()).isEqualTo(422);
		assertThat(admin.post("/api/v1/escalation-rules", Map.of("name", "x", "kind", "nonsense", "priority", "high"))
			.body()
			.get("detail")
			.asString()).contains("public_complaint");
	}

	private void rule(Map<String, Object> body) {
		var withInbox = new HashMap<>(body);
		withInbox.put("inboxId", inbox);
		var r = admin.post("/api/v1/escalation-rules", withInbox);
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
	}

	private long send(String customer, String text) {
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), customer, text))
			.id("conversationId");
	}

}
