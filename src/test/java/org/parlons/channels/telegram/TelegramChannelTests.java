package org.parlons.channels.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.FakePlatform;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * A Telegram bot inbox against a local double of the Bot API, webhooks sent over the real
 * port with the secret-token header. Payload shapes follow
 * https://core.telegram.org/bots/api (Update, Message, Chat, User; sendMessage with
 * reply_parameters; error answers with error_code, description and
 * parameters.retry_after).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TelegramChannelTests {

	static final String TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";

	static final AtomicInteger ids = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	@LocalServerPort
	int port;

	FakePlatform telegram;

	TestApi admin;

	long inboxId;

	String secret;

	@BeforeEach
	void setUp() {
		telegram = new FakePlatform();
		AtomicInteger sent = new AtomicInteger(5000);
		telegram.answer(r -> {
			if (r.path().endsWith("/sendMessage")) {
				return FakePlatform.Answer.json(200,
						"{\"ok\":true,\"result\":{\"message_id\":" + sent.incrementAndGet() + ",\"chat\":{\"id\":"
								+ r.json().get("chat_id").asLong() + "},\"date\":1700000000,\"text\":\"x\"}}");
			}
			String message = "{\"message_id\":" + sent.incrementAndGet() + ",\"chat\":{\"id\":1},\"date\":1700000000}";
			if (r.path().endsWith("/getFile")) {
				return FakePlatform.Answer.json(200,
						"{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_path\":\"photos/file_9.jpg\"}}");
			}
			if (r.path().equals("/file/bot" + TOKEN + "/photos/file_9.jpg")) {
				return new FakePlatform.Answer(200, "JPEG bytes of the meter", Map.of("Content-Type", "image/jpeg"));
			}
			if (r.path().endsWith("/sendDocument")) {
				return FakePlatform.Answer.json(200, "{\"ok\":true,\"result\":" + message + "}");
			}
			if (r.path().endsWith("/sendMediaGroup")) {
				return FakePlatform.Answer.json(200, "{\"ok\":true,\"result\":[" + message + "," + message + "]}");
			}
			return FakePlatform.Answer.json(200, "{\"ok\":true,\"result\":true}");
		});
		admin = TestApi.asAdmin(port);
		var created = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Bot"), "channel", "telegram", "botToken", TOKEN, "apiBaseUrl", telegram.url()));
		assertThat(created.status()).isEqualTo(201);
		inboxId = created.id("id");
		// shown once, in the answer that made it; masked afterwards
		secret = created.body().get("settings").get("secretToken").asString();
	}

	@AfterEach
	void tearDown() {
		telegram.close();
	}

	@Test
	void aPhotoReachesTheThreadAndDownloadsWithItsBytes() {
		long user = ids.incrementAndGet();
		String update = """
				{"update_id": %d, "message": {"message_id": 8, "date": 1700000000,
				 "from": {"id": %d, "is_bot": false, "first_name": "Paul"},
				 "chat": {"id": %d, "first_name": "Paul", "type": "private"}, "caption": "Mon compteur",
				 "photo": [{"file_id": "small-1", "file_unique_id": "s", "width": 90, "height": 90, "file_size": 900},
				           {"file_id": "big-1", "file_unique_id": "b", "width": 1280, "height": 960, "file_size": 23}]}}"""
			.formatted(ids.incrementAndGet(), user, user);
		long conversation = TestApi.json(webhook(update, secret).body()).get("conversationId").asLong();
		JsonNode photo = await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.get(0)
				.get("attachments")
				.get(0), a -> a.get("url").asString().startsWith("blob:"));
		assertThat(photo.get("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(telegram.to("/getFile").get(0).query()).contains("file_id=big-1");
		long message = admin.get("/api/v1/conversations/" + conversation + "/messages")
			.body()
			.get("items")
			.get(0)
			.get("id")
			.asLong();
		assertThat(admin.getText("/api/v1/messages/" + message + "/attachments/0"))
			.isEqualTo("JPEG bytes of the meter");
	}

	@Test
	void aReplySendsItsFilesAsADocumentOrAnAlbumWithTheTextAsCaption() {
		long user = ids.incrementAndGet();
		long conversation = TestApi.json(webhook(privateUpdate(user, 7, "Mon contrat ?"), secret).body())
			.get("conversationId")
			.asLong();
		String path = "/api/v1/conversations/" + conversation + "/replies";
		TestApi.FilePart contract = new TestApi.FilePart("files", "contrat été.pdf", "application/pdf",
				"%PDF-1.4 contrat".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		var one = admin.postMultipart(path, Map.of("text", "Voici votre contrat."), List.of(contract));
		assertThat(one.status()).as(one.body().toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !telegram.to("/sendDocument").isEmpty());
		String document = telegram.to("/bot" + TOKEN + "/sendDocument").get(0).body();
		assertThat(document).contains("name=\"chat_id\"\r\n\r\n" + user)
			.contains("name=\"caption\"\r\n\r\nVoici votre contrat.")
			.contains("name=\"document\"; filename=\"contrat _t_.pdf\"; filename*=UTF-8''contrat%20%C3%A9t%C3%A9.pdf")
			.contains("%PDF-1.4 contrat");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(conversation, 1).equals("sent"));

		var two = admin.postMultipart(path, Map.of("text", "Et l'avenant."), List.of(contract,
				new TestApi.FilePart("files", "avenant.pdf", "application/pdf", "%PDF avenant".getBytes())));
		assertThat(two.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !telegram.to("/sendMediaGroup").isEmpty());
		String album = telegram.to("/bot" + TOKEN + "/sendMediaGroup").get(0).body();
		assertThat(album).contains("attach://file0").contains("attach://file1").contains("%PDF avenant");
		await().atMost(Duration.ofSeconds(10)).until(() -> status(conversation, 2).equals("sent"));

		var tooLong = admin.postMultipart(path, Map.of("text", "x".repeat(1025)), List.of(contract));
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.body().get("detail").asString()).contains("1,024 characters");
	}

	@Test
	void registersItsWebhookWithTheSecretWhenTheInboxIsSaved() {
		var calls = telegram.to("/bot" + TOKEN + "/setWebhook");
		assertThat(calls).hasSize(1);
		JsonNode body = calls.get(0).json();
		assertThat(body.get("url").asString()).isEqualTo("https://parlons.example.org/webhooks/telegram/" + inboxId);
		assertThat(body.get("secret_token").asString()).isEqualTo(secret).hasSizeGreaterThan(16);
		assertThat(admin.get("/api/v1/inboxes/" + inboxId).body().get("health").get("state").asString())
			.isEqualTo("connected");
	}

	@Test
	void aPrivateMessageLandsOnceInAPrivateConversationAndTheReplyGoesBackToThatChat() {
		long user = ids.incrementAndGet();
		String update = privateUpdate(user, 42, "Bonjour, ma commande n'est pas arrivée");

		HttpResponse<String> first = webhook(update, secret);
		HttpResponse<String> again = webhook(update, secret); // Telegram redelivers when
																// unsure

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("\"duplicate\":true");
		long conversation = TestApi.json(first.body()).get("conversationId").asLong();
		JsonNode messages = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).get("visibility").asString()).isEqualTo("private");
		assertThat(messages.get(0).get("placement").asString()).isEqualTo("direct");
		assertThat(messages.get(0).get("externalId").asString()).isEqualTo("tg:" + user + ":42");

		var reply = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Nous regardons."));
		assertThat(reply.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !telegram.to("/sendMessage").isEmpty());
		JsonNode sent = telegram.to("/bot" + TOKEN + "/sendMessage").get(0).json();
		assertThat(sent.get("chat_id").asLong()).isEqualTo(user);
		assertThat(sent.get("text").asString()).isEqualTo("Nous regardons.");
		assertThat(sent.get("reply_parameters").get("message_id").asLong()).isEqualTo(42);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(conversation, 1).equals("sent"));
	}

	@Test
	void aGroupMessageIsPublicAndShowsItsGroupAndRepliesGoToTheGroupOrPrivately() {
		long user = ids.incrementAndGet();
		long group = -1_000_000_000L - ids.incrementAndGet();
		HttpResponse<String> r = webhook("""
				{"update_id": %d, "message": {"message_id": 7, "date": 1700000100,
				 "from": {"id": %d, "is_bot": false, "first_name": "Léa", "last_name": "Martin", "username": "lea_m"},
				 "chat": {"id": %d, "type": "supergroup", "title": "Clients Téléo"},
				 "text": "Le réseau est encore en panne à Lyon ?"}}""".formatted(ids.incrementAndGet(), user, group),
				secret);
		assertThat(r.statusCode()).isEqualTo(200);
		long conversation = TestApi.json(r.body()).get("conversationId").asLong();
		JsonNode message = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items").get(0);
		assertThat(message.get("visibility").asString()).isEqualTo("public");
		assertThat(message.get("placement").asString()).isEqualTo("group");
		assertThat(message.get("threadRef").asString()).isEqualTo("tg:" + group);

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Oui, nos équipes sont dessus."));
		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Je vous écris en privé pour votre ligne.", "visibility", "private"));
		await().atMost(Duration.ofSeconds(10)).until(() -> telegram.to("/sendMessage").size() == 2);
		List<JsonNode> sent = telegram.to("/sendMessage").stream().map(FakePlatform.Request::json).toList();
		JsonNode publicReply = sent.stream()
			.filter(s -> s.get("text").asString().startsWith("Oui"))
			.findFirst()
			.orElseThrow();
		JsonNode privateReply = sent.stream()
			.filter(s -> s.get("text").asString().startsWith("Je vous"))
			.findFirst()
			.orElseThrow();
		assertThat(publicReply.get("chat_id").asLong()).isEqualTo(group);
		assertThat(publicReply.get("reply_parameters").get("message_id").asLong()).isEqualTo(7);
		assertThat(privateReply.get("chat_id").asLong()).isEqualTo(user);
		assertThat(privateReply.has("reply_parameters")).isFalse();
	}

	@Test
	void refusesAWrongOrMissingSecretAndStoresNothing() {
		long user = ids.incrementAndGet();
		String update = privateUpdate(user, 1, "hello");
		assertThat(webhook(update, "not-the-secret-token-at-all").statusCode()).isEqualTo(401);
		assertThat(webhook(update, null).statusCode()).isEqualTo(401);
		HttpResponse<String> unknown = send("/webhooks/telegram/999999", update, secret);
		assertThat(unknown.statusCode()).isEqualTo(404);
		// nothing was stored: the same update, now signed, is new
		assertThat(webhook(update, secret).body()).contains("\"duplicate\":false");
	}

	@Test
	void answersAMalformedUpdateWith400AndIgnoresUpdatesItDoesNotTake() {
		HttpResponse<String> broken = webhook("{\"update_id\": 5, \"message\": {\"message_id\": ", secret);
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(broken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		HttpResponse<String> noSender = webhook("{\"update_id\": 6, \"message\": {\"message_id\": 1, \"date\": 1, "
				+ "\"chat\": {\"id\": 1, \"type\": \"private\"}, \"text\": \"x\"}}", secret);
		assertThat(noSender.statusCode()).isEqualTo(400);
		assertThat(noSender.body()).contains("message.from");
		assertThat(webhook("{\"message\": {\"message_id\": 1}}", secret).statusCode()).as("no update_id")
			.isEqualTo(400);
		assertThat(webhook("{\"update_id\": 8, \"message\": \"x\"}", secret).statusCode()).isEqualTo(400);
		assertThat(webhook("{\"update_id\": 9, \"message\": {\"message_id\": 1, \"date\": 1, "
				+ "\"chat\": {\"id\": 1, \"type\": \"private\"}, \"from\": {\"id\": 1}, \"text\": \"a\\u0000b\"}}",
				secret)
			.statusCode()).as("U+0000 cannot be stored").isEqualTo(400);
		HttpResponse<String> edit = webhook("{\"update_id\": 7, \"edited_message\": {\"message_id\": 1}}", secret);
		assertThat(edit.statusCode()).isEqualTo(200);
		assertThat(edit.body()).contains("ignored");
	}

	@Test
	void waitsAsTelegramAsksOnFloodControlAndMarksABlockedBotFailed() {
		AtomicInteger attempts = new AtomicInteger();
		telegram.answer(r -> {
			if (!r.path().endsWith("/sendMessage")) {
				return FakePlatform.Answer.json(200, "{\"ok\":true,\"result\":true}");
			}
			String text = r.json().get("text").asString();
			if (text.startsWith("Blocked")) {
				return FakePlatform.Answer.json(403, "{\"ok\":false,\"error_code\":403,"
						+ "\"description\":\"Forbidden: bot was blocked by the user\"}");
			}
			return attempts.incrementAndGet() == 1
					? FakePlatform.Answer.json(429,
							"{\"ok\":false,\"error_code\":429,\"description\":"
									+ "\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}")
					: FakePlatform.Answer.json(200, "{\"ok\":true,\"result\":{\"message_id\":9001,\"chat\":{\"id\":"
							+ r.json().get("chat_id").asLong() + "}}}");
		});
		long user = ids.incrementAndGet();
		long conversation = TestApi.json(webhook(privateUpdate(user, 3, "allô ?"), secret).body())
			.get("conversationId")
			.asLong();
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Patience, on arrive."));
		await().atMost(Duration.ofSeconds(15)).until(() -> status(conversation, 1).equals("sent"));
		assertThat(attempts.get()).isEqualTo(2);
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages")
			.body()
			.get("items")
			.get(1)
			.get("externalId")
			.asString()).isEqualTo("tg:" + user + ":9001");

		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Blocked? This one fails."));
		await().atMost(Duration.ofSeconds(10)).until(() -> status(conversation, 2).equals("failed"));
		assertThat(telegram.to("/sendMessage").stream().filter(r -> r.body().contains("Blocked")).count()).isEqualTo(1);
	}

	@Test
	void refusesAReplyLongerThanTelegramAllowsBeforeStoringIt() {
		long conversation = TestApi.json(webhook(privateUpdate(ids.incrementAndGet(), 4, "long ?"), secret).body())
			.get("conversationId")
			.asLong();
		var tooLong = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "a".repeat(4097)));
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.body().get("detail").asString()).contains("4,096");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items")).hasSize(1);
	}

	private String status(long conversation, int index) {
		JsonNode items = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
		return items.size() > index ? items.get(index).get("status").asString() : "";
	}

	static String privateUpdate(long user, long messageId, String text) {
		return """
				{"update_id": %d, "message": {"message_id": %d, "date": 1700000000,
				 "from": {"id": %d, "is_bot": false, "first_name": "Paul", "language_code": "fr"},
				 "chat": {"id": %d, "first_name": "Paul", "type": "private"},
				 "text": "%s"}}""".formatted(ids.incrementAndGet(), messageId, user, user, text);
	}

	HttpResponse<String> webhook(String body, String secretToken) {
		return send("/webhooks/telegram/" + inboxId, body, secretToken);
	}

	HttpResponse<String> send(String path, String body, String secretToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (secretToken != null) {
			request.header("X-Telegram-Bot-Api-Secret-Token", secretToken);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
