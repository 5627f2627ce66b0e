package org.parlons.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.parlons.testing.WebSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Changes to what someone may do apply to their very next request, whatever door they
 * came in by; sign-in throttling slows a guesser without locking anyone out; secrets are
 * shown once; listening keeps to the reader's inboxes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessChangesTests {

	private static final String PASSWORD = "changes-password-1";

	@LocalServerPort
	int port;

	@Test
	void whatAnAdministratorMayNotDoIsSaidInTheirLanguage() {
		TestApi admin = TestApi.asAdmin(port).withHeader("Accept-Language", "fr");
		long me = admin.get("/api/v1/me").body().get("id").asLong();
		var self = admin.patch("/api/v1/agents/" + me, Map.of("active", false));
		assertThat(self.status()).isEqualTo(409);
		assertThat(self.body().get("detail").asString())
			.isEqualTo("Vous ne pouvez pas désactiver votre propre compte.");
		var weak = admin.post("/api/v1/agents", Map.of("email", TestApi.unique("court") + "@teleo.test", "name",
				"Court", "password", "abc", "role", "agent"));
		assertThat(weak.status()).isEqualTo(422);
		assertThat(weak.body().get("detail").asString()).startsWith("Un mot de passe compte au moins");
	}

	@Test
	void aDemotedAdminsOpenSessionLosesTheAdminPagesOnItsNextRequest() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("demoted") + "@test.local";
		long id = admin.createAgent(email, "admin", PASSWORD);
		WebSession session = WebSession.signIn(port, email, PASSWORD);
		assertThat(session.get("/admin").statusCode()).isEqualTo(200);

		assertThat(admin.patch("/api/v1/agents/" + id, Map.of("role", "agent")).status()).isEqualTo(200);
		assertThat(session.get("/admin").statusCode()).isEqualTo(403);
		assertThat(session
			.post("/admin/agents",
					Map.of("email", unique("x") + "@test.local", "name", "x", "password", PASSWORD, "role", "admin"))
			.statusCode()).isEqualTo(403);
		assertThat(session.get("/inbox").statusCode()).isEqualTo(200);
	}

	@Test
	void aDeactivatedAgentsSessionTokenAndStreamAllStop() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("leaving") + "@test.local";
		long id = admin.createAgent(email, "agent", PASSWORD);
		WebSession session = WebSession.signIn(port, email, PASSWORD);
		String token = TestApi.basic(port, email, PASSWORD)
			.post("/api/v1/tokens", Map.of("name", "stream"))
			.body()
			.get("token")
			.asString();
		CompletableFuture<Void> streamEnded = openStream(token);
		Thread.sleep(500);
		assertThat(streamEnded).isNotDone();

		assertThat(admin.patch("/api/v1/agents/" + id, Map.of("active", false)).status()).isEqualTo(200);
		streamEnded.get(10, TimeUnit.SECONDS);
		assertThat(TestApi.bearer(port, token).get("/api/v1/conversations").status()).isEqualTo(401);
		var page = session.get("/inbox");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElse("")).isEqualTo("/login");
	}

	@Test
	void aRevokedTokensStreamCloses() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("revoking") + "@test.local";
		admin.createAgent(email, "agent", PASSWORD);
		TestApi basic = TestApi.basic(port, email, PASSWORD);
		var issued = basic.post("/api/v1/tokens", Map.of("name", "stream")).body();
		CompletableFuture<Void> streamEnded = openStream(issued.get("token").asString());
		Thread.sleep(500);
		assertThat(streamEnded).isNotDone();
		assertThat(basic.delete("/api/v1/tokens/" + issued.get("id").asLong()).status()).isIn(200, 204);
		streamEnded.get(10, TimeUnit.SECONDS);
	}

	@Test
	void wrongPasswordsFromOneAddressDoNotStopTheRightOneFromAnother() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("targeted") + "@test.local";
		long id = admin.createAgent(email, "agent", PASSWORD);
		for (int i = 0; i < 6; i++) {
			assertThat(status("127.0.0.2", email, "wrong-password-" + i)).isEqualTo(401);
		}
		assertThat(status("127.0.0.2", email, PASSWORD)).as("the guesser's address waits").isEqualTo(401);
		assertThat(status("127.0.0.3", email, PASSWORD)).as("the owner, elsewhere, signs in").isEqualTo(200);
		String unknown = unique("nobody") + "@test.local";
		for (int i = 0; i < 6; i++) {
			status("127.0.0.4", unknown, "wrong-password-" + i);
		}
		assertThat(body("127.0.0.4", unknown, "x")).as("an unknown name is throttled like a known one")
			.contains("Too many failed sign-ins");

		assertThat(admin.delete("/api/v1/agents/" + id + "/sign-in-failures").status()).isEqualTo(204);
		assertThat(status("127.0.0.2", email, PASSWORD)).as("an admin forgave the failures").isEqualTo(200);
	}

	@Test
	void commonPasswordsAreRefusedAndAPasswordCanBeChangedAndReset() {
		TestApi admin = TestApi.asAdmin(port);
		var common = admin.post("/api/v1/agents", Map.of("email", unique("weak") + "@test.local", "name", "Weak",
				"password", "password12", "role", "agent"));
		assertThat(common.status()).isEqualTo(422);
		assertThat(common.body().get("detail").asString()).contains("common");

		String email = unique("changing") + "@test.local";
		long id = admin.createAgent(email, "agent", PASSWORD);
		TestApi self = TestApi.basic(port, email, PASSWORD);
		assertThat(self.post("/api/v1/me/password", Map.of("current", "not-it-at-all", "password", "a-new-password-2"))
			.status()).isEqualTo(422);
		assertThat(
				self.post("/api/v1/me/password", Map.of("current", PASSWORD, "password", "a-new-password-2")).status())
			.isEqualTo(204);
		assertThat(TestApi.basic(port, email, "a-new-password-2").get("/api/v1/me").status()).isEqualTo(200);
		assertThat(admin.post("/api/v1/agents/" + id + "/password", Map.of("password", "reset-by-admin-3")).status())
			.isEqualTo(204);
		assertThat(TestApi.basic(port, email, "reset-by-admin-3").get("/api/v1/me").status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/audit?type=agent.password&q=reset").body().toString()).contains("agent:" + id);
		assertThat(admin.get("/api/v1/audit?type=agent.password&q=changed").body().toString()).contains("agent:" + id);
	}

	@Test
	void secretsAreShownOnceMaskedAfterwardsAndRotatedOnce() {
		TestApi admin = TestApi.asAdmin(port);
		var created = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Secret"), "channel", "api", "webhookUrl", "https://example.org/hook"));
		assertThat(created.status()).isEqualTo(201);
		String secret = created.body().get("settings").get("webhookSecret").asString();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(16);
		long id = created.id("id");

		String listed = admin.get("/api/v1/inboxes").body().toString();
		assertThat(listed).doesNotContain(secret);
		assertThat(admin.get("/api/v1/inboxes/" + id).body().get("settings").get("webhookSecret").asString())
			.isEqualTo("••••••");
		var page = WebSession.signIn(port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD).get("/admin/inboxes");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("webhookSecret").doesNotContain(secret);

		var rotated = admin.post("/api/v1/inboxes/" + id + "/secrets/webhookSecret", Map.of());
		assertThat(rotated.status()).isEqualTo(200);
		String fresh = rotated.body().get("value").asString();
		assertThat(fresh).isNotEqualTo(secret).hasSizeGreaterThanOrEqualTo(16);
		assertThat(admin.get("/api/v1/inboxes/" + id).body().toString()).doesNotContain(fresh);
		assertThat(admin.post("/api/v1/inboxes/" + id + "/secrets/webhookUrl", Map.of()).status()).isEqualTo(422);
	}

	@Test
	void anAgentReadsNoneOfAnotherTeamsMentionsByAnyDoor() {
		TestApi admin = TestApi.asAdmin(port);
		long ours = admin.createApiInbox(unique("Ours"), Map.of());
		long theirs = admin.createApiInbox(unique("Theirs"), Map.of());
		String email = unique("scoped") + "@test.local";
		long agent = admin.createAgent(email, "agent", PASSWORD);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Ours"), "inboxIds", List.of(ours), "memberIds", List.of(agent)));
		String secretWord = "confidentiel" + Long.toHexString(System.nanoTime());
		Map<String, Object> message = new java.util.HashMap<>(
				TestApi.inbound(unique("m"), unique("c"), "Le dossier " + secretWord + " est nul, rien ne marche"));
		message.put("visibility", "public");
		admin.post("/api/v1/inboxes/" + theirs + "/inbound", message);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> admin.get("/api/v1/listening/mentions?inbox=" + theirs).body().get("total").asLong() == 1);

		TestApi scoped = TestApi.basic(port, email, PASSWORD);
		assertThat(scoped.get("/api/v1/listening/mentions?size=500").body().toString()).doesNotContain(secretWord);
		assertThat(scoped.get("/api/v1/listening/mentions?inbox=" + theirs).status()).as("as if it did not exist")
			.isEqualTo(422);
		assertThat(scoped.getText("/api/v1/listening/mentions.csv")).doesNotContain(secretWord);
		assertThat(scoped.getText("/api/v1/listening/tables/terms.csv")).doesNotContain(secretWord);
		assertThat(scoped.get("/api/v1/listening/terms?limit=200").body().toString()).doesNotContain(secretWord);
		assertThat(scoped.get("/api/v1/listening/voices").body().toString()).doesNotContain(secretWord);
		assertThat(scoped.get("/api/v1/listening/summary").body().get("mentions").asLong())
			.isLessThan(admin.get("/api/v1/listening/summary").body().get("mentions").asLong());
		var drillDown = WebSession.signIn(port, email, PASSWORD).get("/listening/mentions");
		assertThat(drillDown.statusCode()).isEqualTo(200);
		assertThat(drillDown.body()).doesNotContain(secretWord);
		assertThat(scoped.get("/api/v1/listening/share-of-voice?brand=Secret:" + secretWord).body().toString())
			.doesNotContain("\"mentions\":1");
		assertThat(admin.get("/api/v1/listening/share-of-voice?brand=Secret:" + secretWord).body().toString())
			.contains("\"mentions\":1");
		assertThat(admin.get("/api/v1/listening/mentions?size=500").body().toString()).contains(secretWord);
	}

	/** Opens the live stream with a token; completes when the server ends it. */
	private CompletableFuture<Void> openStream(String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build();
		return HttpClient.newHttpClient()
			.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.thenAccept(response -> {
				try (InputStream in = response.body()) {
					while (in.read() >= 0) {
						// the stream's comments and events, until it ends
					}
				}
				catch (IOException ended) {
					// ended too
				}
			});
	}

	private int status(String from, String email, String password) throws IOException {
		String answer = raw(from, email, password);
		return Integer.parseInt(answer.substring(9, 12));
	}

	private String body(String from, String email, String password) throws IOException {
		return raw(from, email, password);
	}

	/** A Basic sign-in sent from one loopback address of 127.0.0.0/8. */
	private String raw(String from, String email, String password) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(10_000);
			String credentials = Base64.getEncoder()
				.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
