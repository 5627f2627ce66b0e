package org.parlons.channels.social;

import java.time.Duration;
import java.time.Instant;
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
 * The networks Parlons reads by polling, each against a local double of its API, polled
 * for real by the scheduler. Shapes from the official references: Mastodon
 * (docs.joinmastodon.org: GET /api/v1/notifications, Status, POST /api/v1/statuses),
 * Bluesky (docs.bsky.app: createSession, app.bsky.notification.listNotifications,
 * app.bsky.feed.getPosts, com.atproto.repo.createRecord with reply.root and
 * reply.parent), X API v2 (docs.x.com: GET /2/users/:id/mentions with expansions and
 * meta.newest_id, GET /2/dm_events, POST /2/tweets, POST
 * /2/dm_conversations/with/:id/messages, x-rate-limit-* headers).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolledNetworksTests {

	static final AtomicInteger ids = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	@LocalServerPort
	int port;

	FakePlatform network;

	TestApi admin;

	@BeforeEach
	void setUp() {
		network = new FakePlatform();
		admin = TestApi.asAdmin(port);
	}

	@AfterEach
	void tearDown() {
		network.close();
	}

	@Test
	void mastodonMentionsArriveOnceWithTheirVisibilityAndRepliesNameTheCustomer() {
		long publicId = 110_000_000_000L + ids.incrementAndGet();
		long directId = publicId + 1;
		String notifications = """
				[{"id": "%d", "type": "mention", "created_at": "2026-11-24T08:00:00.000Z",
				  "account": {"id": "9", "acct": "alice@eldritch.cafe", "display_name": "Alice"},
				  "status": {"id": "%d", "created_at": "2026-11-24T08:00:00.000Z", "visibility": "direct", "in_reply_to_id": null,
				   "content": "<p><span class=\\"h-card\\"><a href=\\"https://m.example/@teleo\\" class=\\"u-url mention\\">@<span>teleo</span></a></span> ma facture est fausse</p>",
				   "account": {"id": "9", "acct": "alice@eldritch.cafe", "display_name": "Alice"}, "media_attachments": []}},
				 {"id": "%d", "type": "mention", "created_at": "2026-11-24T07:00:00.000Z",
				  "account": {"id": "8", "acct": "bob", "display_name": ""},
				  "status": {"id": "%d", "created_at": "2026-11-24T07:00:00.000Z", "visibility": "public", "in_reply_to_id": null,
				   "content": "<p>@teleo panne générale à Nantes ?<br>Rien ne marche</p>",
				   "account": {"id": "8", "acct": "bob", "display_name": ""}, "media_attachments": []}}]"""
			.formatted(directId, directId, publicId, publicId);
		AtomicInteger statuses = new AtomicInteger(200);
		network.answer(r -> r.path().equals("/api/v1/notifications")
				? FakePlatform.Answer.json(200, r.query().contains("min_id=" + directId) ? "[]" : notifications)
				: FakePlatform.Answer.json(200, "{\"id\": \"" + statuses.incrementAndGet() + "\"}"));
		long inbox = create(Map.of("channel", "mastodon", "instanceUrl", "https://m.example", "accessToken", "tok",
				"apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(10)).until(() -> total(inbox) == 2);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(total(inbox)).isEqualTo(2);
		assertThat(network.requests().stream().anyMatch(r -> r.query().contains("min_id=" + directId))).isTrue();
		long bob = conversationOf(inbox, Long.toString(publicId));
		JsonNode mention = messages(bob).get(0);
		assertThat(mention.get("visibility").asString()).isEqualTo("public");
		assertThat(mention.get("text").asString()).isEqualTo("@teleo panne générale à Nantes ?\nRien ne marche");
		assertThat(mention.get("authorName").asString()).isEqualTo("@bob@m.example");
		long alice = conversationOf(inbox, Long.toString(directId));
		assertThat(messages(alice).get(0).get("visibility").asString()).isEqualTo("private");
		assertThat(messages(alice).get(0).get("placement").asString()).isEqualTo("direct");

		admin.post("/api/v1/conversations/" + bob + "/replies", Map.of("text", "Oui, un incident est en cours."));
		admin.post("/api/v1/conversations/" + alice + "/replies", Map.of("text", "Nous corrigeons votre facture."));
		await().atMost(Duration.ofSeconds(10)).until(() -> network.to("/api/v1/statuses").size() == 2);
		JsonNode toBob = network.to("/api/v1/statuses")
			.stream()
			.map(FakePlatform.Request::json)
			.filter(j -> j.get("status").asString().contains("incident"))
			.findFirst()
			.orElseThrow();
		assertThat(toBob.get("status").asString()).isEqualTo("@bob@m.example Oui, un incident est en cours.");
		assertThat(toBob.get("in_reply_to_id").asString()).isEqualTo(Long.toString(publicId));
		assertThat(toBob.get("visibility").asString()).isEqualTo("public");
		JsonNode toAlice = network.to("/api/v1/statuses")
			.stream()
			.map(FakePlatform.Request::json)
			.filter(j -> j.get("status").asString().contains("facture"))
			.findFirst()
			.orElseThrow();
		assertThat(toAlice.get("visibility").asString()).isEqualTo("direct");
		assertThat(network.to("/api/v1/statuses").get(0).header("Idempotency-Key")).startsWith("parlons-");
	}

	/**
	 * The pictures and videos customers post on Mastodon, Bluesky and X reach the thread
	 * and download with their bytes (issue 19, point 3).
	 */
	@Test
	void picturesAndVideosFromMastodonBlueskyAndXAreKeptWithTheirBytes() {
		long status = 120_000_000_000L + ids.incrementAndGet();
		String post = "at://did:plc:cust/app.bsky.feed.post/p" + ids.incrementAndGet();
		long tweet = 1_870_000_000_000_000_000L + ids.incrementAndGet();
		network.answer(r -> {
			if (r.path().startsWith("/files/")) {
				String type = r.path().endsWith(".mp4") ? "video/mp4" : "image/jpeg";
				return new FakePlatform.Answer(200, "bytes of " + r.path().substring(7), Map.of("Content-Type", type));
			}
			if (r.path().startsWith("/img/feed_fullsize/plain/")) {
				return new FakePlatform.Answer(200, "bluesky " + r.path().substring(25),
						Map.of("Content-Type", "image/jpeg"));
			}
			return switch (r.path()) {
				case "/api/v1/notifications" -> FakePlatform.Answer.json(200,
						"""
								[{"id": "%d", "type": "mention", "created_at": "2026-11-24T08:00:00.000Z",
								  "account": {"id": "9", "acct": "lina@piaille.fr", "display_name": "Lina"},
								  "status": {"id": "%d", "created_at": "2026-11-24T08:00:00.000Z", "visibility": "public",
								   "content": "<p>@teleo voyez le voyant</p>", "account": {"id": "9", "acct": "lina@piaille.fr"},
								   "media_attachments": [{"id": "1", "type": "image", "url": "%s/files/voyant.jpg"},
								                         {"id": "2", "type": "gifv", "url": "%s/files/clignote.mp4"}]}}]"""
							.formatted(status, status, network.url(), network.url()));
				case "/xrpc/com.atproto.server.createSession" -> FakePlatform.Answer.json(200,
						"{\"accessJwt\": \"jwt\", \"refreshJwt\": \"r\", \"did\": \"did:plc:brand\"}");
				case "/xrpc/app.bsky.notification.listNotifications" -> FakePlatform.Answer.json(200,
						"""
								{"notifications": [{"uri": "%s", "cid": "bafypost", "reason": "mention",
								  "indexedAt": "2026-11-24T09:00:00.000Z", "author": {"did": "did:plc:cust", "handle": "zoe.bsky.social"},
								  "record": {"$type": "app.bsky.feed.post", "text": "@teleo.bsky.social regardez", "createdAt": "2026-11-24T08:59:59.000Z",
								   "embed": {"$type": "app.bsky.embed.images", "images": [{"alt": "la box",
								    "image": {"$type": "blob", "ref": {"$link": "bafkreibox"}, "mimeType": "image/png", "size": 12}}]}}}]}"""
							.formatted(post));
				case "/2/users/4343/mentions" -> FakePlatform.Answer.json(200,
						r.query().contains("since_id=") ? "{\"meta\": {\"result_count\": 0}}"
								: """
										{"data": [{"id": "%d", "text": "@teleo la preuve", "author_id": "78",
										  "created_at": "2026-11-24T10:00:00.000Z", "attachments": {"media_keys": ["3_1", "7_2"]}}],
										 "includes": {"users": [{"id": "78", "name": "Noé", "username": "noe_b"}],
										  "media": [{"media_key": "3_1", "type": "photo", "url": "%s/files/ecran.jpg"},
										            {"media_key": "7_2", "type": "video", "variants": [
										              {"content_type": "application/x-mpegURL", "url": "%s/files/v.m3u8"},
										              {"content_type": "video/mp4", "bit_rate": 256000, "url": "%s/files/low.mp4"},
										              {"content_type": "video/mp4", "bit_rate": 2176000, "url": "%s/files/high.mp4"}]}]},
										 "meta": {"newest_id": "%d", "result_count": 1}}"""
									.formatted(tweet, network.url(), network.url(), network.url(), network.url(),
											tweet));
				default -> FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}, \"data\": []}");
			};
		});
		long mastodon = create(Map.of("channel", "mastodon", "instanceUrl", "https://piaille.fr", "accessToken", "tok",
				"apiBaseUrl", network.url()));
		long bluesky = create(Map.of("channel", "bluesky", "handle", "@teleo.bsky.social", "appPassword",
				"abcd-efgh-ijkl-mnop", "apiBaseUrl", network.url()));
		long x = create(
				Map.of("channel", "x", "userId", "4343", "accessToken", "user-token", "apiBaseUrl", network.url()));

		assertThat(filesOf(mastodon, Long.toString(status))).containsExactly(
				"voyant.jpg image/jpeg bytes of voyant.jpg", "clignote.mp4 video/mp4 bytes of clignote.mp4");
		assertThat(filesOf(bluesky, post))
			.containsExactly("bafkreibox.jpg image/jpeg bluesky did:plc:cust/bafkreibox@jpeg");
		assertThat(filesOf(x, Long.toString(tweet))).containsExactly("ecran.jpg image/jpeg bytes of ecran.jpg",
				"high.mp4 video/mp4 bytes of high.mp4");
	}

	/**
	 * A reply's pictures go up first (Mastodon's media, Bluesky's blobs), then the post
	 * names them; what a network does not take is refused before anything is sent.
	 */
	@Test
	void repliesCarryPicturesToMastodonAndBlueskyWithinTheirLimits() {
		long status = 130_000_000_000L + ids.incrementAndGet();
		String post = "at://did:plc:cust/app.bsky.feed.post/q" + ids.incrementAndGet();
		AtomicInteger n = new AtomicInteger();
		AtomicInteger uploads = new AtomicInteger();
		network.answer(r -> switch (r.path()) {
			case "/api/v1/notifications" -> FakePlatform.Answer.json(200, """
					[{"id": "%d", "type": "mention", "created_at": "2026-11-24T08:00:00.000Z",
					  "account": {"id": "9", "acct": "lina@piaille.fr"},
					  "status": {"id": "%d", "created_at": "2026-11-24T08:00:00.000Z", "visibility": "public",
					   "content": "<p>@teleo où est le bouton ?</p>", "account": {"id": "9", "acct": "lina@piaille.fr"},
					   "media_attachments": []}}]""".formatted(status, status));
			case "/api/v2/media" -> FakePlatform.Answer.json(200, "{\"id\": \"m" + uploads.incrementAndGet() + "\"}");
			case "/xrpc/com.atproto.server.createSession" -> FakePlatform.Answer.json(200,
					"{\"accessJwt\": \"jwt\", \"refreshJwt\": \"r\", \"did\": \"did:plc:brand\"}");
			case "/xrpc/app.bsky.notification.listNotifications" -> FakePlatform.Answer.json(200,
					"""
							{"notifications": [{"uri": "%s", "cid": "bafyq", "reason": "mention",
							  "indexedAt": "2026-11-24T09:00:00.000Z", "author": {"did": "did:plc:cust", "handle": "zoe.bsky.social"},
							  "record": {"$type": "app.bsky.feed.post", "text": "@teleo.bsky.social où ?", "createdAt": "2026-11-24T08:59:59.000Z"}}]}"""
						.formatted(post));
			case "/xrpc/app.bsky.feed.getPosts" -> FakePlatform.Answer.json(200,
					"{\"posts\": [{\"uri\": \"" + post + "\", \"cid\": \"bafyq\", \"record\": {}}]}");
			case "/xrpc/com.atproto.repo.uploadBlob" -> FakePlatform.Answer.json(200,
					"{\"blob\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"bafkup\"}, \"mimeType\": \"image/png\", \"size\": 68}}");
			case "/xrpc/com.atproto.repo.createRecord" -> FakePlatform.Answer.json(200,
					"{\"uri\": \"at://did:plc:brand/app.bsky.feed.post/out2\", \"cid\": \"bafyout\"}");
			default -> FakePlatform.Answer.json(200, "{\"id\": \"" + n.incrementAndGet() + "\"}");
		});
		long mastodon = create(Map.of("channel", "mastodon", "instanceUrl", "https://piaille.fr", "accessToken", "tok",
				"apiBaseUrl", network.url()));
		long bluesky = create(Map.of("channel", "bluesky", "handle", "@teleo.bsky.social", "appPassword",
				"abcd-efgh-ijkl-mnop", "apiBaseUrl", network.url()));
		await().atMost(Duration.ofSeconds(15)).until(() -> total(mastodon) == 1 && total(bluesky) == 1);
		TestApi.FilePart photo = TestApi.FilePart.png("bouton.png");
		TestApi.FilePart pdf = new TestApi.FilePart("files", "contrat.pdf", "application/pdf", "%PDF-1.4".getBytes());
		long toot = conversationOf(mastodon, Long.toString(status));
		long skeet = conversationOf(bluesky, post);

		var five = admin.postMultipart("/api/v1/conversations/" + toot + "/replies", Map.of("text", "Voici"),
				List.of(photo, photo, photo, photo, photo));
		assertThat(five.status()).isEqualTo(422);
		assertThat(five.body().get("detail").asString()).contains("four pictures");
		assertThat(admin
			.postMultipart("/api/v1/conversations/" + skeet + "/replies", Map.of("text", "Le contrat"), List.of(pdf))
			.status()).isEqualTo(422);

		assertThat(admin
			.postMultipart("/api/v1/conversations/" + toot + "/replies", Map.of("text", "Le bouton est ici."),
					List.of(photo, photo))
			.status()).isEqualTo(201);
		assertThat(admin
			.postMultipart("/api/v1/conversations/" + skeet + "/replies", Map.of("text", "Le bouton est ici."),
					List.of(photo))
			.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !network.to("/api/v1/statuses").isEmpty()
					&& !network.to("/xrpc/com.atproto.repo.createRecord").isEmpty());
		assertThat(network.to("/api/v2/media")).hasSize(2)
			.allSatisfy(upload -> assertThat(upload.body()).contains("filename=\"bouton.png\"").contains("PNG"));
		JsonNode toMastodon = network.to("/api/v1/statuses").get(0).json();
		assertThat(toMastodon.get("media_ids").valueStream().map(JsonNode::asString)).containsExactly("m1", "m2");
		assertThat(network.to("/xrpc/com.atproto.repo.uploadBlob").get(0).header("Content-Type"))
			.isEqualTo("image/png");
		JsonNode embed = network.to("/xrpc/com.atproto.repo.createRecord").get(0).json().get("record").get("embed");
		assertThat(embed.get("$type").asString()).isEqualTo("app.bsky.embed.images");
		assertThat(embed.get("images").get(0).get("image").get("ref").get("$link").asString()).isEqualTo("bafkup");
	}

	/**
	 * An X reply's pictures go up to X's media upload first, then the post names them.
	 */
	@Test
	void xRepliesCarryPicturesUploadedFirst() {
		long tweet = 1_880_000_000_000_000_000L + ids.incrementAndGet();
		AtomicInteger uploads = new AtomicInteger();
		network.answer(r -> switch (r.path()) {
			case "/2/users/4545/mentions" -> FakePlatform.Answer.json(200,
					r.query().contains("since_id=") ? "{\"meta\": {\"result_count\": 0}}" : """
							{"data": [{"id": "%d", "text": "@teleo où brancher ?", "author_id": "79",
							  "created_at": "2026-11-24T10:00:00.000Z"}],
							 "includes": {"users": [{"id": "79", "name": "Éva", "username": "eva_b"}]},
							 "meta": {"newest_id": "%d", "result_count": 1}}""".formatted(tweet, tweet));
			case "/2/media/upload" -> FakePlatform.Answer.json(200,
					"{\"data\": {\"id\": \"19" + uploads.incrementAndGet() + "\", \"media_key\": \"3_1\"}}");
			case "/2/tweets" -> FakePlatform.Answer.json(201, "{\"data\": {\"id\": \"1881\", \"text\": \"x\"}}");
			default -> FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}, \"data\": []}");
		});
		long x = create(
				Map.of("channel", "x", "userId", "4545", "accessToken", "user-token", "apiBaseUrl", network.url()));
		await().atMost(Duration.ofSeconds(15)).until(() -> total(x) == 1);
		long conversation = conversationOf(x, Long.toString(tweet));
		TestApi.FilePart photo = TestApi.FilePart.png("prise.png");
		String replies = "/api/v1/conversations/" + conversation + "/replies";
		var privately = admin.postMultipart(replies, Map.of("text", "Voici", "visibility", "private"),
				List.of(photo, photo));
		assertThat(privately.status()).isEqualTo(422);
		assertThat(privately.body().get("detail").asString()).contains("one file in a direct message");

		assertThat(admin
			.postMultipart(replies, Map.of("text", "Ici, à gauche.", "visibility", "public"), List.of(photo, photo))
			.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).until(() -> !network.to("/2/tweets").isEmpty());
		assertThat(network.to("/2/media/upload")).hasSize(2)
			.allSatisfy(u -> assertThat(u.body()).contains("tweet_image").contains("filename=\"prise.png\""));
		JsonNode posted = network.to("/2/tweets").get(0).json();
		assertThat(posted.get("media").get("media_ids").valueStream().map(JsonNode::asString)).containsExactly("191",
				"192");
		assertThat(posted.get("reply").get("in_reply_to_tweet_id").asString()).isEqualTo(Long.toString(tweet));
	}

	/** Each file of a message once kept: its name, type and what it downloads as. */
	private List<String> filesOf(long inbox, String externalId) {
		await().atMost(Duration.ofSeconds(15)).until(() -> total(inbox) == 1);
		long conversation = conversationOf(inbox, externalId);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> messages(conversation).get(0)
				.get("attachments")
				.valueStream()
				.allMatch(f -> f.get("url").asString().startsWith("blob:")));
		JsonNode message = messages(conversation).get(0);
		List<String> files = new java.util.ArrayList<>();
		for (int i = 0; i < message.get("attachments").size(); i++) {
			JsonNode f = message.get("attachments").get(i);
			files.add(f.get("name").asString() + " " + f.get("contentType").asString() + " "
					+ admin.getText("/api/v1/messages/" + message.get("id").asLong() + "/attachments/" + i));
		}
		return files;
	}

	@Test
	void mastodonBrandPostsAndFollowersAreReadOverTimeForListening() {
		long first = 120_000_000_000L + ids.incrementAndGet() * 10L;
		Instant published = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		AtomicInteger readings = new AtomicInteger();
		String token = "tok-" + first;
		network.answer(r -> {
			if (!("Bearer " + token).equals(r.header("Authorization"))) {
				// an inbox of an earlier test whose fake network had this port
				return FakePlatform.Answer.json(401, "{\"error\": \"The access token is invalid\"}");
			}
			if (r.path().equals("/api/v1/notifications")) {
				return FakePlatform.Answer.json(200, "[]");
			}
			if (r.path().equals("/api/v1/accounts/verify_credentials")) {
				return FakePlatform.Answer.json(200, "{\"id\": \"42\", \"acct\": \"teleo\", \"followers_count\": "
						+ (1200 + 50 * readings.get()) + "}");
			}
			if (r.path().equals("/api/v1/accounts/42/statuses")) {
				int n = readings.incrementAndGet();
				return FakePlatform.Answer.json(200, """
						[{"id": "%d", "created_at": "%s", "url": "https://m.example/@teleo/%d", "visibility": "public",
						  "content": "<p>Nouvelle offre fibre</p>", "favourites_count": %d, "reblogs_count": %d,
						  "replies_count": 1}]""".formatted(first, published, first, 10 * n, 2 * n));
			}
			return FakePlatform.Answer.json(404, "{}");
		});
		long inbox = create(Map.of("channel", "mastodon", "instanceUrl", "https://m.example", "accessToken", token,
				"apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(15)).until(() -> snapshots(first) >= 2);
		JsonNode post = post(first);
		assertThat(post.get("text").asString()).isEqualTo("Nouvelle offre fibre");
		assertThat(post.get("network").asString()).isEqualTo("mastodon");
		assertThat(post.get("inboxId").asLong()).isEqualTo(inbox);
		JsonNode latest = post.get("latest");
		long likes = latest.get("likes").asLong();
		long shares = latest.get("shares").asLong();
		assertThat(shares * 5).isEqualTo(likes);
		assertThat(post.get("interactions").asLong()).isEqualTo(likes + shares + 1);
		assertThat(post.get("engagementRate").get("per").asString()).isEqualTo("FOLLOWERS");
		assertThat(post.get("engagementRateDescribed").asString()).endsWith("followers");
		assertThat(post.get("engagementRate").get("denominator").asLong()).isBetween(1200L, 1200L + 50 * 20);
		assertThat(network.to("/api/v1/accounts/42/statuses").get(0).query()).contains("exclude_replies=true")
			.contains("exclude_reblogs=true");
		JsonNode days = admin.get("/api/v1/listening/followers?network=mastodon").body().get("days");
		assertThat(days.get(days.size() - 1).get("followers").asLong()).isGreaterThanOrEqualTo(1200);
	}

	int snapshots(long postId) {
		JsonNode post = post(postId);
		return post == null ? 0 : post.get("snapshots").size();
	}

	JsonNode post(long postId) {
		for (JsonNode p : admin.get("/api/v1/listening/posts?network=mastodon").body().get("items")) {
			if (p.get("externalId").asString().equals(Long.toString(postId))) {
				return p;
			}
		}
		return null;
	}

	@Test
	void mastodonStreamsMentionsAsTheyHappenWherePollingFindsNothing() {
		long id = 120_000_000_000L + ids.incrementAndGet();
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		network.answer(r -> FakePlatform.Answer.json(200, "[]")); // polling sees nothing
		network.handle("/api/v1/streaming/user/notification", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			String event = """
					event: notification
					data: {"id": "%d", "type": "mention", "created_at": "2026-11-24T08:00:00.000Z", "account": {"id": "7", "acct": "carla@piaille.fr", "display_name": "Carla"}, "status": {"id": "%d", "created_at": "2026-11-24T08:00:00.000Z", "visibility": "public", "in_reply_to_id": null, "content": "<p>@teleo plus de tonalité depuis ce matin</p>", "account": {"id": "7", "acct": "carla@piaille.fr", "display_name": "Carla"}, "media_attachments": []}}

					"""
				.formatted(id, id);
			exchange.getResponseBody().write(":thump\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			exchange.getResponseBody().write(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			try {
				done.await(20, java.util.concurrent.TimeUnit.SECONDS); // the stream stays
																		// open
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		try {
			long inbox = create(Map.of("channel", "mastodon", "instanceUrl", "https://piaille.example", "accessToken",
					"tok", "apiBaseUrl", network.url()));
			await().atMost(Duration.ofSeconds(10)).until(() -> total(inbox) == 1);
			JsonNode mention = messages(conversationOf(inbox, Long.toString(id))).get(0);
			assertThat(mention.get("text").asString()).isEqualTo("@teleo plus de tonalité depuis ce matin");
			assertThat(mention.get("authorName").asString()).isEqualTo("Carla");
			assertThat(network.requests().stream().noneMatch(r -> r.path().equals("/api/v1/statuses"))).isTrue();
		}
		finally {
			done.countDown();
		}
	}

	@Test
	void blueskyRepliesNameTheThreadsRootAndTheCustomersPost() {
		String root = "at://did:plc:brand/app.bsky.feed.post/root" + ids.incrementAndGet();
		String reply = "at://did:plc:cust/app.bsky.feed.post/r" + ids.incrementAndGet();
		String notifications = """
				{"notifications": [{"uri": "%s", "cid": "bafyreply", "reason": "reply", "isRead": false,
				  "indexedAt": "2026-11-24T09:00:00.000Z", "author": {"did": "did:plc:cust", "handle": "chloe.bsky.social", "displayName": "Chloé"},
				  "record": {"$type": "app.bsky.feed.post", "text": "Toujours pas de remboursement", "createdAt": "2026-11-24T08:59:59.000Z",
				   "reply": {"root": {"uri": "%s", "cid": "bafyroot"}, "parent": {"uri": "%s", "cid": "bafyroot"}}}},
				 {"uri": "at://did:plc:x/app.bsky.feed.like/1", "cid": "c", "reason": "like", "indexedAt": "2026-11-24T09:01:00.000Z",
				  "author": {"did": "did:plc:x", "handle": "x.bsky.social"}, "record": {"$type": "app.bsky.feed.like"}}]}"""
			.formatted(reply, root, root);
		network.answer(r -> switch (r.path()) {
			case "/xrpc/com.atproto.server.createSession" -> FakePlatform.Answer.json(200,
					"{\"accessJwt\": \"jwt\", \"refreshJwt\": \"r\", \"did\": \"did:plc:brand\", \"handle\": \"teleo.bsky.social\"}");
			case "/xrpc/app.bsky.notification.listNotifications" -> FakePlatform.Answer.json(200, notifications);
			case "/xrpc/app.bsky.feed.getPosts" -> FakePlatform.Answer.json(200,
					"""
							{"posts": [{"uri": "%s", "cid": "bafyreply", "author": {"did": "did:plc:cust"},
							  "record": {"text": "Toujours pas", "reply": {"root": {"uri": "%s", "cid": "bafyroot"}, "parent": {"uri": "%s", "cid": "bafyroot"}}}}]}"""
						.formatted(reply, root, root));
			case "/xrpc/com.atproto.repo.createRecord" -> FakePlatform.Answer.json(200,
					"{\"uri\": \"at://did:plc:brand/app.bsky.feed.post/out1\", \"cid\": \"bafyout\"}");
			default -> FakePlatform.Answer.json(404, "{}");
		});
		long inbox = create(Map.of("channel", "bluesky", "handle", "@teleo.bsky.social", "appPassword",
				"abcd-efgh-ijkl-mnop", "apiBaseUrl", network.url()));
		await().atMost(Duration.ofSeconds(10)).until(() -> total(inbox) == 1);
		long conversation = conversationOf(inbox, reply);
		JsonNode in = messages(conversation).get(0);
		assertThat(in.get("visibility").asString()).isEqualTo("public");
		assertThat(in.get("threadRef").asString()).isEqualTo(root);
		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "En privé ?", "visibility", "private"))
			.status()).isEqualTo(422);

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous relançons votre dossier."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !network.to("/com.atproto.repo.createRecord").isEmpty());
		FakePlatform.Request created = network.to("/xrpc/com.atproto.repo.createRecord").get(0);
		JsonNode record = created.json().get("record");
		assertThat(created.json().get("repo").asString()).isEqualTo("did:plc:brand");
		assertThat(created.header("Authorization")).isEqualTo("Bearer jwt");
		assertThat(record.get("reply").get("root").get("uri").asString()).isEqualTo(root);
		assertThat(record.get("reply").get("root").get("cid").asString()).isEqualTo("bafyroot");
		assertThat(record.get("reply").get("parent").get("uri").asString()).isEqualTo(reply);
		assertThat(record.get("reply").get("parent").get("cid").asString()).isEqualTo("bafyreply");
		assertThat(network.to("/xrpc/com.atproto.server.createSession").get(0).json().get("identifier").asString())
			.isEqualTo("teleo.bsky.social");
	}

	@Test
	void xMentionsAndDirectMessagesArriveAndRepliesGoWhereTheyBelongWhileRateLimitsAreHonoured() {
		String brand = "4242";
		long tweet = 1_860_000_000_000_000_000L + ids.incrementAndGet();
		long conversationRoot = tweet - 5;
		AtomicInteger mentionCalls = new AtomicInteger();
		network.answer(r -> {
			if (r.path().equals("/2/users/" + brand + "/mentions")) {
				if (mentionCalls.incrementAndGet() == 1) {
					return new FakePlatform.Answer(429, "{\"title\": \"Too Many Requests\"}",
							Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset",
									Long.toString(Instant.now().plusSeconds(1).getEpochSecond())));
				}
				return FakePlatform.Answer.json(200,
						r.query().contains("since_id=" + tweet) ? "{\"meta\": {\"result_count\": 0}}" : """
								{"data": [{"id": "%d", "text": "@teleo ma box redémarre en boucle", "author_id": "77",
								  "conversation_id": "%d", "created_at": "2026-11-24T10:00:00.000Z",
								  "referenced_tweets": [{"type": "replied_to", "id": "%d"}]}],
								 "includes": {"users": [{"id": "77", "name": "Hugo", "username": "hugo_b",
								  "public_metrics": {"followers_count": 1200}}]},
								 "meta": {"newest_id": "%d", "oldest_id": "%d", "result_count": 1}}""".formatted(tweet,
								conversationRoot, conversationRoot, tweet, tweet));
			}
			if (r.path().equals("/2/dm_events")) {
				return FakePlatform.Answer.json(200, """
						{"data": [{"id": "1860%d", "event_type": "MessageCreate", "text": "Voici mon numéro client",
						  "sender_id": "77", "dm_conversation_id": "77-%s", "created_at": "2026-11-24T10:05:00.000Z"},
						 {"id": "1859%d", "event_type": "MessageCreate", "text": "our own", "sender_id": "%s",
						  "dm_conversation_id": "77-%s", "created_at": "2026-11-24T09:05:00.000Z"}],
						 "includes": {"users": [{"id": "77", "name": "Hugo", "username": "hugo_b"}]}}"""
					.formatted(ids.get(), brand, ids.get(), brand, brand));
			}
			if (r.path().equals("/2/tweets")) {
				return FakePlatform.Answer.json(201, "{\"data\": {\"id\": \"1861\", \"text\": \"x\"}}");
			}
			return FakePlatform.Answer.json(201,
					"{\"data\": {\"dm_conversation_id\": \"77-4242\", \"dm_event_id\": \"1862\"}}");
		});
		long inbox = create(
				Map.of("channel", "x", "userId", brand, "accessToken", "user-token", "apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(10)).until(() -> health(inbox).equals("failing"));
		await().atMost(Duration.ofSeconds(15)).until(() -> total(inbox) >= 1 && messagesOfInbox(inbox) == 2);
		long conversation = conversationOf(inbox, Long.toString(tweet));
		JsonNode thread = messages(conversation);
		assertThat(thread).hasSize(2); // the mention and the DM of the same person, in
										// one conversation
		assertThat(thread.get(0).get("visibility").asString()).isEqualTo("public");
		assertThat(thread.get(0).get("threadRef").asString()).isEqualTo(Long.toString(conversationRoot));
		assertThat(thread.get(1).get("visibility").asString()).isEqualTo("private");
		await().atMost(Duration.ofSeconds(5)).until(() -> health(inbox).equals("connected"));

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous regardons, Hugo.", "visibility", "public"));
		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Merci, bien reçu.", "visibility", "private"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !network.to("/2/tweets").isEmpty() && !network.to("/77/messages").isEmpty());
		JsonNode post = network.to("/2/tweets").get(0).json();
		assertThat(post.get("reply").get("in_reply_to_tweet_id").asString()).isEqualTo(Long.toString(tweet));
		assertThat(network.to("/2/dm_conversations/with/77/messages").get(0).json().get("text").asString())
			.isEqualTo("Merci, bien reçu.");
		assertThat(admin
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "x".repeat(281), "visibility", "public"))
			.status()).isEqualTo(422);
	}

	@Test
	void xGivesTheAccountsFollowersAndItsPostsFiguresWithImpressions() {
		final String brand = "4248";
		String tweet = Long.toString(1_880_000_000_000_000_000L + ids.incrementAndGet());
		network.answer(r -> switch (r.path()) {
			case "/2/users/" + brand -> FakePlatform.Answer.json(200, "{\"data\": {\"id\": \"" + brand
					+ "\", \"username\": \"teleo\", \"public_metrics\": {\"followers_count\": 52000}}}");
			case "/2/users/" + brand + "/tweets" -> FakePlatform.Answer.json(200, """
					{"data": [{"id": "%s", "text": "La fibre arrive à Brest", "created_at": "%s",
					  "public_metrics": {"retweet_count": 10, "reply_count": 5, "like_count": 80, "quote_count": 5,
					   "impression_count": 10000}}]}""".formatted(tweet, Instant.now().minus(Duration.ofHours(2))));
			default -> FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}}");
		});
		long inbox = create(
				Map.of("channel", "x", "userId", brand, "accessToken", "user-token", "apiBaseUrl", network.url()));
		await().atMost(Duration.ofSeconds(15)).until(() -> xPost(tweet) != null);
		JsonNode post = xPost(tweet);
		assertThat(post.get("inboxId").asLong()).isEqualTo(inbox);
		assertThat(post.get("latest").get("likes").asLong()).isEqualTo(80);
		assertThat(post.get("latest").get("shares").asLong()).isEqualTo(15);
		assertThat(post.get("latest").get("impressions").asLong()).isEqualTo(10000);
		assertThat(post.get("engagementRateDescribed").asString()).isEqualTo("1.0000 % of 10,000 impressions");
		assertThat(network.to("/2/users/" + brand + "/tweets").get(0).query()).contains("exclude=replies,retweets");
	}

	JsonNode xPost(String id) {
		for (JsonNode p : admin.get("/api/v1/listening/posts?network=x").body().get("items")) {
			if (p.get("externalId").asString().equals(id)) {
				return p;
			}
		}
		return null;
	}

	@Test
	void xReadsABurstPageByPageAfterAnOutageAndStoresEachMentionOnce() {
		String brand = "5151";
		long base = 1_870_000_000_000_000_000L + ids.incrementAndGet() * 1_000L;
		AtomicInteger secondPageCalls = new AtomicInteger();
		network.answer(r -> {
			if (r.path().equals("/2/users/" + brand + "/mentions")) {
				if (!r.query().contains("since_id=")) { // the first poll: the latest
														// mention
					return FakePlatform.Answer.json(200, page(base, base, null));
				}
				if (r.query().contains("since_id=" + (base + 250))) {
					return FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}}");
				}
				if (r.query().contains("pagination_token=p2")) {
					// the network fails once in the middle of the backlog
					return secondPageCalls.incrementAndGet() == 1
							? new FakePlatform.Answer(503, "{\"title\": \"Service Unavailable\"}", Map.of())
							: FakePlatform.Answer.json(200, page(base + 150, base + 51, "p3"));
				}
				if (r.query().contains("pagination_token=p3")) {
					return FakePlatform.Answer.json(200, page(base + 50, base + 1, null));
				}
				return FakePlatform.Answer.json(200, page(base + 250, base + 151, "p2")); // 250
																							// since
																							// the
																							// first
			}
			return FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}}"); // no
																						// direct
																						// messages
		});
		long inbox = create(
				Map.of("channel", "x", "userId", brand, "accessToken", "user-token", "apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(30)).until(() -> messagesOfInbox(inbox) == 251);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> network.requests().stream().anyMatch(r -> r.query().contains("since_id=" + (base + 250))));
		assertThat(messagesOfInbox(inbox)).isEqualTo(251);
		assertThat(secondPageCalls.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void mastodonReadsABurstForwardPageByPage() {
		long base = 1_000_000L + ids.incrementAndGet() * 1_000L;
		network.answer(r -> {
			if (!r.path().equals("/api/v1/notifications")) {
				return FakePlatform.Answer.json(200, "{\"id\": \"1\"}");
			}
			java.util.regex.Matcher after = java.util.regex.Pattern.compile("min_id=(\\d+)").matcher(r.query());
			long from = after.find() ? Long.parseLong(after.group(1)) + 1 : base;
			long to = after.find(0) ? Math.min(from + 39, base + 100) : base; // min_id:
																				// the 40
																				// just
																				// after
			StringBuilder page = new StringBuilder();
			for (long id = to; id >= from; id--) { // newest first, as Mastodon answers
				page.append(page.length() == 0 ? "" : ",")
					.append("{\"id\": \"%d\", \"type\": \"mention\", \"created_at\": \"2026-11-24T08:00:00.000Z\", "
						.formatted(id))
					.append("\"account\": {\"id\": \"7\", \"acct\": \"carla\", \"display_name\": \"Carla\"}, ")
					.append(("\"status\": {\"id\": \"s%d\", \"created_at\": \"2026-11-24T08:00:00.000Z\", "
							+ "\"visibility\": \"public\", \"in_reply_to_id\": null, \"content\": \"<p>@teleo panne %d</p>\", "
							+ "\"account\": {\"id\": \"7\", \"acct\": \"carla\", \"display_name\": \"Carla\"}, "
							+ "\"media_attachments\": []}}")
						.formatted(id, id));
			}
			return FakePlatform.Answer.json(200, "[" + page + "]");
		});
		long inbox = create(Map.of("channel", "mastodon", "instanceUrl", "https://m.example", "accessToken", "tok",
				"apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(30)).until(() -> messagesOfInbox(inbox) == 101);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> network.requests().stream().anyMatch(r -> r.query().contains("min_id=" + (base + 100))));
		assertThat(messagesOfInbox(inbox)).isEqualTo(101);
	}

	@Test
	void blueskyFollowsTheNotificationPagesBackToWhatItHadRead() {
		AtomicInteger lists = new AtomicInteger();
		String prefix = "at://did:plc:burst" + ids.incrementAndGet() + "/app.bsky.feed.post/";
		network.answer(r -> switch (r.path()) {
			case "/xrpc/com.atproto.server.createSession" -> FakePlatform.Answer.json(200,
					"{\"accessJwt\": \"jwt\", \"refreshJwt\": \"r\", \"did\": \"did:plc:brand\", \"handle\": \"teleo.bsky.social\"}");
			case "/xrpc/app.bsky.notification.listNotifications" -> {
				// the first poll sees one mention; then 120 more arrive, served 50 a
				// page, newest first
				int newest = lists.incrementAndGet() == 1 ? 0 : 120;
				java.util.regex.Matcher c = java.util.regex.Pattern.compile("cursor=(\\d+)").matcher(r.query());
				int from = c.find() ? Integer.parseInt(c.group(1)) : newest;
				int to = Math.max(0, from - 49);
				StringBuilder page = new StringBuilder();
				for (int i = from; i >= to; i--) {
					page.append(page.length() == 0 ? "" : ",")
						.append(("{\"uri\": \"%s%d\", \"cid\": \"c%d\", \"reason\": \"mention\", "
								+ "\"indexedAt\": \"2026-11-24T09:%02d:%02d.000Z\", \"author\": {\"did\": \"did:plc:dan\", "
								+ "\"handle\": \"dan.bsky.social\"}, \"record\": {\"$type\": \"app.bsky.feed.post\", "
								+ "\"text\": \"@teleo panne %d\", \"createdAt\": \"2026-11-24T09:00:00.000Z\"}}")
							.formatted(prefix, i, i, i / 60, i % 60, i));
				}
				yield FakePlatform.Answer.json(200, "{\"notifications\": [" + page + "]"
						+ (to > 0 ? ", \"cursor\": \"" + (to - 1) + "\"" : "") + "}");
			}
			default -> FakePlatform.Answer.json(404, "{}");
		});
		long inbox = create(Map.of("channel", "bluesky", "handle", "@teleo.bsky.social", "appPassword",
				"abcd-efgh-ijkl-mnop", "apiBaseUrl", network.url()));

		await().atMost(Duration.ofSeconds(30)).until(() -> messagesOfInbox(inbox) == 121);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(messagesOfInbox(inbox)).isEqualTo(121);
	}

	/** A page of mentions from {@code newest} down to {@code oldest}, newest first. */
	private static String page(long newest, long oldest, String next) {
		StringBuilder data = new StringBuilder();
		for (long id = newest; id >= oldest; id--) {
			data.append(data.length() == 0 ? "" : ",")
				.append("{\"id\": \"")
				.append(id)
				.append("\", \"text\": \"@teleo toujours en panne\", \"author_id\": \"78\", \"conversation_id\": \"")
				.append(id)
				.append("\", \"created_at\": \"2026-11-24T10:00:00.000Z\"}");
		}
		return "{\"data\": [" + data + "], \"includes\": {\"users\": [{\"id\": \"78\", \"name\": \"Inès\", "
				+ "\"username\": \"ines_m\"}]}, \"meta\": {\"newest_id\": \"" + newest + "\", \"oldest_id\": \""
				+ oldest + "\", \"result_count\": " + (newest - oldest + 1)
				+ (next == null ? "" : ", \"next_token\": \"" + next + "\"") + "}}";
	}

	long create(Map<String, Object> settings) {
		Map<String, Object> body = new java.util.HashMap<>(settings);
		body.put("name", unique(settings.get("channel").toString()));
		var r = admin.post("/api/v1/inboxes", body);
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		return r.id("id");
	}

	String health(long inbox) {
		return admin.get("/api/v1/inboxes/" + inbox).body().get("health").get("state").asString();
	}

	int total(long inbox) {
		return admin.get("/api/v1/conversations?inboxId=" + inbox + "&status=all").body().get("total").asInt();
	}

	int messagesOfInbox(long inbox) {
		int n = 0;
		for (JsonNode c : admin.get("/api/v1/conversations?inboxId=" + inbox + "&status=all&size=100")
			.body()
			.get("items")) {
			n += messages(c.get("id").asLong()).size();
		}
		return n;
	}

	long conversationOf(long inbox, String externalId) {
		for (JsonNode c : admin.get("/api/v1/conversations?inboxId=" + inbox + "&status=all&size=100")
			.body()
			.get("items")) {
			for (JsonNode m : messages(c.get("id").asLong())) {
				if (m.get("externalId").asString().equals(externalId)) {
					return c.get("id").asLong();
				}
			}
		}
		throw new AssertionError("no conversation holds " + externalId);
	}

	JsonNode messages(long conversation) {
		return admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
	}

}
