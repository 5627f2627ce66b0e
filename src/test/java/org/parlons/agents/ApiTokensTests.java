package org.parlons.agents;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * A token is checked from memory once seen, and forgets what it knew at once: a revoked
 * token answers 401 on its next request, and a role taken away is taken away from the
 * token's next request.
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

	@Test
	void aDeactivatedAgentIsRefusedAtOnceLosesTheirTokensAndAnAdminCannotDeactivateThemselves() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("leaving") + "@test.local";
		long agent = admin.createAgent(email, "agent", "a-long-password");
		TestApi bearer = TestApi.bearer(port,
				TestApi.basic(port, email, "a-long-password")
					.post("/api/v1/tokens", Map.of("name", "mine"))
					.body()
					.get("token")
					.asString());
		assertThat(bearer.get("/api/v1/conversations").status()).isEqualTo(200);

		var off = admin.patch("/api/v1/agents/" + agent, Map.of("active", false));
		assertThat(off.status()).isEqualTo(200);
		assertThat(off.body().get("active").asBoolean()).isFalse();
		assertThat(bearer.get("/api/v1/conversations").status()).isEqualTo(401);
		assertThat(TestApi.basic(port, email, "a-long-password").get("/api/v1/conversations").status()).isEqualTo(401);
		long me = admin.get("/api/v1/me").id("id");
		var self = admin.patch("/api/v1/agents/" + me, Map.of("active", false));
		assertThat(self.status()).isEqualTo(409);
		assertThat(self.contentType()).startsWith("application/problem+json");

		assertThat(admin.patch("/api/v1/agents/" + agent, Map.of("active", true)).status()).isEqualTo(200);
		assertThat(TestApi.basic(port, email, "a-long-password").get("/api/v1/conversations").status()).isEqualTo(200);
		assertThat(bearer.get("/api/v1/conversations").status()).as("offboarding revoked the token for good")
			.isEqualTo(401);
	}

}
