package org.parlons.listening;

import java.time.Duration;
import java.time.LocalDate;
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
import static org.parlons.testing.TestApi.unique;

/**
 * Mentions imported with their audience figures, topics that tag them (and tag them again
 * when edited), the top voices of a topic ranked on observed reach and engagement, and
 * the terms of a period.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TopicsAndInfluenceApiTests {

	@LocalServerPort
	int port;

	@Test
	void aTopicTagsImportedMentionsAndItsTopVoicesAreRankedOnObservedReachAndEngagement() {
		TestApi admin = TestApi.asAdmin(port);
		LocalDate day = ListeningTests.aDayOfOurOwn();
		String period = "from=" + day + "&to=" + day;
		// a word of its own, letters only (words with digits are ids, not keywords)
		String word = "fibre" + unique("").chars()
			.filter(Character::isLetterOrDigit)
			.mapToObj(c -> String.valueOf((char) ('a' + c % 26)))
			.reduce("", String::concat);
		String celebrity = unique("celebrity");
		String reporter = unique("reporter");
		List<Map<String, Object>> items = new ArrayList<>();
		// a celebrity with two million followers whose post few saw; a reporter whose
		// post travelled
		items.add(mention(unique("t"), celebrity, 2_000_000L, "Ma " + word + " est en panne #Teleo", day, 1_500L, 4L));
		items.add(mention(unique("t"), reporter, 5_000L, "Enquête : la " + word + " tombe en panne partout #Teleo", day,
				250_000L, 3_000L));
		items.add(mention(unique("t"), reporter, 5_000L, "Rien à voir, une recette de crêpes", day, 10_000L, 10L));
		for (int i = 0; i < 5; i++) {
			items.add(mention(unique("t"), unique("fan"), null, "J'adore ma " + word + ", merci !", day, null, null));
		}
		JsonNode imported = admin.post("/api/v1/listening/mentions", Map.of("items", items)).body();
		assertThat(imported.get("stored").asInt()).isEqualTo(8);
		assertThat(imported.get("updated").asInt()).isZero();

		long topic = admin.post("/api/v1/listening/topics", Map.of("name", unique("Fibre"), "keywords", List.of(word)))
			.id("id");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/mentions?" + period + "&topic=" + topic)
				.body()
				.get("total")
				.asInt() == 7);
		JsonNode summary = admin.get("/api/v1/listening/summary?" + period + "&topic=" + topic).body();
		assertThat(summary.get("mentions").asInt()).isEqualTo(7);
		assertThat(summary.get("authors").asInt()).isEqualTo(7);

		JsonNode voices = admin.get("/api/v1/listening/voices?" + period + "&topic=" + topic).body().get("items");
		assertThat(voices.get(0).get("author").asString()).isEqualTo(reporter);
		assertThat(voices.get(0).get("mentions").asInt()).isEqualTo(1); // the crêpes are
																		// not about the
																		// topic
		assertThat(voices.get(0).get("reach").asLong()).isEqualTo(250_000);
		assertThat(voices.get(1).get("author").asString()).isEqualTo(celebrity);
		assertThat(voices.get(1).get("score").asDouble()).isLessThan(voices.get(0).get("score").asDouble());
		JsonNode overall = admin.get("/api/v1/listening/voices?" + period).body().get("items");
		assertThat(overall.get(0).get("mentions").asInt()).isEqualTo(2);
		assertThat(overall.get(0).get("reach").asLong()).isEqualTo(260_000);

		JsonNode terms = admin.get("/api/v1/listening/terms?" + period + "&topic=" + topic).body();
		assertThat(terms.get("mentions").asInt()).isEqualTo(7);
		assertThat(terms.get("keywords").get(0).get("term").asString()).isEqualTo(word);
		assertThat(terms.get("keywords").get(0).get("texts").asInt()).isEqualTo(7);
		assertThat(terms.get("hashtags").get(0).get("term").asString()).isEqualTo("teleo");
		assertThat(terms.get("hashtags").get(0).get("texts").asInt()).isEqualTo(2);

		// the figures grow: sending the same mention again updates them
		Map<String, Object> again = new HashMap<>(items.get(0));
		again.put("reach", 900_000L);
		JsonNode update = admin.post("/api/v1/listening/mentions", Map.of("items", List.of(again))).body();
		assertThat(update.get("stored").asInt()).isZero();
		assertThat(update.get("updated").asInt()).isEqualTo(1);
		assertThat(admin.get("/api/v1/listening/voices?" + period + "&topic=" + topic)
			.body()
			.get("items")
			.get(0)
			.get("author")
			.asString()).isEqualTo(celebrity);

		// new keywords: the topic reads every mention again
		assertThat(admin
			.put("/api/v1/listening/topics/" + topic, Map.of("name", unique("Crêpes"), "keywords", List.of("crêpes")))
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/mentions?" + period + "&topic=" + topic)
				.body()
				.get("total")
				.asInt() == 1);
		assertThat(admin.get("/api/v1/listening/summary?" + period + "&topic=" + topic).body().get("mentions").asInt())
			.isEqualTo(1);
	}

	@Test
	void badImportsAndTopicsAreRefusedWithAReason() {
		TestApi admin = TestApi.asAdmin(port);
		var noText = admin.post("/api/v1/listening/mentions", Map.of("items",
				List.of(Map.of("network", "x", "externalId", "1", "publishedAt", "2026-11-01T10:00:00Z"))));
		assertThat(noText.status()).isIn(400, 422);
		assertThat(noText.contentType()).contains("application/problem+json");
		var negative = admin.post("/api/v1/listening/mentions",
				Map.of("items", List.of(mention("1", "a", -5L, "texte", LocalDate.of(2026, 11, 1), null, null))));
		assertThat(negative.status()).isIn(400, 422);
		assertThat(admin.post("/api/v1/listening/mentions", Map.of("items", List.of())).status()).isIn(400, 422);
		assertThat(admin.post("/api/v1/listening/topics", Map.of("name", "Vide", "keywords", List.of(" "))).status())
			.isEqualTo(422);
		String name = unique("Doublon");
		assertThat(admin.post("/api/v1/listening/topics", Map.of("name", name, "keywords", List.of("a"))).status())
			.isEqualTo(201);
		assertThat(admin.post("/api/v1/listening/topics", Map.of("name", name, "keywords", List.of("b"))).status())
			.isEqualTo(422);
		assertThat(admin.get("/api/v1/listening/summary?topic=999999").status()).isEqualTo(422);
		assertThat(admin.put("/api/v1/listening/topics/999999", Map.of("name", "x", "keywords", List.of("y"))).status())
			.isEqualTo(404);

		String analyst = unique("analyst") + "@teleo.test";
		admin.createAgent(analyst, "analyst", "password-of-analyst");
		TestApi asAnalyst = TestApi.basic(port, analyst, "password-of-analyst");
		assertThat(asAnalyst.post("/api/v1/listening/topics", Map.of("name", unique("x"), "keywords", List.of("y")))
			.status()).isEqualTo(403);
		assertThat(
				asAnalyst
					.post("/api/v1/listening/mentions",
							Map.of("items",
									List.of(mention("1", "a", null, "texte", LocalDate.of(2026, 11, 1), null, null))))
					.status())
			.isEqualTo(403);
		assertThat(asAnalyst.get("/api/v1/listening/topics").status()).isEqualTo(200);
	}

	private static Map<String, Object> mention(String id, String author, Long followers, String text, LocalDate day,
			Long reach, Long likes) {
		Map<String, Object> authorBody = new HashMap<>();
		authorBody.put("handle", author);
		authorBody.put("name", author);
		if (followers != null) {
			authorBody.put("followers", followers);
		}
		Map<String, Object> m = new HashMap<>();
		m.put("network", "x");
		m.put("externalId", id);
		m.put("author", authorBody);
		m.put("text", text);
		m.put("publishedAt", day.atTime(9, 30) + "Z");
		if (reach != null) {
			m.put("reach", reach);
		}
		if (likes != null) {
			m.put("likes", likes);
		}
		return m;
	}

}
