package org.parlons.conversations.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The search box finds a conversation by what a person remembers (issue 20): words of a
 * message, the customer's name, email, handle or phone however it is typed, or the
 * conversation's number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationSearchTests {

	@LocalServerPort
	int port;

	@Test
	void aConversationIsFoundByNameEmailPhoneHandleNumberOrWords() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Search"), Map.of());
		String tag = unique("x").replace("-", "").substring(0, 8);
		String surname = "Rousseau" + tag;
		String email = "mathilde." + tag + "@exemple.fr";
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("c"), "name", "Mathilde " + surname, "email", email), "text",
						"Mon décodeur affiche E" + tag));
		long mathilde = first.id("conversationId");
		long customer = first.id("customerId");
		long other = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					Map.of("externalId", unique("m"), "author",
							Map.of("externalId", unique("c"), "name", "Paul Martin"), "text", "Bonjour"))
			.id("conversationId");
		String digits = String.valueOf(Math.abs(tag.hashCode()) % 100_000_000);
		String national = "06" + "0".repeat(8 - digits.length()) + digits;
		assertThat(admin
			.post("/api/v1/customers/" + customer + "/identities",
					Map.of("kind", "phone", "value", "+33" + national.substring(1)))
			.status()).isLessThan(300);

		assertThat(found(admin, inbox, surname.toLowerCase())).containsExactly(mathilde);
		assertThat(found(admin, inbox, email)).containsExactly(mathilde);
		assertThat(found(admin, inbox, "E" + tag)).as("words of a message").containsExactly(mathilde);
		String spaced = national.replaceAll("(..)", "$1 ").strip();
		assertThat(found(admin, inbox, spaced)).as("a phone as typed: " + spaced).containsExactly(mathilde);
		assertThat(found(admin, inbox, "#" + other)).containsExactly(other);
		assertThat(found(admin, inbox, "Paul Martin")).containsExactly(other);
		assertThat(found(admin, inbox, "personne" + tag)).isEmpty();
	}

	private static List<Long> found(TestApi api, long inbox, String q) {
		JsonNode page = api
			.get("/api/v1/conversations?status=all&inboxId=" + inbox + "&q="
					+ java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
			.body();
		return page.get("items").valueStream().map(i -> i.get("id").asLong()).toList();
	}

}
