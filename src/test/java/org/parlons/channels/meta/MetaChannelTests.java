package org.parlons.channels.meta;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.platform.Crypto;
import org.parlons.testing.FakePlatform;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Facebook, Instagram and WhatsApp inboxes against a local double of the Graph API;
 * webhooks go through the real port, signed with the app secret as Meta signs them.
 * Payload shapes from developers.facebook.com: Webhooks for Pages (feed), Messenger
 * Platform (messages, Send API, private replies), Instagram Graph API (comments webhook,
 * comment replies, messaging), WhatsApp Cloud API (messages and statuses webhooks, POST
 * /{phone-number-id}/messages).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetaChannelTests {

	static final String APP_SECRET = "app-secret-for-tests-0123456789";

	static final AtomicInteger ids = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	@LocalServerPort
	int port;

	FakePlatform graph;

	TestApi admin;

	@BeforeEach
	void setUp() {
		graph = new FakePlatform();
		AtomicInteger n = new AtomicInteger(100);
		graph.answer(r -> {
			if ("GET".equals(r.method()) && r.path().matches("/v21\\.0/med-[^/]+")) {
				return FakePlatform.Answer.json(200, "{\"url\": \"" + graph.url() + "/lookaside/"
						+ r.path().substring(r.path().lastIndexOf('/') + 1) + "\", \"mime_type\": \"image/jpeg\"}");
			}
			if (r.path().startsWith("/cdn/")) { // Messenger's files: signed addresses, no
												// token
				return r.path().endsWith("page.jpg")
						? new FakePlatform.Answer(200, "<html>login</html>", Map.of("Content-Type", "text/html"))
						: new FakePlatform.Answer(200, "PNG of " + r.path().substring(5),
								Map.of("Content-Type", "image/png"));
			}
			if (r.path().startsWith("/lookaside/") && "Bearer EAAB-test-token".equals(r.header("Authorization"))) {
				return new FakePlatform.Answer(200, "JPEG of " + r.path().substring(11),
						Map.of("Content-Type", "image/jpeg"));
			}
			if ("GET".equals(r.method()) && r.query().contains("mentioned_comment")) {
				return FakePlatform.Answer.json(200,
						"""
								{"mentioned_comment": {"id": "c-mention", "text": "@teleo toujours pas de réseau à Brest",
								 "timestamp": "2026-11-24T09:30:00+0000", "username": "yann.b",
								 "media": {"id": "m-other", "permalink": "https://www.instagram.com/p/abc/"}}, "id": "acct"}""");
			}
			if ("GET".equals(r.method()) && r.query().contains("fields=message")) {
				String id = r.path().substring(r.path().lastIndexOf('/') + 1);
				return FakePlatform.Answer.json(200,
						"{\"id\": \"" + id + "\", \"message\": \"Nouvelle offre fibre : 1 Gb/s à 19,99 €\", "
								+ "\"permalink_url\": \"https://www.facebook.com/teleo/posts/" + id
								+ "\", \"from\": {\"name\": \"Téléo\"}, "
								+ "\"created_time\": \"2026-11-20T10:00:00+0000\"}");
			}
			if (r.path().endsWith("/mentions")) {
				return FakePlatform.Answer.json(200, "{\"id\": \"reply-to-mention\"}");
			}
			if (r.path().matches("/v21\\.0/[^/]+") || r.path().endsWith("/likes")) { // hide,
																						// delete,
																						// like
				return FakePlatform.Answer.json(200, "{\"success\": true}");
			}
			if (r.path().endsWith("/comments") || r.path().endsWith("/replies")) {
				return FakePlatform.Answer.json(200, "{\"id\":\"reply_" + n.incrementAndGet() + "\"}");
			}
			if (r.path().matches(".*/\\d+/media")) {
				return FakePlatform.Answer.json(200, "{\"id\":\"media-" + n.incrementAndGet() + "\"}");
			}
			if (r.path().matches(".*/\\d+/messages") && !r.header("Content-Type").startsWith("multipart/")
					&& r.json().has("messaging_product")) {
				return FakePlatform.Answer.json(200,
						"{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
								+ r.json().get("to").asString() + "\",\"wa_id\":\"" + r.json().get("to").asString()
								+ "\"}],\"messages\":[{\"id\":\"wamid.OUT" + n.incrementAndGet() + "\"}]}");
			}
			if (r.path().endsWith("/messages") && r.header("Content-Type").startsWith("multipart/")) {
				return FakePlatform.Answer.json(200,
						"{\"recipient_id\":\"x\",\"message_id\":\"m_file_" + n.incrementAndGet() + "\"}");
			}
			if (r.path().endsWith("/messages")) {
				JsonNode recipient = r.json().get("recipient");
				String psid = recipient.has("id") ? recipient.get("id").asString()
						: "psid-of-" + recipient.get("comment_id").asString();
				return FakePlatform.Answer.json(200,
						"{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_" + n.incrementAndGet() + "\"}");
			}
			return FakePlatform.Answer.json(404, "{\"error\":{\"message\":\"Unknown path\",\"code\":100}}");
		});
		admin = TestApi.asAdmin(port);
	}

	@AfterEach
	void tearDown() {
		graph.close();
	}

	@Test
	void answersMetasSubscriptionCheckOnlyWithTheRightVerifyToken() {
		long inbox = inbox("facebook", "pageId");
		assertThat(admin.get("/api/v1/inboxes/" + inbox).body().get("settings").get("verifyToken").asString())
			.isEqualTo("••••••");
		// a new one, shown once
		String token = admin.post("/api/v1/inboxes/" + inbox + "/secrets/verifyToken", Map.of())
			.body()
			.get("value")
			.asString();
		HttpResponse<String> ok = get("/webhooks/meta/" + inbox + "?hub.mode=subscribe&hub.verify_token="
				+ URLEncoder.encode(token, StandardCharsets.UTF_8) + "&hub.challenge=1158201444");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("1158201444");
		assertThat(get("/webhooks/meta/" + inbox + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void aFacebookCommentIsPublicAnsweredUnderItThenPrivatelyAndTheMessengerAnswerJoins() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String user = "u" + ids.incrementAndGet();
		String post = page + "_" + ids.incrementAndGet();
		String comment = post.split("_")[1] + "_" + ids.incrementAndGet();
		String feed = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "feed", "value": {
				  "from": {"id": "%s", "name": "Julie Petit"}, "post_id": "%s", "comment_id": "%s", "parent_id": "%s",
				  "item": "comment", "verb": "add", "created_time": %d,
				  "message": "Trois jours sans internet, c'est une blague ?"}}]}]}""".formatted(page, now(), user, post,
				comment, post, now());

		HttpResponse<String> first = post("/webhooks/meta/" + inbox, feed, sign(feed));
		HttpResponse<String> again = post("/webhooks/meta/" + inbox, feed, sign(feed));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(TestApi.json(first.body()).get("stored").asInt()).isEqualTo(1);
		assertThat(TestApi.json(again.body()).get("stored").asInt()).isZero();
		long conversation = conversationOf(inbox, comment);
		JsonNode in = messages(conversation).get(0);
		assertThat(in.get("visibility").asString()).isEqualTo("public");
		assertThat(in.get("placement").asString()).isEqualTo("comment");
		assertThat(in.get("threadRef").asString()).isEqualTo(post);

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous sommes désolés, regardons ça."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + comment + "/comments").isEmpty());
		FakePlatform.Request publicReply = graph.to("/v21.0/" + comment + "/comments").get(0);
		assertThat(publicReply.json().get("message").asString()).isEqualTo("Nous sommes désolés, regardons ça.");
		assertThat(publicReply.header("Authorization")).isEqualTo("Bearer EAAB-test-token");

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Pouvez-vous nous donner votre numéro de ligne ?", "visibility", "private"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + page + "/messages").isEmpty());
		JsonNode privateReply = graph.to("/v21.0/" + page + "/messages").get(0).json();
		assertThat(privateReply.get("recipient").get("comment_id").asString()).isEqualTo(comment);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "sent".equals(messages(conversation).get(2).get("status").asString()));

		String psid = "psid-of-" + comment;
		String messenger = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "messaging": [{"sender": {"id": "%s"},
				  "recipient": {"id": "%s"}, "timestamp": %d, "message": {"mid": "m_%d", "text": "Ma ligne : 04 72 00 00 00"}}]}]}"""
			.formatted(page, now(), psid, page, System.currentTimeMillis(), ids.incrementAndGet());
		assertThat(post("/webhooks/meta/" + inbox, messenger, sign(messenger)).statusCode()).isEqualTo(200);
		JsonNode thread = messages(conversation);
		assertThat(thread).hasSize(4);
		assertThat(thread.get(3).get("visibility").asString()).isEqualTo("private");
		assertThat(thread.get(3).get("placement").asString()).isEqualTo("direct");

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Merci, c'est noté.", "visibility", "private"));
		await().atMost(Duration.ofSeconds(10)).until(() -> graph.to("/" + page + "/messages").size() == 2);
		assertThat(graph.to("/" + page + "/messages").get(1).json().get("recipient").get("id").asString())
			.isEqualTo(psid);
	}

	@Test
	void aPageAndAnInstagramAccountGiveTheirFollowersAndTheirPostsFiguresOverTime() {
		String page = "1" + ids.incrementAndGet();
		String account = "17" + ids.incrementAndGet();
		String seedPost = page + "_" + ids.incrementAndGet();
		String measuredPost = page + "_" + ids.incrementAndGet();
		String media = "179" + ids.incrementAndGet();
		Instant at = Instant.now().minus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		String graphTime = at.toString().replace("Z", "+0000");
		graph.answer(r -> {
			String path = r.path();
			if (path.equals("/v21.0/" + page) && r.query().contains("fields=followers_count")) {
				return FakePlatform.Answer.json(200, "{\"followers_count\": 8476000, \"id\": \"" + page + "\"}");
			}
			if (path.equals("/v21.0/" + page + "/posts")) {
				// seed 002: 1,407 likes on a post of a page of 8 million fans; the page
				// may not read that post's insights
				return FakePlatform.Answer.json(200,
						"""
								{"data": [{"id": "%s", "message": "Notre nouvelle offre", "created_time": "%s",
								  "permalink_url": "https://www.facebook.com/%s", "reactions": {"data": [], "summary": {"total_count": 1407}},
								  "comments": {"data": [], "summary": {"total_count": 0}}},
								 {"id": "%s", "message": "Les coulisses", "created_time": "%s", "shares": {"count": 12},
								  "reactions": {"summary": {"total_count": 300}}, "comments": {"summary": {"total_count": 40}},
								  "insights": {"data": [{"name": "post_impressions", "period": "lifetime", "values": [{"value": 20000}]},
								   {"name": "post_impressions_unique", "period": "lifetime", "values": [{"value": 15000}]}]}}]}"""
							.formatted(seedPost, graphTime, seedPost, measuredPost, graphTime));
			}
			if (path.equals("/v21.0/" + account) && r.query().contains("fields=followers_count")) {
				return FakePlatform.Answer.json(200, "{\"followers_count\": 1200, \"id\": \"" + account + "\"}");
			}
			if (path.equals("/v21.0/" + account + "/media")) {
				return FakePlatform.Answer.json(200,
						"""
								{"data": [{"id": "%s", "caption": "Été à Brest", "timestamp": "%s", "permalink": "https://www.instagram.com/p/xyz/",
								  "like_count": 50, "comments_count": 5, "insights": {"data": [
								   {"name": "reach", "values": [{"value": 900}]}, {"name": "views", "values": [{"value": 1500}]}]}}]}"""
							.formatted(media, graphTime));
			}
			return FakePlatform.Answer.json(404, "{\"error\": {\"code\": 100, \"message\": \"Unknown path\"}}");
		});
		long facebook = inbox("facebook", "pageId", page);
		long instagram = inbox("instagram", "pageId", account);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> post("facebook", measuredPost) != null && post("instagram", media) != null
					&& post("facebook", seedPost) != null);
		JsonNode seed = post("facebook", seedPost);
		assertThat(seed.get("inboxId").asLong()).isEqualTo(facebook);
		assertThat(seed.get("text").asString()).isEqualTo("Notre nouvelle offre");
		assertThat(seed.get("latest").get("likes").asLong()).isEqualTo(1407);
		assertThat(seed.get("engagementRateDescribed").asString()).isEqualTo("0.0166 % of 8,476,000 followers");
		JsonNode measured = post("facebook", measuredPost);
		assertThat(measured.get("latest").get("reach").asLong()).isEqualTo(15000);
		assertThat(measured.get("latest").get("impressions").asLong()).isEqualTo(20000);
		assertThat(measured.get("latest").get("shares").asLong()).isEqualTo(12);
		assertThat(measured.get("engagementRateDescribed").asString()).isEqualTo("2.3467 % of 15,000 reach");
		// the page: one post without its reach, so the mean per post over the followers,
		// (1,407 + 352) / 2 / 8,476,000
		JsonNode pageFigures = null;
		for (JsonNode a : admin.get("/api/v1/listening/posts?network=facebook").body().get("accounts")) {
			if (a.get("inboxId").asLong() == facebook) {
				pageFigures = a;
			}
		}
		assertThat(pageFigures.get("interactions").asLong()).isEqualTo(1407 + 352);
		assertThat(pageFigures.get("engagementRateDescribed").asString())
			.isEqualTo("0.0104 % of 8,476,000 followers per post");
		assertThat(pageFigures.get("unique").get("people").asDouble()).isCloseTo(15_000,
				org.assertj.core.api.Assertions.within(1e-6));
		JsonNode photo = post("instagram", media);
		assertThat(photo.get("inboxId").asLong()).isEqualTo(instagram);
		assertThat(photo.get("latest").get("reach").asLong()).isEqualTo(900);
		assertThat(photo.get("latest").get("impressions").asLong()).isEqualTo(1500);
		assertThat(photo.get("url").asString()).isEqualTo("https://www.instagram.com/p/xyz/");
		JsonNode days = admin.get("/api/v1/listening/followers?network=instagram").body().get("days");
		assertThat(days.get(days.size() - 1).get("followers").asLong()).isGreaterThanOrEqualTo(1200);
		assertThat(graph.to("/" + page + "/posts").get(0).query()).contains("post_impressions_unique")
			.contains("reactions.summary(total_count)");
	}

	JsonNode post(String network, String externalId) {
		for (JsonNode p : admin.get("/api/v1/listening/posts?network=" + network).body().get("items")) {
			if (p.get("externalId").asString().equals(externalId)) {
				return p;
			}
		}
		return null;
	}

	@Test
	void refusesABadSignatureAndAMalformedPayloadWithoutStoringAnything() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String feed = """
				{"object": "page", "entry": [{"id": "%s", "time": 1, "changes": [{"field": "feed", "value": {
				  "from": {"id": "u1", "name": "X"}, "post_id": "%s_1", "comment_id": "1_%d", "item": "comment",
				  "verb": "add", "created_time": 1, "message": "x"}}]}]}""".formatted(page, page,
				ids.incrementAndGet());
		assertThat(post("/webhooks/meta/" + inbox, feed, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
		assertThat(post("/webhooks/meta/" + inbox, feed, null).statusCode()).isEqualTo(401);
		assertThat(post("/webhooks/meta/" + inbox, feed.replace("\"x\"", "\"y\""), sign(feed)).statusCode())
			.isEqualTo(401);
		String broken = "{\"object\": \"page\", \"entry\": [{\"changes\": [{\"field\": \"feed\", \"value\": {\"item\": \"comment\", \"verb\": \"add\"}}]}]}";
		HttpResponse<String> malformed = post("/webhooks/meta/" + inbox, broken, sign(broken));
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		for (String shapeless : List.of(
				"{\"object\": \"page\", \"entry\": [{\"id\": \"" + page + "\", \"messaging\": \"x\"}]}",
				"{\"object\": \"page\", \"entry\": [{\"id\": \"" + page
						+ "\", \"messaging\": [{\"message\": \"x\"}]}]}",
				"{\"object\": \"page\", \"entry\": [{\"id\": \"" + page + "\", \"changes\": [7]}]}",
				"{\"object\": \"page\", \"entry\": [{\"changes\": []}]}")) {
			assertThat(post("/webhooks/meta/" + inbox, shapeless, sign(shapeless)).statusCode()).as(shapeless)
				.isEqualTo(400);
		}
		String otherPage = feed.replace("\"id\": \"" + page + "\"", "\"id\": \"9" + page + "\"");
		HttpResponse<String> elsewhere = post("/webhooks/meta/" + inbox, otherPage, sign(otherPage));
		assertThat(elsewhere.statusCode()).isEqualTo(200);
		assertThat(TestApi.json(elsewhere.body()).get("ignoredEntries").asInt())
			.as("an entry for another page of the same app is not this inbox's")
			.isEqualTo(1);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isZero();
		assertThat(TestApi.json(post("/webhooks/meta/" + inbox, feed, sign(feed)).body()).get("stored").asInt())
			.isEqualTo(1);
	}

	@Test
	void anInstagramCommentIsAnsweredWithARepliesCallAndADirectMessageIsPrivate() {
		String account = "17" + ids.incrementAndGet();
		long inbox = inbox("instagram", "pageId", account);
		String comment = "178" + ids.incrementAndGet();
		String media = "179" + ids.incrementAndGet();
		String payload = """
				{"object": "instagram", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "comments", "value": {
				  "from": {"id": "ig%d", "username": "camille.voyage"}, "media": {"id": "%s", "media_product_type": "FEED"},
				  "id": "%s", "text": "Toujours pas remboursée 😡"}}]}]}"""
			.formatted(account, now(), ids.incrementAndGet(), media, comment);
		assertThat(post("/webhooks/meta/" + inbox, payload, sign(payload)).statusCode()).isEqualTo(200);
		long conversation = conversationOf(inbox, comment);
		assertThat(messages(conversation).get(0).get("threadRef").asString()).isEqualTo(media);
		assertThat(messages(conversation).get(0).get("authorName").asString()).isEqualTo("@camille.voyage");

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous vérifions votre dossier."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + comment + "/replies").isEmpty());

		String dm = """
				{"object": "instagram", "entry": [{"id": "%s", "time": %d, "messaging": [{"sender": {"id": "igsid%d"},
				  "recipient": {"id": "%s"}, "timestamp": %d, "message": {"mid": "aWdfZ%d", "text": "Bonjour, une question"}}]}]}"""
			.formatted(account, now(), ids.incrementAndGet(), account, System.currentTimeMillis(),
					ids.incrementAndGet());
		HttpResponse<String> r = post("/webhooks/meta/" + inbox, dm, sign(dm));
		assertThat(TestApi.json(r.body()).get("stored").asInt()).isEqualTo(1);
	}

	@Test
	void whatsAppRepliesQuoteTheMessageFollowDeliveryReportsAndKeepToTheWindow() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String waId = "3361" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.IN" + ids.incrementAndGet();
		String payload = whatsappMessage(number, waId, wamid, Instant.now().getEpochSecond(), "Ma box clignote orange");
		assertThat(post("/webhooks/meta/" + inbox, payload, sign(payload)).statusCode()).isEqualTo(200);
		long conversation = conversationOf(inbox, wamid);
		assertThat(messages(conversation).get(0).get("authorName").asString()).isEqualTo("Nadia");

		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "public ?", "visibility", "public"))
			.status()).isEqualTo(422);
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Débranchez-la 10 secondes."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + number + "/messages").isEmpty());
		JsonNode sent = graph.to("/v21.0/" + number + "/messages").get(0).json();
		assertThat(sent.get("to").asString()).isEqualTo(waId);
		assertThat(sent.get("text").get("body").asString()).isEqualTo("Débranchez-la 10 secondes.");
		assertThat(sent.get("context").get("message_id").asString()).isEqualTo(wamid);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "sent".equals(messages(conversation).get(1).get("status").asString()));
		String out = messages(conversation).get(1).get("externalId").asString();

		for (String status : new String[] { "read", "delivered" }) { // out of order: read
																		// wins
			String report = """
					{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": {
					  "messaging_product": "whatsapp", "metadata": {"display_phone_number": "33100000000", "phone_number_id": "%s"},
					  "statuses": [{"id": "%s", "status": "%s", "timestamp": "%d", "recipient_id": "%s"}]}}]}]}"""
				.formatted(number, out, status, Instant.now().getEpochSecond(), waId);
			assertThat(post("/webhooks/meta/" + inbox, report, sign(report)).statusCode()).isEqualTo(200);
		}
		assertThat(messages(conversation).get(1).get("status").asString()).isEqualTo("read");
	}

	@Test
	void aResolvedWhatsAppConversationAsksWithAListAndTheTapRatesItOnce() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String waId = "3362" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.IN" + ids.incrementAndGet();
		String payload = whatsappMessage(number, waId, wamid, Instant.now().getEpochSecond(), "Plus de réseau");
		assertThat(post("/webhooks/meta/" + inbox, payload, sign(payload)).statusCode()).isEqualTo(200);
		long conversation = conversationOf(inbox, wamid);
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "C'est rétabli."));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> messages(conversation).size() == 2
					&& "sent".equals(messages(conversation).get(1).get("status").asString()));
		admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> graph.to("/v21.0/" + number + "/messages")
				.stream()
				.anyMatch(r -> "interactive".equals(r.json().get("type").asString())));
		JsonNode list = graph.to("/v21.0/" + number + "/messages")
			.stream()
			.filter(r -> "interactive".equals(r.json().get("type").asString()))
			.findFirst()
			.orElseThrow()
			.json();
		assertThat(list.get("to").asString()).isEqualTo(waId);
		assertThat(list.get("interactive").get("body").get("text").asString())
			.isEqualTo("Comment avons-nous répondu ?");
		JsonNode rows = list.get("interactive").get("action").get("sections").get(0).get("rows");
		assertThat(rows.valueStream().map(r -> r.get("title").asString())).containsExactly("5 — Très satisfait",
				"4 — Satisfait", "3 — Ni l’un ni l’autre", "2 — Mécontent", "1 — Très mécontent");
		assertThat(rows.valueStream().map(r -> r.get("title").asString().length())).allMatch(n -> n <= 24);
		String four = rows.get(1).get("id").asString();
		assertThat(four).startsWith("csat:").endsWith(":4");

		// a forged row names no survey; the customer's tap rates once, and is no message
		String forged = listReply(number, waId, "wamid.F" + ids.incrementAndGet(), "csat:1-forged:5");
		assertThat(post("/webhooks/meta/" + inbox, forged, sign(forged)).body()).contains("\"ratings\":0");
		String tap = listReply(number, waId, "wamid.T" + ids.incrementAndGet(), four);
		assertThat(post("/webhooks/meta/" + inbox, tap, sign(tap)).body()).contains("\"ratings\":1");
		String again = listReply(number, waId, "wamid.T" + ids.incrementAndGet(), rows.get(4).get("id").asString());
		assertThat(post("/webhooks/meta/" + inbox, again, sign(again)).body()).contains("\"ratings\":0");
		assertThat(messages(conversation)).hasSize(2);
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("status").asString())
			.isEqualTo("resolved");
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("rated");
	}

	static String listReply(String number, String waId, String wamid, String rowId) {
		return """
				{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": {
				  "messaging_product": "whatsapp", "metadata": {"display_phone_number": "33100000000", "phone_number_id": "%s"},
				  "contacts": [{"profile": {"name": "Nadia"}, "wa_id": "%s"}],
				  "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "interactive",
				    "interactive": {"type": "list_reply", "list_reply": {"id": "%s", "title": "x"}}}]}}]}]}"""
			.formatted(number, waId, waId, wamid, Instant.now().getEpochSecond(), rowId);
	}

	@Test
	void outsideWhatsAppsWindowOnlyATemplateGoesOut() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String waId = "3362" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.OLD" + ids.incrementAndGet();
		String payload = whatsappMessage(number, waId, wamid,
				Instant.now().minus(Duration.ofHours(30)).getEpochSecond(), "Bonjour ?");
		post("/webhooks/meta/" + inbox, payload, sign(payload));
		long conversation = conversationOf(inbox, wamid);

		var free = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Bonjour Nadia !"));
		assertThat(free.status()).isEqualTo(422);
		assertThat(free.body().get("detail").asString()).contains("24-hour window").contains("/template");
		var french = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Bonjour Nadia !"));
		assertThat(french.body().get("detail").asString()).startsWith(
				"Cette réponse ne peut pas partir : Hors de la fenêtre de 24 heures de WhatsApp (dernier message du client le ");
		var template = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "/template suivi_dossier fr"));
		assertThat(template.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + number + "/messages").isEmpty());
		JsonNode sent = graph.to("/" + number + "/messages").get(0).json();
		assertThat(sent.get("type").asString()).isEqualTo("template");
		assertThat(sent.get("template").get("name").asString()).isEqualTo("suivi_dossier");
		assertThat(sent.get("template").get("language").get("code").asString()).isEqualTo("fr");
	}

	@Test
	void anAgentStartsAWhatsAppConversationWithATemplateOnlyAndAFreeTextLeavesNothingBehind() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String phone = "+3366" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		int before = admin.get("/api/v1/customers?q=" + phone.substring(1)).body().get("total").asInt();

		var free = admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "to", phone, "text", "Bonjour !"));
		assertThat(free.status()).isEqualTo(422);
		assertThat(free.body().get("detail").asString()).contains("/template");
		assertThat(admin.get("/api/v1/customers?q=" + phone.substring(1)).body().get("total").asInt())
			.as("the refused start created no customer")
			.isEqualTo(before);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isZero();

		var started = admin.post("/api/v1/conversations",
				Map.of("inboxId", inbox, "to", phone, "text", "/template rappel_rendez_vous fr Hélène | jeudi 10 h"));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + number + "/messages").isEmpty());
		JsonNode sent = graph.to("/" + number + "/messages").get(0).json();
		assertThat(sent.get("to").asString()).isEqualTo(phone.substring(1));
		assertThat(sent.get("type").asString()).isEqualTo("template");
		assertThat(sent.get("template").get("name").asString()).isEqualTo("rappel_rendez_vous");
		JsonNode values = sent.get("template").get("components").get(0).get("parameters");
		assertThat(values.get(0).get("text").asString()).isEqualTo("Hélène");
		assertThat(values.get(1).get("text").asString()).isEqualTo("jeudi 10 h");
		// the thread shows a template as one, not as the command typed
		String thread = org.parlons.testing.WebSession.signIn(port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD)
			.get("/inbox?lang=fr&status=all&open=" + started.body().get("id").asLong())
			.body();
		assertThat(thread).contains("Modèle WhatsApp")
			.contains("rappel_rendez_vous fr Hélène | jeudi 10 h")
			.doesNotContain(">/template");
	}

	@Test
	void aWhatsAppImageReachesTheThreadAndDownloadsWithItsBytes() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String waId = "3368" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.I" + ids.incrementAndGet();
		String payload = """
				{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": {
				  "messaging_product": "whatsapp", "metadata": {"display_phone_number": "33100000000", "phone_number_id": "%s"},
				  "contacts": [{"profile": {"name": "Nadia"}, "wa_id": "%s"}],
				  "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "image",
				    "image": {"id": "med-77", "mime_type": "image/jpeg", "sha256": "abc", "caption": "Le compteur"}}]}}]}]}"""
			.formatted(number, waId, waId, wamid, Instant.now().getEpochSecond());
		assertThat(post("/webhooks/meta/" + inbox, payload, sign(payload)).statusCode()).isEqualTo(200);
		long conversation = conversationOf(inbox, wamid);
		awaitFirstFileKept(conversation);
		JsonNode message = messages(conversation).get(0);
		assertThat(message.get("text").asString()).isEqualTo("Le compteur");
		assertThat(admin.getText("/api/v1/messages/" + message.get("id").asLong() + "/attachments/0"))
			.isEqualTo("JPEG of med-77");
	}

	/**
	 * A Messenger photo is read from the address its webhook gives; a "picture" served as
	 * a web page is not kept as one.
	 */
	@Test
	void aMessengerPhotoReachesTheThreadAndAFileOfAnotherKindIsNotKept() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String mid = "m_" + ids.incrementAndGet();
		String messenger = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "messaging": [{"sender": {"id": "psid-%s"},
				  "recipient": {"id": "%s"}, "timestamp": %d, "message": {"mid": "%s", "text": "Voici ma box",
				  "attachments": [{"type": "image", "payload": {"url": "%s/cdn/box.png?sig=1"}},
				                  {"type": "image", "payload": {"url": "%s/cdn/page.jpg"}}]}}]}]}""".formatted(page,
				now(), mid, page, System.currentTimeMillis(), mid, graph.url(), graph.url());
		assertThat(post("/webhooks/meta/" + inbox, messenger, sign(messenger)).statusCode()).isEqualTo(200);
		long conversation = conversationOf(inbox, mid);
		awaitFirstFileKept(conversation);
		JsonNode files = messages(conversation).get(0).get("attachments");
		assertThat(files.get(0).get("name").asString()).isEqualTo("box.png");
		assertThat(files.get(0).get("contentType").asString()).isEqualTo("image/png");
		assertThat(admin
			.getText("/api/v1/messages/" + messages(conversation).get(0).get("id").asLong() + "/attachments/0"))
			.isEqualTo("PNG of box.png");
		assertThat(files.get(1).get("url").asString()).as("a web page is no picture").startsWith("facebook:");
	}

	/**
	 * In Messenger a reply's files go one per message, uploaded with it, before the text;
	 * a public comment carries none.
	 */
	@Test
	void aMessengerReplySendsItsFilesThenItsTextAndAPublicCommentTakesNone() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String mid = "m_" + ids.incrementAndGet();
		String psid = "psid-" + ids.incrementAndGet();
		String messenger = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "messaging": [{"sender": {"id": "%s"},
				  "recipient": {"id": "%s"}, "timestamp": %d, "message": {"mid": "%s", "text": "Où est le bouton WPS ?"}}]}]}"""
			.formatted(page, now(), psid, page, System.currentTimeMillis(), mid);
		post("/webhooks/meta/" + inbox, messenger, sign(messenger));
		long conversation = conversationOf(inbox, mid);
		TestApi.FilePart photo = TestApi.FilePart.png("wps.png");
		String replies = "/api/v1/conversations/" + conversation + "/replies";

		var publicly = admin.postMultipart(replies, Map.of("text", "Voici", "visibility", "public"), List.of(photo));
		assertThat(publicly.status()).isEqualTo(422);
		assertThat(graph.to("/" + page + "/messages")).as("nothing sent").isEmpty();

		var sent = admin.postMultipart(replies, Map.of("text", "Il est à l'arrière de la box."), List.of(photo));
		assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> graph.to("/" + page + "/messages").size() == 2);
		List<FakePlatform.Request> out = graph.to("/" + page + "/messages");
		assertThat(out.get(0).header("Content-Type")).startsWith("multipart/form-data");
		assertThat(out.get(0).body()).contains("name=\"filedata\"; filename=\"wps.png\"")
			.contains("\"type\":\"image\"")
			.contains("\"id\":\"" + psid + "\"");
		assertThat(out.get(1).header("Content-Type")).as(out.get(1).body()).startsWith("application/json");
		assertThat(out.get(1).json().get("message").get("text").asString()).isEqualTo("Il est à l'arrière de la box.");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "sent".equals(messages(conversation).get(1).get("status").asString()));
	}

	@Test
	void aWhatsAppReplySendsOneFileUploadedFirstWithTheTextAsCaption() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		String waId = "3367" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.F" + ids.incrementAndGet();
		String payload = whatsappMessage(number, waId, wamid, Instant.now().getEpochSecond(), "La photo du compteur ?");
		post("/webhooks/meta/" + inbox, payload, sign(payload));
		long conversation = conversationOf(inbox, wamid);
		String path = "/api/v1/conversations/" + conversation + "/replies";
		TestApi.FilePart photo = TestApi.FilePart.png("compteur.png");

		var sent = admin.postMultipart(path, Map.of("text", "Voici où lire le compteur."), List.of(photo));
		assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + number + "/messages").isEmpty());
		FakePlatform.Request upload = graph.to("/" + number + "/media").get(0);
		assertThat(upload.header("Content-Type")).startsWith("multipart/form-data");
		assertThat(upload.body()).contains("name=\"messaging_product\"\r\n\r\nwhatsapp").contains("PNG");
		JsonNode message = graph.to("/" + number + "/messages").get(0).json();
		assertThat(message.get("type").asString()).isEqualTo("image");
		assertThat(message.get("image").get("id").asString()).startsWith("media-");
		assertThat(message.get("image").get("caption").asString()).isEqualTo("Voici où lire le compteur.");

		var two = admin.postMultipart(path, Map.of("text", "x"), List.of(photo, photo));
		assertThat(two.status()).isEqualTo(422);
		assertThat(two.body().get("detail").asString()).contains("one file per message");
	}

	@Test
	void retriesAnOutageOnceAndStopsOnAnExpiredToken() {
		String number = "10" + ids.incrementAndGet();
		long inbox = inbox("whatsapp", "phoneNumberId", number);
		AtomicInteger calls = new AtomicInteger();
		graph.answer(r -> {
			int call = calls.incrementAndGet();
			if (r.json().get("text").get("body").asString().startsWith("token")) {
				return FakePlatform.Answer.json(401,
						"{\"error\":{\"message\":\"Error validating access token: Session has expired\","
								+ "\"type\":\"OAuthException\",\"code\":190}}");
			}
			return call == 1 ? new FakePlatform.Answer(503, "{}", Map.of("Retry-After", "1"))
					: FakePlatform.Answer.json(200, "{\"messages\":[{\"id\":\"wamid.R" + call + "\"}]}");
		});
		String waId = "3363" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		String wamid = "wamid.X" + ids.incrementAndGet();
		String payload = whatsappMessage(number, waId, wamid, Instant.now().getEpochSecond(), "allô");
		post("/webhooks/meta/" + inbox, payload, sign(payload));
		long conversation = conversationOf(inbox, wamid);
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Nous voilà."));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "sent".equals(messages(conversation).get(1).get("status").asString()));
		assertThat(calls.get()).isEqualTo(2);

		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "token expired test"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "failed".equals(messages(conversation).get(2).get("status").asString()));
		assertThat(calls.get()).isEqualTo(3);
		JsonNode health = admin.get("/api/v1/inboxes/" + inbox).body().get("health");
		assertThat(health.get("state").asString()).isEqualTo("failing");
		assertThat(health.get("lastError").asString()).contains("190");
	}

	@Test
	void theAgentSeesTheUnansweredComplaintPerNetworkAndThePostACommentBelongsTo() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String post = page + "_" + ids.incrementAndGet();
		String comment = post.split("_")[1] + "_" + ids.incrementAndGet();
		String feed = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "feed", "value": {
				  "from": {"id": "u%d", "name": "Marc Durand"}, "post_id": "%s", "comment_id": "%s", "parent_id": "%s",
				  "item": "comment", "verb": "add", "created_time": %d,
				  "message": "Service client nul, aucune réponse depuis une semaine"}}]}]}""".formatted(page, now(),
				ids.incrementAndGet(), post, comment, post, now());
		post("/webhooks/meta/" + inbox, feed, sign(feed));
		long conversation = conversationOf(inbox, comment);
		String other = feed.replace(comment, comment + "9")
			.replace("Marc Durand", "Léa Roux")
			.replaceFirst("\"id\": \"u\\d+\"", "\"id\": \"u-other\"")
			.replace("Service client nul, aucune réponse depuis une semaine", "Pareil pour moi à Lyon");
		post("/webhooks/meta/" + inbox, other, sign(other));
		org.openqa.selenium.chrome.ChromeDriver chrome = org.parlons.testing.Browser.start();
		try {
			var wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15));
			org.parlons.testing.Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/inbox?lang=en");
			var indicator = wait.until(
					org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By
						.xpath("//a[contains(@class,'indicator')][contains(@href,'inboxId=" + inbox + "')]")));
			assertThat(indicator.getText()).contains("(Facebook)").contains("1 public complaint unanswered");
			chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversation + "?lang=en");
			var quoted = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector("blockquote.post")));
			assertThat(quoted.getText()).startsWith("On the post").contains("Téléo").contains("Nouvelle offre fibre");
			assertThat(quoted.findElement(org.openqa.selenium.By.tagName("a")).getAttribute("href"))
				.isEqualTo("https://www.facebook.com/teleo/posts/" + post);
			var around = quoted.findElement(org.openqa.selenium.By.cssSelector("details.around summary"));
			assertThat(around.getText()).isEqualTo("Other messages under this post (1)");
			around.click();
			assertThat(quoted.findElement(org.openqa.selenium.By.cssSelector("details.around li")).getText())
				.contains("Pareil pour moi à Lyon");
			assertThat(chrome.findElement(org.openqa.selenium.By.cssSelector(".msg .placement")).getText())
				.isEqualTo("comment");
			chrome
				.findElement(
						org.openqa.selenium.By.xpath("//div[@class='moderation']/button[text()='Hide on the network']"))
				.click();
			var badge = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector(".moderation .badge")));
			assertThat(badge.getText()).isEqualTo("hidden");
			assertThat(graph.requests().stream().anyMatch(r -> r.path().equals("/v21.0/" + comment))).isTrue();

			String number = "10" + ids.incrementAndGet();
			long wa = inbox("whatsapp", "phoneNumberId", number);
			String wamid = "wamid.UI" + ids.incrementAndGet();
			String message = whatsappMessage(number, "3365" + String.format("%07d", ids.incrementAndGet() % 10_000_000),
					wamid, Instant.now().minus(Duration.ofMinutes(30)).getEpochSecond(), "Bonjour");
			post("/webhooks/meta/" + wa, message, sign(message));
			chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversationOf(wa, wamid) + "?lang=en");
			var window = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector(".signals .signal.open")));
			// the countdown is written by the page's script once it has loaded
			wait.until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElement(window, "(23 h "));
			assertThat(window.getText()).startsWith("24-hour reply window · closes");
		}
		finally {
			chrome.quit();
		}
	}

	@Test
	void hidesLikesAndDeletesACommentWhereTheNetworkAllowsItAndRecordsWhoDidIt() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String comment = facebookComment(inbox, page, "Arnaque ! Allez voir ailleurs");
		long conversation = conversationOf(inbox, comment);
		long message = messages(conversation).get(0).get("id").asLong();

		var hidden = admin.post("/api/v1/messages/" + message + "/moderation", Map.of("action", "hide"));
		assertThat(hidden.status()).as(hidden.body().toString()).isEqualTo(200);
		assertThat(hidden.body().get("moderation").asString()).isEqualTo("hidden");
		FakePlatform.Request call = graph.requests()
			.stream()
			.filter(r -> r.path().equals("/v21.0/" + comment))
			.findFirst()
			.orElseThrow();
		assertThat(call.method()).isEqualTo("POST");
		assertThat(call.json().get("is_hidden").asBoolean()).isTrue();
		assertThat(admin.post("/api/v1/messages/" + message + "/moderation", Map.of("action", "like"))
			.body()
			.get("moderation")
			.asString()).isEqualTo("hidden,liked");
		assertThat(graph.to("/v21.0/" + comment + "/likes")).hasSize(1);
		var deleted = admin.post("/api/v1/messages/" + message + "/moderation", Map.of("action", "delete"));
		assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
		assertThat(graph.requests()
			.stream()
			.anyMatch(r -> r.method().equals("DELETE") && r.path().equals("/v21.0/" + comment))).isTrue();
		var again = admin.post("/api/v1/messages/" + message + "/moderation", Map.of("action", "hide"));
		assertThat(again.status()).isEqualTo(422);
		assertThat(admin.post("/api/v1/messages/" + message + "/moderation", Map.of("action", "ban")).status())
			.isEqualTo(422);
		JsonNode timeline = admin.get("/api/v1/conversations/" + conversation + "/timeline").body().get("items");
		assertThat(timeline.toString()).contains("moderated-hide")
			.contains("moderated-like")
			.contains("moderated-delete");

		String igAccount = "17" + ids.incrementAndGet();
		long ig = inbox("instagram", "pageId", igAccount);
		String igComment = "178" + ids.incrementAndGet();
		String payload = """
				{"object": "instagram", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "comments", "value": {
				  "from": {"id": "ig%d", "username": "someone"}, "media": {"id": "m1"}, "id": "%s", "text": "Bof"}}]}]}"""
			.formatted(igAccount, now(), ids.incrementAndGet(), igComment);
		post("/webhooks/meta/" + ig, payload, sign(payload));
		long igMessage = messages(conversationOf(ig, igComment)).get(0).get("id").asLong();
		var like = admin.post("/api/v1/messages/" + igMessage + "/moderation", Map.of("action", "like"));
		assertThat(like.status()).isEqualTo(422);
		assertThat(like.body().get("detail").asString()).contains("Instagram does not allow");
	}

	@Test
	void anInstagramMentionIsReadBackFromTheGraphApiAndAnsweredThroughTheMentionsEdge() {
		String account = "17" + ids.incrementAndGet();
		long inbox = inbox("instagram", "pageId", account);
		String payload = """
				{"object": "instagram", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "mentions",
				  "value": {"media_id": "m-other", "comment_id": "c-mention"}}]}]}""".formatted(account, now());
		HttpResponse<String> r = post("/webhooks/meta/" + inbox, payload, sign(payload));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(TestApi.json(r.body()).get("stored").asInt()).isEqualTo(1);
		long conversation = conversationOf(inbox, "c-mention");
		JsonNode mention = messages(conversation).get(0);
		assertThat(mention.get("placement").asString()).isEqualTo("mention");
		assertThat(mention.get("visibility").asString()).isEqualTo("public");
		assertThat(mention.get("text").asString()).isEqualTo("@teleo toujours pas de réseau à Brest");
		assertThat(mention.get("authorName").asString()).isEqualTo("@yann.b");

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Une équipe est sur place à Brest."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !graph.to("/" + account + "/mentions").isEmpty());
		JsonNode sent = graph.to("/v21.0/" + account + "/mentions").get(0).json();
		assertThat(sent.get("media_id").asString()).isEqualTo("m-other");
		assertThat(sent.get("comment_id").asString()).isEqualTo("c-mention");
		assertThat(sent.get("message").asString()).isEqualTo("Une équipe est sur place à Brest.");
	}

	@Test
	void movingToPrivateSaysSoPubliclyBothOrNeither() {
		String page = "1" + ids.incrementAndGet();
		long inbox = inbox("facebook", "pageId", page);
		String comment = facebookComment(inbox, page, "Mon abonnement a été débité deux fois");
		long conversation = conversationOf(inbox, comment);
		var r = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Pouvez-vous nous donner votre référence client ?", "visibility", "private",
						"publicAcknowledgement", "Nous vous avons écrit en message privé."));
		assertThat(r.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !graph.to("/" + comment + "/comments").isEmpty()
					&& !graph.to("/" + page + "/messages").isEmpty());
		assertThat(graph.to("/" + comment + "/comments").get(0).json().get("message").asString())
			.isEqualTo("Nous vous avons écrit en message privé.");
		assertThat(graph.to("/" + page + "/messages").get(0).json().get("recipient").get("comment_id").asString())
			.isEqualTo(comment);

		String number = "10" + ids.incrementAndGet();
		long wa = inbox("whatsapp", "phoneNumberId", number);
		String wamid = "wamid.ACK" + ids.incrementAndGet();
		String message = whatsappMessage(number, "3364" + String.format("%07d", ids.incrementAndGet() % 10_000_000),
				wamid, Instant.now().getEpochSecond(), "Bonjour");
		post("/webhooks/meta/" + wa, message, sign(message));
		long waConversation = conversationOf(wa, wamid);
		var refused = admin.post("/api/v1/conversations/" + waConversation + "/replies", Map.of("text",
				"Réponse privée", "visibility", "private", "publicAcknowledgement", "Message privé envoyé"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(messages(waConversation)).hasSize(1); // neither was stored
	}

	String facebookComment(long inbox, String page, String text) {
		String post = page + "_" + ids.incrementAndGet();
		String comment = post.split("_")[1] + "_" + ids.incrementAndGet();
		String feed = """
				{"object": "page", "entry": [{"id": "%s", "time": %d, "changes": [{"field": "feed", "value": {
				  "from": {"id": "u%d", "name": "Client"}, "post_id": "%s", "comment_id": "%s", "parent_id": "%s",
				  "item": "comment", "verb": "add", "created_time": %d, "message": "%s"}}]}]}""".formatted(page, now(),
				ids.incrementAndGet(), post, comment, post, now(), text);
		assertThat(post("/webhooks/meta/" + inbox, feed, sign(feed)).statusCode()).isEqualTo(200);
		return comment;
	}

	static String whatsappMessage(String number, String waId, String wamid, long timestamp, String text) {
		return """
				{"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": {
				  "messaging_product": "whatsapp", "metadata": {"display_phone_number": "33100000000", "phone_number_id": "%s"},
				  "contacts": [{"profile": {"name": "Nadia"}, "wa_id": "%s"}],
				  "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "text", "text": {"body": "%s"}}]}}]}]}"""
			.formatted(number, waId, waId, wamid, timestamp, text);
	}

	long inbox(String channel, String accountKey, String... account) {
		String id = account.length > 0 ? account[0] : "1" + ids.incrementAndGet();
		var r = admin.post("/api/v1/inboxes", Map.of("name", unique(channel), "channel", channel, accountKey, id,
				"appSecret", APP_SECRET, "accessToken", "EAAB-test-token", "apiBaseUrl", graph.url()));
		assertThat(r.status()).isEqualTo(201);
		return r.id("id");
	}

	long conversationOf(long inbox, String externalId) {
		JsonNode items = admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items");
		for (JsonNode c : items) {
			for (JsonNode m : messages(c.get("id").asLong())) {
				if (m.get("externalId").asString().equals(externalId)) {
					return c.get("id").asLong();
				}
			}
		}
		throw new AssertionError("no conversation holds " + externalId);
	}

	/**
	 * Waits until the first file of the conversation's first message is in Parlons'
	 * store.
	 */
	void awaitFirstFileKept(long conversation) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> messages(conversation).get(0)
				.get("attachments")
				.get(0)
				.get("url")
				.asString()
				.startsWith("blob:"));
	}

	JsonNode messages(long conversation) {
		return admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
	}

	static long now() {
		return Instant.now().getEpochSecond();
	}

	static String sign(String body) {
		return "sha256=" + Crypto.hmacSha256Hex(APP_SECRET, body.getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> post(String path, String body, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Hub-Signature-256", signature);
		}
		return send(request.build());
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
