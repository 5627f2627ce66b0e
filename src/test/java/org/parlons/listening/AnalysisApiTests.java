package org.parlons.listening;

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

		var r = TestApi.basic(port, analyst, "analyst-password-1").post("/api/v1/analysis/tonality",
				Map.of("messages", messages));

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
	void refusesTextItCannotScoreAndScoresOutOfRangeClearly() {
		TestApi admin = TestApi.asAdmin(port);
		var text = admin.post("/api/v1/analysis/tonality",
				Map.of("messages", List.of(Map.of("author", "a", "text", "J'adore"))));
		assertThat(text.status()).isEqualTo(422);
		assertThat(text.contentType()).startsWith("application/problem+json");
		assertThat(text.body().get("detail").asString()).startsWith("messages[0]: ");
		var range = admin.post("/api/v1/analysis/tonality",
				Map.of("messages", List.of(Map.of("author", "a", "score", 2))));
		assertThat(range.status()).isEqualTo(422);
		var empty = admin.post("/api/v1/analysis/tonality", Map.of("messages", List.of()));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(TestApi.anonymous(port).post("/api/v1/analysis/tonality", Map.of("messages", List.of())).status())
			.isEqualTo(401);
	}

}
