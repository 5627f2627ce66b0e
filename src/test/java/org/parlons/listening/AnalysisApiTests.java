package org.parlons.listening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The contract's tonality call over HTTP, for an analyst.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalysisApiTests {

	@LocalServerPort
	int port;

	@Test
	void answersTheSeedsExampleAsTheContractShowsIt() {
		TestApi admin = TestApi.asAdmin(port);
		String analyst = unique("analyst") + "@teleo.test";
		admin.createAgent(analyst, "analyst", "analyst-password-1");
		List<Map<String, Object>> messages = new ArrayList<>();
		TonalityTests.seed().forEach(s -> messages.add(Map.of("author", s.author(), "score", s.score())));

		var r = TestApi.basic(port, analyst, "analyst-password-1")
			.post("/api/v1/analysis/tonality", Map.of("messages", messages));

		assertThat(r.status()).isEqualTo(200);
		JsonNode body = r.body();
		assertThat(body.get("messages").asInt()).isEqualTo(2_800);
		assertThat(body.get("authors").asInt()).isEqualTo(1_000);
		assertThat(body.get("perMessage").get("positive").asDouble()).isCloseTo(0.714, within(0.001));
		assertThat(body.get("perAuthor").get("positive").asDouble()).isCloseTo(0.20, within(1e-9));
		assertThat(body.get("perAuthor").get("positiveCi95")).hasSize(2);
		assertThat(body.get("effectiveSampleSize").asDouble()).isCloseTo(1_219.5, within(0.1));
	}

	@Test
	void scoresTextsInInputOrderWithTheirLanguage() {
		TestApi admin = TestApi.asAdmin(port);
		var r = admin.post("/api/v1/analysis/sentiment", Map.of("texts", List.of("Je n'aime pas du tout ce produit.",
				"I love it, thanks!", "Le colis a été livré mardi.", "<script>alert(1)</script> horrible")));

		assertThat(r.status()).isEqualTo(200);
		JsonNode results = r.body().get("results");
		assertThat(results).hasSize(4);
		assertThat(results.get(0).get("label").asString()).isEqualTo("negative");
		assertThat(results.get(0).get("language").asString()).isEqualTo("fr");
		assertThat(results.get(1).get("label").asString()).isEqualTo("positive");
		assertThat(results.get(1).get("language").asString()).isEqualTo("en");
		assertThat(results.get(1).get("score").asDouble()).isBetween(0.05, 1.0);
		assertThat(results.get(2).get("label").asString()).isEqualTo("neutral");
		assertThat(results.get(3).get("label").asString()).isEqualTo("negative");
		assertThat(r.body().toString()).doesNotContain("<script>");
	}

	@Test
	void readsTextsInTheLanguageAskedFor() {
		var r = TestApi.asAdmin(port)
			.post("/api/v1/analysis/sentiment", Map.of("texts", List.of("super"), "language", "FR"));
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body().get("results").get(0).get("language").asString()).isEqualTo("fr");
	}

	@Test
	void refusesBadSentimentRequestsClearly() {
		TestApi admin = TestApi.asAdmin(port);
		var language = admin.post("/api/v1/analysis/sentiment", Map.of("texts", List.of("hola"), "language", "es"));
		assertThat(language.status()).isEqualTo(422);
		assertThat(language.contentType()).startsWith("application/problem+json");
		assertThat(language.body().get("detail").asString()).startsWith("language: ");
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 1_001; i++) {
			tooMany.add("ok");
		}
		assertThat(admin.post("/api/v1/analysis/sentiment", Map.of("texts", tooMany)).status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/analysis/sentiment", Map.of("texts", List.of())).status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/analysis/sentiment", Map.of("texts", "not a list")).status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/analysis/sentiment", "{\"texts\": [").status()).isEqualTo(400);
		assertThat(TestApi.anonymous(port).post("/api/v1/analysis/sentiment", Map.of("texts", List.of("ok"))).status())
			.isEqualTo(401);
	}

	@Test
	void computesTonalityFromTextsTooAndRefusesOutOfRangeScores() {
		TestApi admin = TestApi.asAdmin(port);
		List<Map<String, Object>> messages = new ArrayList<>();
		for (int a = 0; a < 8; a++) {
			messages.add(Map.of("author", "unhappy-" + a, "text", "Toujours pas reçu ma commande, c'est nul"));
		}
		for (int a = 0; a < 2; a++) {
			for (int m = 0; m < 10; m++) {
				messages.add(Map.of("author", "fan-" + a, "text", "J'adore, merci !"));
			}
		}
		var tonality = admin.post("/api/v1/analysis/tonality", Map.of("messages", messages));
		assertThat(tonality.status()).isEqualTo(200);
		assertThat(tonality.body().get("perMessage").get("positive").asDouble()).isCloseTo(20 / 28.0, within(1e-9));
		assertThat(tonality.body().get("perAuthor").get("positive").asDouble()).isCloseTo(0.2, within(1e-9));

		var neither = admin.post("/api/v1/analysis/tonality", Map.of("messages", List.of(Map.of("author", "a"))));
		assertThat(neither.status()).isEqualTo(422);
		assertThat(neither.contentType()).startsWith("application/problem+json");
		assertThat(neither.body().get("detail").asString()).startsWith("messages[0]: ");
		var range = admin.post("/api/v1/analysis/tonality",
				Map.of("messages", List.of(Map.of("author", "a", "score", 2))));
		assertThat(range.status()).isEqualTo(422);
		var empty = admin.post("/api/v1/analysis/tonality", Map.of("messages", List.of()));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(TestApi.anonymous(port).post("/api/v1/analysis/tonality", Map.of("messages", List.of())).status())
			.isEqualTo(401);
	}

	@Test
	void countsPublicComplaintsStillWaitingForAPublicAnswer() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Page"), Map.of());
		Map<String, Object> complaint = new java.util.HashMap<>(
				TestApi.inbound(unique("m"), unique("c"), "Service nul, toujours pas de réponse"));
		complaint.put("visibility", "public");
		Map<String, Object> praise = new java.util.HashMap<>(
				TestApi.inbound(unique("m"), unique("c"), "Merci, super équipe !"));
		praise.put("visibility", "public");
		Map<String, Object> privately = new java.util.HashMap<>(TestApi.inbound(unique("m"), unique("c"), "C'est nul"));
		privately.put("visibility", "private");
		long conversation = admin.post("/api/v1/inboxes/" + inbox + "/inbound", complaint).id("conversationId");
		admin.post("/api/v1/inboxes/" + inbox + "/inbound", praise);
		admin.post("/api/v1/inboxes/" + inbox + "/inbound", privately);

		assertThat(waiting(admin, inbox).get("unansweredPublic").asInt()).isEqualTo(2);
		assertThat(waiting(admin, inbox).get("unansweredComplaints").asInt()).isEqualTo(1);
		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Toutes nos excuses, nous regardons.", "visibility", "public"));
		// the reply counts once its channel took it, which happens after the request
		await().atMost(Duration.ofSeconds(10))
			.until(() -> waiting(admin, inbox).get("unansweredComplaints").asInt() == 0);
		assertThat(waiting(admin, inbox).get("unansweredPublic").asInt()).isEqualTo(1);
	}

	private static JsonNode waiting(TestApi admin, long inbox) {
		for (JsonNode item : admin.get("/api/v1/analysis/unanswered-public").body().get("items")) {
			if (item.get("inboxId").asLong() == inbox) {
				return item;
			}
		}
		throw new AssertionError("inbox " + inbox + " not listed");
	}

}
