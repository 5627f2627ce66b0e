package org.parlons.customers;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.parlons.testing.WebSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * A profile suggests the others that may be the same person (issue 20): the same name, or
 * the same email address at another provider; merging one is a click.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DuplicateSuggestionsTests {

	@LocalServerPort
	int port;

	@Test
	void theSameNameOrEmailIsSuggestedAndMergedInOneClick() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Doublons"), Map.of());
		String name = "Mathilde " + unique("Rousseau");
		long first = customer(admin, inbox, name);
		long second = customer(admin, inbox, name.toUpperCase());
		long stranger = customer(admin, inbox, "Paul " + unique("Martin"));
		long byEmail = customer(admin, inbox, "M. " + unique("R"));
		String local = "mathilde." + unique("r").replace("-", "");
		assertThat(admin
			.post("/api/v1/customers/" + first + "/identities", Map.of("kind", "email", "value", local + "@gmail.com"))
			.status()).isLessThan(300);
		assertThat(admin
			.post("/api/v1/customers/" + byEmail + "/identities",
					Map.of("kind", "email", "value", local + "@orange.fr"))
			.status()).isLessThan(300);

		WebSession screens = WebSession.signIn(port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		String page = screens.get("/customers/" + first + "?lang=en").body();
		assertThat(page).contains("id=\"duplicate-" + second + "\"")
			.contains("id=\"duplicate-" + byEmail + "\"")
			.doesNotContain("id=\"duplicate-" + stranger + "\"");

		var merged = screens.post("/customers/" + first + "/merge", Map.of("otherId", Long.toString(second)));
		assertThat(merged.statusCode()).isEqualTo(302);
		assertThat(admin.get("/api/v1/customers/" + second).body().get("mergedInto").asLong()).isEqualTo(first);
		assertThat(screens.get("/customers/" + first + "?lang=en").body())
			.doesNotContain("id=\"duplicate-" + second + "\"");
	}

	private static long customer(TestApi admin, long inbox, String name) {
		return admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
					Map.of("externalId", unique("c"), "name", name), "text", "Bonjour"))
			.id("customerId");
	}

}
