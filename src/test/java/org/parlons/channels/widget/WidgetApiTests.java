package org.parlons.channels.widget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The widget's public API as a visitor's browser calls it: sessions, signed tokens,
 * identity verification, flood limits, hostile text, and answers by email when the
 * visitor has gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetApiTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("chat@teleo.test", "chat@teleo.test", "secret-3"))
		.withPerMethodLifecycle(false);

	@LocalServerPort
	int port;

	TestApi admin;

	TestApi visitor;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		visitor = TestApi.anonymous(port);
	}

	@Test
	void aReturningVisitorKeepsTheirConversationAndAForgedTokenIsRefused() {
		JsonNode inbox = widgetInbox(Map.of("welcome", "Bonjour ! Une question ?"));
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();

		var opened = visitor.post(api + "/session", Map.of());
		assertThat(opened.status()).as(String.valueOf(opened.body())).isEqualTo(200);
		JsonNode session = opened.body();
		String token = session.get("visitorToken").asString();
		assertThat(session.get("welcome").asString()).isEqualTo("Bonjour ! Une question ?");
		assertThat(session.get("messages")).isEmpty();
		var sent = post(api + "/messages", token,
				Map.of("text", "<script>alert(1)</script> Ma box clignote", "clientId", "c-1"));
		assertThat(sent.status()).isEqualTo(202);
		var again = post(api + "/messages", token,
				Map.of("text", "<script>alert(1)</script> Ma box clignote", "clientId", "c-1"));
		assertThat(again.body().get("duplicate").asBoolean()).isTrue();
		JsonNode listed = admin.get("/api/v1/conversations?inboxId=" + inbox.get("id").asLong())
			.body()
			.get("items")
			.get(0);
		assertThat(listed.get("customerName").asString()).as("a nameless visitor is not named by their key")
			.isEqualTo("#" + listed.get("customerId").asLong());
		String email = TestApi.unique("visiteur") + "@example.org";
		assertThat(post(api + "/email", token, Map.of("email", email)).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox.get("id").asLong())
			.body()
			.get("items")
			.get(0)
			.get("customerName")
			.asString()).isEqualTo(email);
		assertThat(admin.get("/api/v1/customers/" + listed.get("customerId").asLong()).body().toString())
			.contains(email);

		JsonNode back = visitor.post(api + "/session", Map.of("visitorToken", token)).body();
		assertThat(back.get("visitorToken").asString()).isEqualTo(token);
		assertThat(back.get("messages")).hasSize(1);
		assertThat(back.get("messages").get(0).get("text").asString())
			.isEqualTo("<script>alert(1)</script> Ma box clignote");

		String forged = token.substring(0, token.indexOf('.')) + ".0000";
		assertThat(post(api + "/messages", forged, Map.of("text", "hello")).status()).isEqualTo(403);
		JsonNode fresh = visitor.post(api + "/session", Map.of("visitorToken", forged)).body();
		assertThat(fresh.get("visitorToken").asString()).isNotEqualTo(token);
		assertThat(fresh.get("messages")).isEmpty();
		assertThat(visitor.post("/widget/api/pwt_nope/session", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void verifiesTheSitesSignatureOfItsUserId() {
		JsonNode inbox = widgetInbox(Map.of("requireVerifiedIdentity", true));
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String secret = inbox.get("settings").get("identitySecret").asString();

		assertThat(visitor.post(api + "/session", Map.of()).status()).isEqualTo(403);
		var wrong = visitor.post(api + "/session",
				Map.of("userId", "client-42", "userHash", WidgetVisitors.hmac(secret, "client-43")));
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.contentType()).startsWith("application/problem+json");

		var right = visitor.post(api + "/session",
				Map.of("userId", "client-42", "userHash", WidgetVisitors.hmac(secret, "client-42"), "name", "Camille"));
		assertThat(right.status()).isEqualTo(200);
		long conversation = post(api + "/messages", right.body().get("visitorToken").asString(),
				Map.of("text", "Bonjour"))
			.id("conversationId");
		// The same signed-in user from another browser finds the same conversation.
		var other = visitor.post(api + "/session",
				Map.of("userId", "client-42", "userHash", WidgetVisitors.hmac(secret, "client-42")));
		assertThat(
				post(api + "/messages", other.body().get("visitorToken").asString(), Map.of("text", "C'est encore moi"))
					.id("conversationId"))
			.isEqualTo(conversation);
	}

	@Test
	void aReturningVisitorSeesTheRepliesSentNeverOneHeldOrRejected() {
		JsonNode inbox = widgetInbox(Map.of());
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String token = visitor.post(api + "/session", Map.of()).body().get("visitorToken").asString();
		long conversation = post(api + "/messages", token, Map.of("text", "Ma box est en panne, je veux un geste"))
			.id("conversationId");
		String email = unique("julie") + "@teleo.test";
		long julie = admin
			.post("/api/v1/agents", Map.of("email", email, "name", "Julie", "password", "password-of-julie", "role",
					"agent", "mandate", Map.of("maxGesture", Map.of("amount", 50, "currency", "EUR"))))
			.id("id");
		admin.post("/api/v1/teams", Map.of("name", unique("Chat"), "inboxIds", List.of(inbox.get("id").asLong()),
				"memberIds", List.of(julie)));
		TestApi agent = TestApi.basic(port, email, "password-of-julie");

		long sent = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Nous regardons."))
			.id("id");
		var held = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous vous remboursons 80 € sur votre prochaine facture."));
		assertThat(held.body().get("status").asString()).isEqualTo("pending_approval");
		var rejected = agent.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous vous offrons 90 € de dédommagement."));
		assertThat(
				admin.post("/api/v1/approvals/" + approvalOf(rejected.id("id")) + "/reject", Map.of("reason", "trop"))
					.status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch(m -> m.get("id").asLong() == sent && m.get("status").asString().equals("sent")));

		JsonNode back = visitor.post(api + "/session", Map.of("visitorToken", token)).body();
		assertThat(back.get("messages").valueStream().map(m -> m.get("text").asString()))
			.containsExactly("Ma box est en panne, je veux un geste", "Nous regardons.");
	}

	@Test
	void aResolutionAsksTheVisitorOnceInTheChatAndTheReportCountsIt() {
		JsonNode inbox = widgetInbox(Map.of());
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String token = visitor.post(api + "/session", Map.of()).body().get("visitorToken").asString();
		long conversation = post(api + "/messages", token, Map.of("text", "Ma box ne s'allume plus"))
			.id("conversationId");
		assertThat(post(api + "/rating", token, Map.of("score", 5)).status()).isEqualTo(409);
		long sent = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Elle repart."))
			.id("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch(m -> m.get("id").asLong() == sent && m.get("status").asString().equals("sent")));
		assertThat(visitor.post(api + "/session", Map.of("visitorToken", token)).body().get("survey").isNull())
			.isTrue();
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
		int[] before = widgetLine(today);

		assertThat(
				admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved")).status())
			.isEqualTo(200);
		JsonNode asked = visitor.post(api + "/session", Map.of("visitorToken", token)).body().get("survey");
		assertThat(asked.get("conversationId").asLong()).isEqualTo(conversation);
		assertThat(post(api + "/rating", token, Map.of("score", 9)).status()).isEqualTo(400);
		assertThat(post("/widget/api/pwt_nope/rating", token, Map.of("score", 5)).status()).isEqualTo(404);
		assertThat(post(api + "/rating", "forged", Map.of("score", 5)).status()).isEqualTo(403);
		var rated = post(api + "/rating", token, Map.of("score", 5, "comment", "Parfait"));
		assertThat(rated.status()).as(String.valueOf(rated.body())).isEqualTo(201);
		assertThat(post(api + "/rating", token, Map.of("score", 1)).status()).isEqualTo(409);
		assertThat(visitor.post(api + "/session", Map.of("visitorToken", token)).body().get("survey").isNull())
			.isTrue();
		int[] after = widgetLine(today);
		assertThat(after[0]).isEqualTo(before[0] + 1);
		assertThat(after[1]).isEqualTo(before[1] + 1);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("rated");
	}

	/** The web chat's surveys and ratings in the report of a day. */
	private int[] widgetLine(String day) {
		for (JsonNode line : admin.get("/api/v1/reports?by=channel&from=" + day + "&to=" + day).body().get("lines")) {
			if (line.get("key").asString().equals("widget")) {
				return new int[] { line.get("surveys").asInt(), line.get("ratings").asInt() };
			}
		}
		return new int[] { 0, 0 };
	}

	private long approvalOf(long messageId) {
		for (JsonNode a : admin.get("/api/v1/approvals?status=pending").body().get("items")) {
			if (a.get("messageId").asLong() == messageId) {
				return a.get("id").asLong();
			}
		}
		throw new AssertionError("no pending approval of message " + messageId);
	}

	@Test
	void aFloodIsSlowedDownAndNothingAcceptedIsLost() {
		JsonNode inbox = widgetInbox(Map.of());
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String token = visitor.post(api + "/session", Map.of()).body().get("visitorToken").asString();
		int accepted = 0;
		int refused = 0;
		long conversation = -1;
		for (int i = 0; i < 40; i++) {
			var r = post(api + "/messages", token, Map.of("text", "spam " + i, "clientId", "f-" + i));
			if (r.status() == 202) {
				accepted++;
				conversation = r.id("conversationId");
			}
			else {
				assertThat(r.status()).isEqualTo(429);
				assertThat(r.contentType()).startsWith("application/problem+json");
				refused++;
			}
		}
		assertThat(accepted).isBetween(5, 8);
		assertThat(refused).isEqualTo(40 - accepted);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items"))
			.hasSize(accepted);
	}

	@Test
	void aMessageOverTheLimitIsABadRequestForItsOwnReason() {
		JsonNode inbox = widgetInbox(Map.of());
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String token = visitor.post(api + "/session", Map.of()).body().get("visitorToken").asString();

		var tooLong = post(api + "/messages", token, Map.of("text", "x".repeat(5_001), "clientId", "long"));

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.contentType()).startsWith("application/problem+json");
		assertThat(post(api + "/messages", token, Map.of("text", "x".repeat(5_000), "clientId", "ok")).status())
			.isEqualTo(202);
	}

	@Test
	void whenNoAgentIsOnlineTheWidgetSaysSoAndTheAnswerGoesOutByEmail() throws Exception {
		var emailInbox = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Chat mail"), "channel", "email", "address", "chat@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", mail.getImap().getPort(), "username", "chat@teleo.test",
								"password", "secret-3", "tls", false),
						"smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "username",
								"chat@teleo.test", "password", "secret-3", "tls", false)));
		JsonNode inbox = widgetInbox(Map.of("emailInboxId", emailInbox.id("id")));
		String api = "/widget/api/" + inbox.get("settings").get("publicToken").asString();
		String address = unique("visiteur") + "@example.com";
		mail.setUser(address, address, "pw");

		JsonNode session = visitor.post(api + "/session", Map.of()).body();
		assertThat(session.get("agentsOnline").asBoolean()).isFalse();
		String token = session.get("visitorToken").asString();
		long conversation = post(api + "/messages", token, Map.of("text", "Vous êtes là ?")).id("conversationId");
		assertThat(post(api + "/email", token, Map.of("email", address)).status()).isEqualTo(200);
		assertThat(post(api + "/email", token, Map.of("email", "pas une adresse")).status()).isEqualTo(400);

		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Oui, nous sommes là : votre box sera changée demain."))
			.status()).isEqualTo(201);
		MimeMessage received = awaitMail(address);
		assertThat(received.getSubject()).contains("[#" + conversation + "-");
		assertThat(received.getContent().toString()).isNotEmpty();

		JsonNode back = visitor.post(api + "/session", Map.of("visitorToken", token)).body();
		assertThat(back.get("messages")).hasSize(2);
		assertThat(back.get("email").asString()).isEqualTo(address);
	}

	private JsonNode widgetInbox(Map<String, Object> extra) {
		var body = new java.util.HashMap<String, Object>(extra);
		body.put("name", unique("Chat"));
		body.put("channel", "widget");
		var r = admin.post("/api/v1/inboxes", body);
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		return r.body();
	}

	private TestApi.Response post(String path, String token, Object body) {
		return visitor.withHeader("X-Visitor-Token", token).post(path, body);
	}

	private static MimeMessage awaitMail(String address) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			MimeMessage[] received = mail.getReceivedMessagesForDomain(address);
			if (received.length > 0) {
				return received[received.length - 1];
			}
			Thread.sleep(200);
		}
		throw new AssertionError("no mail for " + address);
	}

}
