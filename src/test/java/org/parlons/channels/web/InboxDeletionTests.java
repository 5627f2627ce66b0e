package org.parlons.channels.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Deleting an inbox (issue 20, point 5): only an administrator may, repeating its name;
 * afterwards it takes in and sends nothing, leaves the lists, and its conversations stay
 * readable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxDeletionTests {

	@LocalServerPort
	int port;

	@Test
	void aDeletedInboxStopsButItsConversationsStay() {
		TestApi admin = TestApi.asAdmin(port);
		String name = unique("Ancien site");
		long inbox = admin.createApiInbox(name, Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour !"))
			.id("conversationId");

		TestApi.Response mismatch = admin.delete("/api/v1/inboxes/" + inbox + "?confirm=" + "autre");
		assertThat(mismatch.status()).isEqualTo(422);
		assertThat(mismatch.body().get("detail").asString()).contains(name);
		assertThat(admin.get("/api/v1/inboxes/" + inbox).status()).isEqualTo(200);

		assertThat(admin.delete("/api/v1/inboxes/" + inbox + "?confirm=" + encode(name)).status()).isEqualTo(204);

		assertThat(admin.get("/api/v1/inboxes/" + inbox).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/inboxes").body().toString()).doesNotContain(name);
		assertThat(admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Encore là ?"))
			.status()).as("nothing more comes in").isEqualTo(404);
		assertThat(admin.patch("/api/v1/inboxes/" + inbox, Map.of("name", "revenu")).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/conversations/" + conversation).status()).as("the history stays").isEqualTo(200);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().toString())
			.contains("Bonjour !");

		TestApi.Response reply = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Nous regardons."));
		assertThat(reply.status()).as("nothing more goes out").isEqualTo(409);
		assertThat(reply.body().get("detail").asString()).as("said in the reader's language").contains("supprimée");
		assertThat(admin.delete("/api/v1/inboxes/" + inbox + "?confirm=" + encode(name)).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/audit?type=inbox.deleted&q=inbox:" + inbox).body().get("total").asLong())
			.isEqualTo(1);
	}

	@Test
	void onlyAnAdministratorDeletesAnInbox() {
		TestApi admin = TestApi.asAdmin(port);
		String name = unique("Boutique");
		long inbox = admin.createApiInbox(name, Map.of());
		for (String role : new String[] { "agent", "supervisor", "analyst" }) {
			String email = unique(role) + "@teleo.test";
			admin.createAgent(email, role, role + "-password-1");
			assertThat(TestApi.basic(port, email, role + "-password-1")
				.delete("/api/v1/inboxes/" + inbox + "?confirm=" + encode(name))
				.status()).as(role).isEqualTo(403);
		}
		assertThat(TestApi.anonymous(port).delete("/api/v1/inboxes/" + inbox + "?confirm=" + encode(name)).status())
			.isEqualTo(401);
		assertThat(admin.get("/api/v1/inboxes/" + inbox).status()).isEqualTo(200);
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
