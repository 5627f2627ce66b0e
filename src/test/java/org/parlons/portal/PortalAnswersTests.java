package org.parlons.portal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Questions and answers end to end: the team writes and publishes, customers find what is
 * published in their language by their own words (stemmed, accents aside), never a draft;
 * an agent turns a resolved conversation into a draft; the analyst writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalAnswersTests {

	@LocalServerPort
	int port;

	TestApi admin;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
	}

	@Test
	void customersFindPublishedAnswersInTheirLanguageByTheirOwnWordsNeverADraft() {
		// a word of this test's own, so that other answers never match
		String word = "zorg" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "") + "ub";
		var draft = admin.post("/api/v1/answers", Map.of("language", "fr", "title",
				"Comment résilier mon contrat " + word + " ?", "body",
				"La résiliation se demande depuis votre espace, rubrique Contrats. Elle prend effet sous dix jours."));
		assertThat(draft.status()).as(String.valueOf(draft.body())).isEqualTo(201);
		long id = draft.id("id");
		assertThat(draft.body().get("published").asBoolean()).isFalse();
		long english = admin
			.post("/api/v1/answers", Map.of("language", "en", "title", "How do I end my " + word + " contract?", "body",
					"Ask for the termination in your space, under Contracts."))
			.id("id");
		admin.post("/api/v1/answers/" + english + "/publication", Map.of("published", true));

		PortalClient customer = signedIn();
		// the customer reads in French by their own choice, whatever their browser says
		assertThat(customer.put("/portal/api/v1/preferences", Map.of("language", "fr")).status()).isEqualTo(200);
		assertThat(titles(customer, "resiliation " + word)).isEmpty();
		assertThat(customer.get("/portal/api/v1/answers/" + id).status()).isEqualTo(404);

		assertThat(admin.post("/api/v1/answers/" + id + "/publication", Map.of("published", true)).status())
			.isEqualTo(200);
		// their own words: a plural, no accent, another form of the verb
		assertThat(titles(customer, "résiliations " + word))
			.containsExactly("Comment résilier mon contrat " + word + " ?");
		assertThat(titles(customer, "RESILIATION " + word.toUpperCase())).hasSize(1);
		assertThat(titles(customer, "contrats " + word)).hasSize(1);
		assertThat(customer.get("/portal/api/v1/answers/" + id).body().get("body").asString())
			.contains("rubrique Contrats");
		// the other language's answer is not mixed in, unless asked for
		assertThat(customer.get("/portal/api/v1/answers?q=" + word + "&language=en").body().get("items").size())
			.isEqualTo(1);
		assertThat(titles(customer, "termination " + word))
			.containsExactly("Comment résilier mon contrat " + word + " ?");
		var page = customer.open("http://localhost:" + port + "/portal/answers?q=resilier+" + word);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Comment résilier mon contrat " + word).doesNotContain("How do I end");

		// withdrawn, it is gone at once
		admin.post("/api/v1/answers/" + id + "/publication", Map.of("published", false));
		assertThat(customer.get("/portal/api/v1/answers/" + id).status()).isEqualTo(404);

		assertThat(
				admin.post("/api/v1/answers", Map.of("language", "de", "title", "Frage", "body", "Antwort")).status())
			.isEqualTo(400);
		assertThat(admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/answers", Map.of("language", "fr", "title", " ", "body", "x"))
			.body()
			.get("detail")
			.asString()).isEqualTo("Une réponse demande une question et une réponse.");
		// the agents' API takes no customer session, the portal no agent
		assertThat(TestApi.anonymous(port).get("/portal/api/v1/answers").status()).isEqualTo(401);
	}

	@Test
	void anAgentTurnsAResolvedConversationIntoADraftAndTheAnalystWritesNothing() {
		long inbox = admin.createApiInbox(unique("Questions"), Map.of());
		var in = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Paul"), "text",
						"Bonjour, comment changer l'adresse de facturation ?", "subject", "Changer d'adresse"));
		long conversation = in.id("conversationId");
		String agentEmail = unique("agent") + "@test.local";
		long agentId = admin.createAgent(agentEmail, "agent", "password-of-the-agent");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Team"), "inboxIds", List.of(inbox), "memberIds", List.of(agentId)));
		TestApi agent = TestApi.basic(port, agentEmail, "password-of-the-agent");

		assertThat(agent.post("/api/v1/conversations/" + conversation + "/answer", Map.of()).status()).isEqualTo(409);
		long reply = agent
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Dans votre espace, rubrique Préférences, changez l'adresse puis enregistrez."))
			.id("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch(m -> m.get("id").asLong() == reply && m.get("status").asString().equals("sent")));
		agent.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"));
		var drafted = agent.post("/api/v1/conversations/" + conversation + "/answer", Map.of("language", "fr"));
		assertThat(drafted.status()).as(String.valueOf(drafted.body())).isEqualTo(201);
		JsonNode answer = drafted.body();
		assertThat(answer.get("title").asString()).isEqualTo("Changer d'adresse");
		assertThat(answer.get("body").asString()).startsWith("Dans votre espace, rubrique Préférences");
		assertThat(answer.get("conversationId").asLong()).isEqualTo(conversation);
		assertThat(answer.get("published").asBoolean()).isFalse();

		String analystEmail = unique("analyst") + "@test.local";
		admin.createAgent(analystEmail, "analyst", "password-of-the-analyst");
		TestApi analyst = TestApi.basic(port, analystEmail, "password-of-the-analyst");
		assertThat(analyst.get("/api/v1/answers").status()).isEqualTo(200);
		assertThat(
				analyst.post("/api/v1/answers/" + answer.get("id").asLong() + "/publication", Map.of("published", true))
					.status())
			.isEqualTo(403);
		assertThat(admin.get("/api/v1/answers/" + answer.get("id").asLong()).body().get("published").asBoolean())
			.isFalse();
	}

	private List<String> titles(PortalClient customer, String q) {
		return customer
			.get("/portal/api/v1/answers?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
			.body()
			.get("items")
			.valueStream()
			.map(a -> a.get("title").asString())
			.toList();
	}

	private PortalClient signedIn() {
		long inbox = admin.createApiInbox(unique("Mail"), Map.of());
		long customer = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Marie"),
							"text", "Bonjour"))
			.id("customerId");
		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();
		PortalClient browser = new PortalClient(port);
		browser.open("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		assertThat(browser.signedIn()).isTrue();
		return browser;
	}

}
