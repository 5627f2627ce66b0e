package org.parlons.conversations.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * An agent sees the inboxes of their teams only, in lists and by id; supervisors see
 * everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TeamVisibilityTests {

	@LocalServerPort
	int port;

	@Test
	void agentsSeeTheirTeamsInboxesOnly() {
		TestApi admin = TestApi.asAdmin(port);
		long billing = admin.createApiInbox(unique("Billing"), Map.of());
		long support = admin.createApiInbox(unique("Support"), Map.of());
		String aliceEmail = unique("alice") + "@teleo.test";
		String bobEmail = unique("bob") + "@teleo.test";
		String supEmail = unique("sup") + "@teleo.test";
		long alice = admin.createAgent(aliceEmail, "agent", "alice-password");
		long bob = admin.createAgent(bobEmail, "agent", "bob-password-1");
		admin.createAgent(supEmail, "supervisor", "sup-password-1");
		var team = admin.post("/api/v1/teams",
				Map.of("name", unique("Facturation"), "inboxIds", List.of(billing), "memberIds", List.of(alice)));
		assertThat(team.status()).isEqualTo(201);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Support"), "inboxIds", List.of(support), "memberIds", List.of(bob)));

		long billingConv = admin.post("/api/v1/inboxes/" + billing + "/inbound", inbound(unique("m"), "c1", "facture"))
			.id("conversationId");
		long supportConv = admin.post("/api/v1/inboxes/" + support + "/inbound", inbound(unique("m"), "c2", "panne"))
			.id("conversationId");

		TestApi asAlice = TestApi.basic(port, aliceEmail, "alice-password");
		assertThat(asAlice.get("/api/v1/conversations/" + billingConv).status()).isEqualTo(200);
		var denied = asAlice.get("/api/v1/conversations/" + supportConv);
		assertThat(denied.status()).isEqualTo(404);
		assertThat(denied.contentType()).startsWith("application/problem+json");
		assertThat(asAlice.get("/api/v1/conversations/" + supportConv + "/messages").status()).isEqualTo(404);
		assertThat(asAlice.post("/api/v1/conversations/" + supportConv + "/replies", Map.of("text", "hello")).status())
			.isEqualTo(404);
		assertThat(asAlice.post("/api/v1/inboxes/" + support + "/inbound", inbound(unique("m"), "c3", "x")).status())
			.isEqualTo(404);
		var list = asAlice.get("/api/v1/conversations?size=200").body().get("items");
		assertThat(list.valueStream().map(i -> i.get("inboxId").asLong())).containsOnly(billing);
		assertThat(asAlice.get("/api/v1/conversations?inboxId=" + support).body().get("total").asLong()).isZero();

		TestApi supervisor = TestApi.basic(port, supEmail, "sup-password-1");
		assertThat(supervisor.get("/api/v1/conversations/" + supportConv).status()).isEqualTo(200);
		assertThat(supervisor.get("/api/v1/conversations/" + billingConv).status()).isEqualTo(200);
	}

	@Test
	void onlyAdministratorsCreateAgentsTeamsAndInboxes() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("agent") + "@teleo.test";
		admin.createAgent(email, "agent", "agent-password");
		TestApi agent = TestApi.basic(port, email, "agent-password");
		var r = agent.post("/api/v1/agents",
				Map.of("email", "x@y.z", "name", "x", "password", "xxxxxxxxxxxx", "role", "admin"));
		assertThat(r.status()).isEqualTo(403);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(agent.post("/api/v1/inboxes", Map.of("name", "x", "channel", "api")).status()).isEqualTo(403);
		assertThat(agent.post("/api/v1/teams", Map.of("name", "x")).status()).isEqualTo(403);
	}

	@Test
	void personalTokensAuthenticateTheirOwnerAndCanBeRevoked() {
		TestApi admin = TestApi.asAdmin(port);
		var issued = admin.post("/api/v1/tokens", Map.of("name", "integration"));
		assertThat(issued.status()).isEqualTo(201);
		String token = issued.body().get("token").asString();
		assertThat(token).startsWith("prl_");
		TestApi bearer = TestApi.bearer(port, token);
		assertThat(bearer.get("/api/v1/me").body().get("email").asString()).isEqualTo(TestApi.ADMIN_EMAIL);
		assertThat(admin.delete("/api/v1/tokens/" + issued.id("id")).status()).isEqualTo(204);
		assertThat(bearer.get("/api/v1/me").status()).isEqualTo(401);
	}

}
