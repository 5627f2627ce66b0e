package org.parlons.listening;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.parlons.testing.Browser;
import org.parlons.testing.FakePlatform;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Keyword and hashtag searches on the networks, against local doubles that page the way
 * the real APIs do: X recent search (docs.x.com: since_id, until_id, newest first,
 * meta.newest_id, oldest_id and next_token, public_metrics, expansions=author_id) and
 * Mastodon (docs.joinmastodon.org: GET /api/v1/timelines/tag/:hashtag with min_id, GET
 * /api/v2/search?type=statuses). What they find becomes mentions of the inbox, once, with
 * its audience figures; nothing is skipped when more posts wait than a reading takes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetworkSearchesTests {

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

	/** One post of the X double. */
	record Tweet(long id, String text, String authorId) {
	}

	@Test
	void xSearchReadsEveryPostOnceWithItsFiguresAndAPostAlsoMentioningTheBrandJoinsItsConversation() {
		String token = unique("srch").replace("-", "");
		long base = 1_870_000_000_000_000_000L + ids.incrementAndGet() * 1_000L;
		List<Tweet> tweets = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 3; i++) {
			tweets.add(new Tweet(base + i, "Téléo " + token + " numéro " + i + ", super service", "500" + i));
		}
		AtomicReference<Tweet> mentionOfBrand = new AtomicReference<>();
		network.answer(r -> switch (r.path()) {
			case "/2/tweets/search/recent" -> FakePlatform.Answer.json(200, searchPage(tweets, query(r)));
			case "/2/users/4243/mentions" -> FakePlatform.Answer.json(200, mentionOfBrand.get() == null
					? "{\"meta\": {\"result_count\": 0}}" : page(List.of(mentionOfBrand.get()), null));
			default -> FakePlatform.Answer.json(200, "{}");
		});
		long inbox = inbox(Map.of("channel", "x", "userId", "4243", "accessToken", "tok", "apiBaseUrl", network.url()));

		var created = admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", "téléo " + token));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		long search = created.id("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> search(search).get("lastReadAt") != null && !search(search).get("lastReadAt").isNull());
		// the first reading takes the latest page only (two posts in this double)
		assertThat(texts("x", token)).containsExactlyInAnyOrder(tweets.get(1).text(), tweets.get(2).text());
		JsonNode first = mentions("x", token).get(0);
		assertThat(first.get("network").asString()).isEqualTo("x");
		assertThat(first.get("reach").asLong()).isEqualTo(1000 + (first.get("url").asString().endsWith("3") ? 3 : 2));
		assertThat(first.get("engagements").asLong()).isEqualTo(4 + 3 + 2 + 1);
		assertThat(first.get("authorFollowers").asLong()).isEqualTo(250);
		assertThat(first.get("url").asString()).startsWith("https://x.com/user");
		String query = network.to("/2/tweets/search/recent").get(0).query();
		assertThat(query).contains("query=t%C3%A9l%C3%A9o+" + token)
			.contains("public_metrics")
			.contains("expansions=author_id");

		// eleven new posts: more than the five pages of two this double gives in a
		// reading
		for (int i = 4; i <= 14; i++) {
			tweets.add(new Tweet(base + i, "Téléo " + token + " numéro " + i + ", panne encore", "500" + i));
		}
		// one of them also mentions the brand's account, and reaches the inbox as well
		mentionOfBrand.set(tweets.get(13));
		var read = admin.post("/api/v1/listening/searches/" + search + "/read", Map.of());
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body().get("more").asBoolean()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> texts("x", token).size() == 13);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> search(search).get("found").asLong() == 13 || search(search).get("found").asLong() == 12); // the
																													// inbox
																													// may
																													// have
																													// stored
																													// the
																													// mention
																													// first
		assertThat(network.to("/2/tweets/search/recent")
			.stream()
			.anyMatch(
					r -> r.query().contains("until_id=" + (base + 5)) && r.query().contains("since_id=" + (base + 3))))
			.isTrue();
		assertThat(texts("x", token)).doesNotContain(tweets.get(0).text()).doesNotHaveDuplicates();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> mentions("x", token).stream()
				.filter(m -> m.get("text").asString().equals(tweets.get(13).text()))
				.allMatch(m -> !m.get("conversationId").isNull()));

		// caught up: the next reading starts after the newest post
		int before = network.to("/2/tweets/search/recent").size();
		admin.post("/api/v1/listening/searches/" + search + "/read", Map.of());
		List<FakePlatform.Request> after = network.to("/2/tweets/search/recent");
		assertThat(after.get(after.size() - 1).query()).contains("since_id=" + (base + 14)).doesNotContain("until_id");
		assertThat(after.size()).isEqualTo(before + 1);
	}

	/** One post of the Bluesky double, created (and sorted) at {@code at}. */
	record Skeet(String uri, String text, Instant at) {
	}

	@Test
	void blueskySearchReadsNewestFirstAndGoesBackToWhereItStoppedWithoutSkipping() {
		String token = unique("bsky").replace("-", "");
		Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		List<Skeet> skeets = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 3; i++) {
			skeets.add(new Skeet("at://did:plc:a" + i + "/app.bsky.feed.post/" + token + i,
					"Téléo " + token + " numéro " + i, start.plusSeconds(i)));
		}
		network.answer(r -> switch (r.path()) {
			case "/xrpc/com.atproto.server.createSession" ->
				FakePlatform.Answer.json(200, "{\"accessJwt\": \"jwt\", \"did\": \"did:plc:brand\"}");
			case "/xrpc/app.bsky.feed.searchPosts" -> FakePlatform.Answer.json(200, skeetPage(skeets, query(r)));
			default -> FakePlatform.Answer.json(200, "{\"notifications\": []}");
		});
		long inbox = inbox(Map.of("channel", "bluesky", "handle", "teleo.bsky.social", "appPassword", "app-pass",
				"apiBaseUrl", network.url()));
		long search = admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", "téléo " + token))
			.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> texts("bluesky", token).size() == 2);
		JsonNode one = mentions("bluesky", token).get(0);
		assertThat(one.get("author").asString()).startsWith("User a");
		assertThat(one.get("engagements").asLong()).isEqualTo(3 + 2 + 1 + 1);
		assertThat(one.get("url").asString()).startsWith("https://bsky.app/profile/a").contains("/post/" + token);
		for (int i = 4; i <= 14; i++) {
			skeets.add(new Skeet("at://did:plc:a" + i + "/app.bsky.feed.post/" + token + i,
					"Téléo " + token + " numéro " + i, start.plusSeconds(i)));
		}
		assertThat(
				admin.post("/api/v1/listening/searches/" + search + "/read", Map.of()).body().get("more").asBoolean())
			.isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> texts("bluesky", token).size() == 13);
		assertThat(texts("bluesky", token)).doesNotContain(skeets.get(0).text()).doesNotHaveDuplicates();
		assertThat(network.to("/xrpc/app.bsky.feed.searchPosts").stream().anyMatch(r -> r.query().contains("until=")))
			.isTrue();
		assertThat(network.to("/xrpc/app.bsky.feed.searchPosts").get(0).header("Authorization"))
			.isEqualTo("Bearer jwt");
	}

	/**
	 * The Bluesky double: posts sorted at or after since and before until, newest first,
	 * two a page.
	 */
	private static String skeetPage(List<Skeet> all, Map<String, String> q) {
		Instant since = q.containsKey("since") ? Instant.parse(q.get("since")) : Instant.MIN;
		Instant until = q.containsKey("until") ? Instant.parse(q.get("until")) : Instant.MAX;
		List<Skeet> matching = new ArrayList<>(
				all.stream().filter(p -> !p.at().isBefore(since) && p.at().isBefore(until)).toList());
		matching.sort((a, b) -> b.at().compareTo(a.at()));
		int offset = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor")) : 0;
		StringBuilder posts = new StringBuilder();
		for (Skeet p : matching.subList(Math.min(offset, matching.size()), Math.min(offset + 2, matching.size()))) {
			String did = p.uri().substring(5, p.uri().indexOf('/', 5));
			posts.append(posts.isEmpty() ? "" : ",")
				.append("""
						{"uri": "%s", "cid": "bafy", "author": {"did": "%s", "handle": "%s.bsky.social", "displayName": "User %s"},
						 "record": {"$type": "app.bsky.feed.post", "text": "%s", "createdAt": "%s", "langs": ["fr"]},
						 "likeCount": 3, "repostCount": 2, "replyCount": 1, "quoteCount": 1, "indexedAt": "%s"}"""
					.formatted(p.uri(), did, did.substring(8), did.substring(8), p.text(), p.at(), p.at()));
		}
		return "{\"posts\": [" + posts + "]"
				+ (offset + 2 < matching.size() ? ", \"cursor\": \"" + (offset + 2) + "\"" : "") + "}";
	}

	@Test
	void aRateLimitOrARefusalIsRecordedOnTheSearchAndNeverLosesItsPlace() {
		AtomicInteger status = new AtomicInteger(429);
		network.answer(r -> r.path().equals("/2/tweets/search/recent")
				? new FakePlatform.Answer(status.get(), "{\"title\": \"Too Many Requests\"}",
						Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset",
								Long.toString(Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond())))
				: FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}}"));
		long inbox = inbox(Map.of("channel", "x", "userId", "4244", "accessToken", "tok", "apiBaseUrl", network.url()));
		long search = admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", unique("q"))).id("id");

		var read = admin.post("/api/v1/listening/searches/" + search + "/read", Map.of());
		assertThat(read.body().get("error").asString()).startsWith("X search 429");
		JsonNode s = read.body().get("search");
		// the status, never what the other side wrote
		assertThat(s.get("lastError").asString()).startsWith("X search 429").doesNotContain("Too Many Requests");
		assertThat(Instant.parse(s.get("nextReadAt").asString())).isAfter(Instant.now().plus(Duration.ofMinutes(8)));

		status.set(401);
		read = admin.post("/api/v1/listening/searches/" + search + "/read", Map.of());
		assertThat(read.body().get("search").get("lastError").asString()).startsWith("X search 401");
	}

	@Test
	void mastodonHashtagTimelinesAreReadForwardAndKeywordsGoToTheInstanceSearch() {
		String tag = "teleo" + ids.incrementAndGet();
		long base = 113_000_000_000_000L + ids.incrementAndGet() * 1_000L;
		List<Map<String, Object>> statuses = new CopyOnWriteArrayList<>();
		for (int i = 1; i <= 3; i++) {
			statuses.add(status(base + i, "<p>#" + tag + " message " + i + " génial</p>", i == 2));
		}
		network.answer(r -> {
			if (r.path().equals("/api/v1/timelines/tag/" + tag)) {
				String min = param(r.query(), "min_id");
				List<Map<String, Object>> newer = new ArrayList<>(statuses.stream()
					.filter(s -> min == null || Long.parseLong(s.get("id").toString()) > Long.parseLong(min))
					.toList());
				// min_id: the page adjacent to it (the oldest newer ones), newest first
				// within the page
				newer.sort((a, b) -> Long.compare(Long.parseLong(a.get("id").toString()),
						Long.parseLong(b.get("id").toString())));
				List<Map<String, Object>> page = new ArrayList<>(
						min == null ? newer.subList(Math.max(0, newer.size() - 40), newer.size())
								: newer.subList(0, Math.min(40, newer.size())));
				java.util.Collections.reverse(page);
				return FakePlatform.Answer.json(200, TestApi.json(write(page)).toString());
			}
			if (r.path().equals("/api/v2/search")) {
				return FakePlatform.Answer.json(200, "{\"accounts\": [], \"hashtags\": [], \"statuses\": "
						+ write(List.of(status(base + 900, "<p>Téléo " + tag + " en panne</p>", false))) + "}");
			}
			return FakePlatform.Answer.json(200, "[]");
		});
		long inbox = inbox(Map.of("channel", "mastodon", "instanceUrl", "https://m.example", "accessToken", "tok",
				"apiBaseUrl", network.url()));
		assertThat(admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", "#deux mots")).status())
			.isEqualTo(422);
		long search = admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", "#" + tag)).id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> texts("mastodon", tag).size() == 2); // the
																								// boost
																								// is
																								// not
																								// a
																								// post
																								// of
																								// its
																								// own
		for (int i = 4; i <= 50; i++) {
			statuses.add(status(base + i, "<p>#" + tag + " message " + i + "</p>", false));
		}
		admin.post("/api/v1/listening/searches/" + search + "/read", Map.of());
		await().atMost(Duration.ofSeconds(10)).until(() -> texts("mastodon", tag).size() == 2 + 47);
		assertThat(network.to("/api/v1/timelines/tag/" + tag)
			.stream()
			.anyMatch(r -> r.query().contains("min_id=" + (base + 43)))).isTrue();
		JsonNode one = mentions("mastodon", tag).stream()
			.filter(m -> m.get("text").asString().contains("message 1 génial"))
			.findFirst()
			.orElseThrow();
		assertThat(one.get("author").asString()).isEqualTo("Alice");
		assertThat(one.get("engagements").asLong()).isEqualTo(5 + 2 + 1);
		assertThat(one.get("authorFollowers").asLong()).isEqualTo(321);
		assertThat(one.get("reach").isNull()).isTrue();

		long keywords = admin.post("/api/v1/listening/searches", Map.of("inboxId", inbox, "query", "téléo " + tag))
			.id("id");
		admin.post("/api/v1/listening/searches/" + keywords + "/read", Map.of());
		assertThat(texts("mastodon", tag)).contains("Téléo " + tag + " en panne");
		assertThat(network.to("/api/v2/search").get(0).query()).contains("type=statuses");
	}

	@Test
	void badSearchesAreRefusedWithTheReason() {
		long email = admin.createApiInbox(unique("api"), Map.of());
		var refused = admin.post("/api/v1/listening/searches", Map.of("inboxId", email, "query", "téléo"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("detail").asString())
			.contains("only these networks can be searched: bluesky, mastodon, x");
		assertThat(admin.post("/api/v1/listening/searches", Map.of("inboxId", 987_654_321, "query", "téléo")).status())
			.isEqualTo(422);
		long x = inbox(Map.of("channel", "x", "userId", "4245", "accessToken", "tok", "apiBaseUrl", network.url()));
		assertThat(admin.post("/api/v1/listening/searches", Map.of("inboxId", x, "query", " ")).status()).isIn(400,
				422);
		assertThat(admin.post("/api/v1/listening/searches", Map.of("inboxId", x, "query", "a".repeat(513))).status())
			.isEqualTo(422);
		String q = unique("dup");
		assertThat(admin.post("/api/v1/listening/searches", Map.of("inboxId", x, "query", q)).status()).isEqualTo(201);
		var twice = admin.post("/api/v1/listening/searches", Map.of("inboxId", x, "query", q));
		assertThat(twice.status()).isEqualTo(422);
		assertThat(twice.body().get("detail").asString()).contains("already searches for");
		String agentEmail = unique("agent") + "@test.local";
		admin.createAgent(agentEmail, "AGENT", "agent-password-1");
		TestApi julie = TestApi.basic(port, agentEmail, "agent-password-1");
		assertThat(julie.post("/api/v1/listening/searches", Map.of("inboxId", x, "query", unique("q"))).status())
			.isEqualTo(403);
		assertThat(admin.delete("/api/v1/listening/searches/987654321").status()).isEqualTo(404);
	}

	@Test
	void anAdministratorAddsASearchOnTheSourcesPageAndSeesWhatItFoundOrWhyItFailed() {
		String token = unique("page").replace("-", "");
		long base = 1_880_000_000_000_000_000L + ids.incrementAndGet() * 1_000L;
		List<Tweet> tweets = List.of(new Tweet(base + 1, "On parle de " + token + " ici", "6001"),
				new Tweet(base + 2, "Encore " + token, "6002"));
		network.answer(r -> r.path().equals("/2/tweets/search/recent") && !r.query().contains("broken")
				? FakePlatform.Answer.json(200, searchPage(tweets, query(r)))
				: r.path().equals("/2/tweets/search/recent")
						? FakePlatform.Answer.json(400, "{\"title\": \"Invalid Request\"}")
						: FakePlatform.Answer.json(200, "{\"meta\": {\"result_count\": 0}}"));
		long inbox = inbox(Map.of("channel", "x", "userId", "4246", "accessToken", "tok", "apiBaseUrl", network.url()));
		ChromeDriver chrome = Browser.start();
		try {
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/listening?lang=en");
			chrome.findElement(By.id("sources-link")).click();
			new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15)).until(
					org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("search-inbox")));
			new Select(chrome.findElement(By.id("search-inbox"))).selectByValue(Long.toString(inbox));
			chrome.findElement(By.id("search-query")).sendKeys(token);
			submit(chrome, "new-search");
			assertThat(chrome.findElement(By.cssSelector("p.notice")).getText())
				.isEqualTo("Search added and read once.");
			WebElement row = chrome.findElements(By.cssSelector("#searches tbody tr"))
				.stream()
				.filter(r -> r.getText().contains(token))
				.findFirst()
				.orElseThrow();
			assertThat(row.findElement(By.cssSelector("td.found")).getText()).isEqualTo("2");

			new Select(chrome.findElement(By.id("search-inbox"))).selectByValue(Long.toString(inbox));
			chrome.findElement(By.id("search-query")).sendKeys(token + " broken");
			submit(chrome, "new-search");
			WebElement broken = chrome.findElements(By.cssSelector("#searches tbody tr"))
				.stream()
				.filter(r -> r.getText().contains(token + " broken"))
				.findFirst()
				.orElseThrow();
			assertThat(broken.findElement(By.cssSelector("td.error")).getText()).startsWith("X search 400");

			new Select(chrome.findElement(By.id("search-inbox"))).selectByValue(Long.toString(inbox));
			chrome.findElement(By.id("search-query")).sendKeys(token);
			submit(chrome, "new-search");
			assertThat(chrome.findElement(By.cssSelector("p.error")).getText())
				.contains("already searches for " + token);
			Browser.screenshot(chrome, "listening-sources");
		}
		finally {
			chrome.quit();
		}
		assertThat(texts("x", token)).containsExactlyInAnyOrder(tweets.get(0).text(), tweets.get(1).text());
	}

	/**
	 * Submits a form and waits for the page it leads to (reading the old one races with
	 * the navigation).
	 */
	private static void submit(ChromeDriver chrome, String formId) {
		WebElement form = chrome.findElement(By.id(formId));
		form.findElement(By.cssSelector("button")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15))
			.until(org.parlons.testing.Browser.gone(form));
	}

	private static Map<String, Object> status(long id, String html, boolean boost) {
		Map<String, Object> s = new HashMap<>();
		s.put("id", Long.toString(id));
		s.put("created_at",
				Instant.now()
					.minus(Duration.ofHours(1))
					.plusSeconds(id % 1000)
					.truncatedTo(ChronoUnit.SECONDS)
					.toString());
		s.put("content", html);
		s.put("url", "https://m.example/@alice/" + id);
		s.put("language", "fr");
		s.put("favourites_count", 5);
		s.put("reblogs_count", 2);
		s.put("replies_count", 1);
		s.put("reblog", boost ? Map.of("id", "1") : null);
		s.put("account", Map.of("id", "9", "acct", "alice", "display_name", "Alice", "followers_count", 321));
		return s;
	}

	private static String write(Object value) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
	}

	/**
	 * The X double: posts newer than since_id and older than until_id, newest first, two
	 * a page.
	 */
	private static String searchPage(List<Tweet> all, Map<String, String> q) {
		long since = q.containsKey("since_id") ? Long.parseLong(q.get("since_id")) : Long.MIN_VALUE;
		long until = q.containsKey("until_id") ? Long.parseLong(q.get("until_id")) : Long.MAX_VALUE;
		List<Tweet> matching = new ArrayList<>(all.stream().filter(t -> t.id() > since && t.id() < until).toList());
		matching.sort((a, b) -> Long.compare(b.id(), a.id()));
		int offset = q.containsKey("next_token") ? Integer.parseInt(q.get("next_token").substring(1)) : 0;
		List<Tweet> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + 2, matching.size()));
		return page(page, offset + 2 < matching.size() ? "p" + (offset + 2) : null);
	}

	private static String page(List<Tweet> page, String next) {
		if (page.isEmpty()) {
			return "{\"meta\": {\"result_count\": 0}}";
		}
		StringBuilder data = new StringBuilder();
		StringBuilder users = new StringBuilder();
		for (Tweet t : page) {
			long n = t.id() % 1000;
			data.append(data.isEmpty() ? "" : ",")
				.append("""
						{"id": "%d", "text": "%s", "author_id": "%s", "lang": "fr", "created_at": "%s",
						 "public_metrics": {"retweet_count": 2, "reply_count": 3, "like_count": 4, "quote_count": 1,
						  "bookmark_count": 9, "impression_count": %d}}""".formatted(t.id(), t.text(), t.authorId(),
						Instant.now().minus(Duration.ofMinutes(100 - n)).truncatedTo(ChronoUnit.SECONDS), 1000 + n));
			users.append(users.isEmpty() ? "" : ",")
				.append("""
						{"id": "%s", "name": "User %s", "username": "user%s", "public_metrics": {"followers_count": 250}}"""
					.formatted(t.authorId(), t.authorId(), t.authorId()));
		}
		return """
				{"data": [%s], "includes": {"users": [%s]},
				 "meta": {"newest_id": "%d", "oldest_id": "%d", "result_count": %d%s}}""".formatted(data, users,
				page.get(0).id(), page.get(page.size() - 1).id(), page.size(),
				next == null ? "" : ", \"next_token\": \"" + next + "\"");
	}

	private static Map<String, String> query(FakePlatform.Request r) {
		Map<String, String> out = new HashMap<>();
		for (String pair : r.query().split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				out.put(pair.substring(0, eq),
						java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return out;
	}

	private static String param(String query, String name) {
		for (String pair : query.split("&")) {
			if (pair.startsWith(name + "=")) {
				return pair.substring(name.length() + 1);
			}
		}
		return null;
	}

	private long inbox(Map<String, Object> settings) {
		Map<String, Object> body = new HashMap<>(settings);
		body.put("name", unique(settings.get("channel").toString()));
		var r = admin.post("/api/v1/inboxes", body);
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		return r.id("id");
	}

	private JsonNode search(long id) {
		for (JsonNode s : admin.get("/api/v1/listening/searches").body().get("items")) {
			if (s.get("id").asLong() == id) {
				return s;
			}
		}
		throw new AssertionError("no search " + id);
	}

	private List<JsonNode> mentions(String network, String token) {
		List<JsonNode> out = new ArrayList<>();
		for (JsonNode m : admin
			.get("/api/v1/listening/mentions?size=500&network=" + network + "&from="
					+ java.time.LocalDate.now().minusDays(2))
			.body()
			.get("items")) {
			if (m.get("text").asString().contains(token)) {
				out.add(m);
			}
		}
		return out;
	}

	private List<String> texts(String network, String token) {
		return mentions(network, token).stream().map(m -> m.get("text").asString()).toList();
	}

}
