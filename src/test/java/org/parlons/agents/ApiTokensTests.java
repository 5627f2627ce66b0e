package org.parlons.agents;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * A token is checked from memory once seen, and forgets what it knew at once: a revoked token answers 401 on its
 * next request, and a role taken away is taken away from the token's next request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokensTests {

	@LocalServerPort
	int port;

	@Test
	void aRevokedTokenIsRefusedOnItsNextRequest() {
		TestApi admin = TestApi.asAdmin(port);
		var issued = admin.post("/api/v1/tokens", Map.of("name", unique("revoked"))).body();
		TestApi bearer = TestApi.bearer(port, issued.get("token").asString());
		assertThat(bearer.get("/api/v1/conversations").status()).isEqualTo(200);
		assertThat(bearer.get("/api/v1/conversations").status()).isEqualTo(200);

		assertThat(bearer.delete("/api/v1/tokens/" + issued.get("id").asLong()).status()).isIn(200, 204);
		assertThat(bearer.get("/api/v1/conversations").status()).isEqualTo(401);
	}

	@Test
	void aRoleTakenAwayIsTakenFromTheTokensNextRequest() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("demoted") + "@test.local";
		long agent = admin.createAgent(email, "admin", "a-long-password");
		String token = TestApi.basic(port, email, "a-long-password")
			.post("/api/v1/tokens", Map.of("name", "mine"))
			.body()
			.get("token")
			.asString();
		TestApi bearer = TestApi.bearer(port, token);
		assertThat(bearer.get("/api/v1/agents").status()).isEqualTo(200);

		assertThat(admin.patch("/api/v1/agents/" + agent, Map.of("role", "agent")).status()).isEqualTo(200);
		assertThat(bearer.get("/api/v1/agents").status()).isEqualTo(403);
	}

}
