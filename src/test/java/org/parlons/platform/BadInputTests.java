package org.parlons.platform;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Input that once hurt (issue 19, point 7), through the real HTTP port: each is a 4xx
 * problem+json that names what is wrong, and nothing of it is stored. Run on H2 and on
 * PostgreSQL, the same answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputTests {

	@LocalServerPort
	int port;

	TestApi admin;

	long inboxId;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inboxId = admin.createApiInbox(unique("Bad input"), Map.of());
	}

	@Test
	void aLoneSurrogateInABatchIsRefusedWholeAndCollapsesNoIds() {
		String author = unique("surrogate");
		String batch = """
				{"messages": [
				  {"externalId": "%1$s-ok", "author": {"externalId": "%1$s"}, "text": "Bonjour"},
				  {"externalId": "%1$s-\\ud800", "author": {"externalId": "%1$s"}, "text": "Bonjour"},
				  {"externalId": "%1$s-\\udc00", "author": {"externalId": "%1$s"}, "text": "Bonjour"}]}"""
			.formatted(author);

		var answer = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch", batch);

		assertProblem(answer, 400, "surrogate");
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inboxId).body().get("total").asLong()).isZero();
	}

	@Test
	void theNulCharacterIsABadRequestNotAConflict() {
		String body = """
				{"externalId": "%s", "author": {"externalId": "a"}, "text": "Bon\\u0000jour"}"""
			.formatted(unique("nul"));

		assertProblem(admin.post("/api/v1/inboxes/" + inboxId + "/inbound", body), 400, "U+0000");
	}

	@Test
	void aValueLongerThanItsColumnIsABadRequest() {
		var answer = admin.post("/api/v1/teams",
				Map.of("name", "x".repeat(5_000), "inboxIds", List.of(), "memberIds", List.of()));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void nullInsideAListIsABadRequest() {
		String body = """
				{"name": "%s", "keywords": ["réseau", null]}""".formatted(unique("topic"));

		assertProblem(admin.post("/api/v1/listening/topics", body), 400, "keywords");
	}

	@Test
	void aDateBeyondTheYear9999IsRefused() {
		String body = """
				{"externalId": "%s", "author": {"externalId": "a"}, "text": "Bonjour",
				 "sentAt": "+99999-01-01T00:00:00Z"}""".formatted(unique("year"));

		assertProblem(admin.post("/api/v1/inboxes/" + inboxId + "/inbound", body), 400, "9999");
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inboxId).body().get("total").asLong()).isZero();
	}

	@Test
	void bodiesThatAreNotJsonNameTheProblem() {
		assertProblem(admin.post("/api/v1/inboxes/" + inboxId + "/inbound", "{\"externalId\": "), 400, "JSON");
	}

	@Test
	void unknownPathsAndMethodsUnderTheApiAnswerProblemJson() {
		assertProblem(admin.get("/api/v1/no-such-thing"), 404, "/api/v1/no-such-thing");
		assertProblem(admin.delete("/api/v1/inboxes/" + inboxId + "/inbound"), 405, "DELETE");
	}

	@Test
	void aMalformedCustomerFileStoresNothing() {
		String email = unique("csv") + "@exemple.fr";
		String csv = "name,email\nAnne Roux," + email + "\n\"Sans fin,x@exemple.fr\n";

		var answer = admin.postText("/api/v1/customers/import", csv);

		assertThat(answer.status()).isBetween(400, 422);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(admin.get("/api/v1/customers?q=" + email).body().get("total").asLong()).isZero();
	}

	private static void assertProblem(TestApi.Response answer, int status, String detailPart) {
		assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body().get("detail").asString()).containsIgnoringCase(detailPart);
	}

}
