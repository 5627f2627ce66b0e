package org.parlons.customers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * An agent links one person's handles across networks and unlinks one that is not theirs;
 * both are recorded in the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandleLinkingTests {

	@LocalServerPort
	int port;

	@Test
	void linksAHandleThenUnlinksItIntoAProfileOfItsOwn() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Linking"), Map.of());
		long lea = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("lea"), "Bonjour"))
			.id("customerId");
		String handle = unique("lea_x");

		var linked = admin.post("/api/v1/customers/" + lea + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", "@" + handle));
		assertThat(linked.status()).isEqualTo(200);
		JsonNode handleIdentity = identity(linked.body(), handle);
		assertThat(handleIdentity).isNotNull();

		long other = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("o"), "Salut"))
			.id("customerId");
		var taken = admin.post("/api/v1/customers/" + other + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", handle));
		assertThat(taken.status()).isEqualTo(409);

		var detached = admin.post(
				"/api/v1/customers/" + lea + "/identities/" + handleIdentity.get("id").asLong() + "/detach", Map.of());
		assertThat(detached.status()).isEqualTo(201);
		long created = detached.body().get("id").asLong();
		assertThat(created).isNotEqualTo(lea);
		assertThat(identity(detached.body(), handle)).isNotNull();
		JsonNode after = admin.get("/api/v1/customers/" + lea).body();
		assertThat(identity(after, handle)).isNull();
		assertThat(admin.get("/api/v1/customers/" + lea + "/history").body().toString()).contains("identity-detached");
		assertThat(admin.get("/api/v1/customers/" + created + "/history").body().toString())
			.contains("identity-detached-from");

		long onlyOne = after.get("identities").get(0).get("id").asLong();
		var last = admin.post("/api/v1/customers/" + lea + "/identities/" + onlyOne + "/detach", Map.of());
		assertThat(last.status()).isEqualTo(422);
		assertThat(admin.post("/api/v1/customers/" + lea + "/identities/999999/detach", Map.of()).status())
			.isEqualTo(404);
	}

	private static JsonNode identity(JsonNode customer, String value) {
		for (JsonNode i : customer.get("identities")) {
			if (i.get("identity").get("value").asString().equals(value.toLowerCase())) {
				return i;
			}
		}
		return null;
	}

}
