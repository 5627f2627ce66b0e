package org.parlons.governance;

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
 * The code of conduct as administrators write it: a forbidden phrase blocks a public
 * reply, warnings (no greeting, no signature, a hostile tone) are told to the agent, who
 * sends anyway or rewrites; every rule is named in the explanation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConductRulesTests {

	@LocalServerPort
	int port;

	@Test
	void aForbiddenPhraseBlocksAPublicReplyAndNamesTheRule() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Conduct"), Map.of());
		var rule = admin.post("/api/v1/conduct-rules",
				Map.of("name", "Pas de promesse à vie", "kind", "forbidden", "phrases",
						List.of("gratuit à vie", "garanti à 100 %"), "mode", "block", "appliesTo", "public", "inboxId",
						inbox));
		assertThat(rule.status()).isEqualTo(201);
		long conversation = conversation(admin, inbox);

		var blocked = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, c'est GRATUIT A VIE pour vous !", "visibility", "public"));
		assertThat(blocked.status()).isEqualTo(422);
		assertThat(blocked.body().get("detail").asString()).contains("gratuit à vie").contains("Pas de promesse à vie");
		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "C'est gratuit à vie, entre nous.", "visibility", "private"))
			.status()).isEqualTo(201);
		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Bonjour, le gratuitement à vie n'existe pas.", "visibility", "public"))
			.status()).isEqualTo(201);
	}

	@Test
	void warningsAreToldThenTheAgentSendsAnywayAndItIsRecorded() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Conduct"), Map.of());
		admin.post("/api/v1/conduct-rules", Map.of("name", "Salutation", "kind", "greeting", "phrases",
				List.of("Bonjour", "Hello"), "inboxId", inbox));
		admin.post("/api/v1/conduct-rules",
				Map.of("name", "Signature", "kind", "signature", "phrases", List.of("Cordialement"), "inboxId", inbox));
		admin.post("/api/v1/conduct-rules", Map.of("name", "Ton", "kind", "tone", "threshold", -0.4, "inboxId", inbox));
		long conversation = conversation(admin, inbox);

		var warned = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Votre demande est lamentable et franchement inadmissible."));
		assertThat(warned.status()).isEqualTo(422);
		assertThat(warned.body().get("type").asString()).endsWith("/reply-warnings");
		assertThat(warned.body().get("warnings")).hasSize(3);
		assertThat(warned.body().get("warnings").toString()).contains("greeting")
			.contains("not signed")
			.contains("strongly negative");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items")).hasSize(1);

		var sent = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Votre demande est lamentable et franchement inadmissible.", "acceptWarnings", true));
		assertThat(sent.status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("sent-despite-warnings");
		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Bonjour Paul,\nC'est réglé.\nCordialement"))
			.status()).isEqualTo(201);
	}

	@Test
	void onlyAdministratorsWriteRulesAndBadRulesAreRefused() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("agent") + "@teleo.test";
		admin.createAgent(email, "agent", "agent-password-1");
		TestApi agent = TestApi.basic(port, email, "agent-password-1");
		assertThat(agent.post("/api/v1/conduct-rules", Map.of("name", "x", "kind", "tone")).status()).isEqualTo(403);
		assertThat(agent.get("/api/v1/conduct-rules").status()).isEqualTo(200);
		assertThat(admin.post("/api/v1/conduct-rules", Map.of("name", "x", "kind", "rudeness")).status())
			.isEqualTo(422);
		assertThat(admin.post("/api/v1/conduct-rules", Map.of("name", "x", "kind", "forbidden")).status())
			.isEqualTo(422);
		assertThat(admin.post("/api/v1/conduct-rules", Map.of("name", "x", "kind", "tone", "threshold", 3)).status())
			.isEqualTo(422);
		assertThat(admin.post("/api/v1/conduct-rules", Map.of("name", "x", "kind", "tone", "inboxId", 987654)).status())
			.isEqualTo(422);
		long id = admin
			.post("/api/v1/conduct-rules",
					Map.of("name", "off", "kind", "tone", "inboxId", admin.createApiInbox(unique("c"), Map.of())))
			.id("id");
		assertThat(admin.patch("/api/v1/conduct-rules/" + id, Map.of("active", false)).body().get("active").asBoolean())
			.isFalse();
		assertThat(admin.delete("/api/v1/conduct-rules/" + id).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/conduct-rules/" + id).status()).isEqualTo(404);
	}

	private static long conversation(TestApi admin, long inbox) {
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour ?"))
			.id("conversationId");
	}

}
