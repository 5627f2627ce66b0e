package org.parlons.audit;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * What the audit log records, and who may read it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogTests {

	@LocalServerPort
	int port;

	@Test
	void recordsSignInsAgentsMessagesExportsAndOnlyAdminsReadIt() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("lea") + "@teleo.test";
		long agent = admin.createAgent(email, "agent", "password-of-lea");

		assertThat(TestApi.basic(port, email, "not-her-password").get("/api/v1/me").status()).isEqualTo(401);
		formSignIn(email, "password-of-lea");
		long inbox = admin.createApiInbox(unique("Audit"), Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, que puis-je faire ?"));
		assertThat(admin.getText("/api/v1/customers/export")).isNotBlank();

		assertThat(types(admin, "agent.created", email)).isEqualTo(1);
		assertThat(types(admin, "sign-in.failed", email)).isEqualTo(1);
		JsonNode signIns = admin.get("/api/v1/audit?type=sign-in&actorId=" + agent).body();
		assertThat(signIns.get("total").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/audit?type=message.queued&q=conversation:" + conversation)
			.body()
			.get("total")
			.asLong()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(admin.get("/api/v1/audit?type=message.sent&q=conversation:" + conversation)
				.body()
				.get("total")
				.asLong()).as("recorded when the channel took it").isEqualTo(1));
		assertThat(admin.get("/api/v1/audit?type=customers.exported").body().get("total").asLong())
			.isGreaterThanOrEqualTo(1);

		String csv = admin.getText("/api/v1/audit/export?type=agent.created&q=" + email);
		assertThat(csv).startsWith("id,at,actor_id,actor,type,subject,detail").contains(email);
		assertThat(admin.get("/api/v1/audit?type=audit.exported").body().get("total").asLong())
			.isGreaterThanOrEqualTo(1);
		assertThat(TestApi.basic(port, email, "password-of-lea").get("/api/v1/audit").status()).isEqualTo(403);
	}

	private long types(TestApi admin, String type, String text) {
		return admin.get("/api/v1/audit?type=" + type + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8))
			.body()
			.get("total")
			.asLong();
	}

	private void formSignIn(String email, String password) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String page = browser
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		var answer = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location").orElse("")).contains("/inbox");
	}

}
