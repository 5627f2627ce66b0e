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
 * Who speaks for the brand: each inbox allows some personas in public and in private, the
 * first being the default; the persona and the name the customer saw are stored with
 * every reply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonasTests {

	@LocalServerPort
	int port;

	@Test
	void repliesSpeakUnderThePersonasTheInboxAllows() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Personas"),
				Map.of("brandVoice", "Téléo", "agentSignature", "Service client Téléo", "personas",
						Map.of("public", List.of("brand"), "private", List.of("agent", "representative"))));
		String julie = unique("julie") + "@teleo.test";
		long julieId = admin.createAgent(julie, "agent", "password-of-julie");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julieId)));
		String marc = unique("marc") + "@teleo.test";
		admin.post("/api/v1/agents",
				Map.of("email", marc, "name", "Marc Dupont", "password", "password-of-marc", "role", "supervisor"));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		TestApi asJulie = TestApi.basic(port, julie, "password-of-julie");

		var brand = asJulie.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous regardons.", "visibility", "public"));
		assertThat(brand.status()).isEqualTo(201);
		assertThat(brand.body().get("authorName").asString()).isEqualTo("Téléo");
		assertThat(brand.body().get("persona").asString()).isEqualTo("brand");

		var notAllowed = asJulie.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "C'est moi.", "visibility", "public", "persona", "agent"));
		assertThat(notAllowed.status()).isEqualTo(422);
		assertThat(notAllowed.body().get("detail").asString()).contains("agent persona").contains("allowed: brand");

		var mine = asJulie.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Je m'en occupe.", "visibility", "private"));
		assertThat(mine.body().get("authorName").asString()).startsWith("julie").endsWith(", Service client Téléo");
		assertThat(mine.body().get("persona").asString()).isEqualTo("agent");

		var tooHigh = asJulie.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Au nom de la direction", "visibility", "private", "persona", "representative"));
		assertThat(tooHigh.status()).isEqualTo(422);
		var representative = TestApi.basic(port, marc, "password-of-marc")
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Je prends votre dossier.", "visibility", "private", "persona", "representative"));
		assertThat(representative.status()).isEqualTo(201);
		assertThat(representative.body().get("authorName").asString())
			.isEqualTo("Marc Dupont, Responsable de la relation client");
	}

	@Test
	void refusesPersonaSettingsThatMakeNoSense() {
		TestApi admin = TestApi.asAdmin(port);
		var bad = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Bad"), "channel", "api", "personas", Map.of("public", List.of("intern"))));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body().get("detail").asString()).contains("personas.public");
	}

}
