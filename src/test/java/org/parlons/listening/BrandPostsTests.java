package org.parlons.listening;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.parlons.testing.TestApi.unique;

/**
 * The brand's posts and followers through the API: readings over time give the engagement
 * rate with its denominator and the half-life computed by hand; followers day by day with
 * their growth; bad input refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrandPostsTests {

	@LocalServerPort
	int port;

	@Test
	void eachNetworkDividesEngagementByItsOwnDenominatorAndSaysWhich() {
		PostMetrics tweet = new PostMetrics(90L, 5L, 5L, 20_000L, 8_000L);
		assertThat(BrandPosts.rate("x", tweet, 1_000L).per()).isEqualTo(Engagement.Denominator.IMPRESSIONS);
		assertThat(BrandPosts.rate("x", tweet, 1_000L).value()).isEqualTo(100 / 20_000.0);
		assertThat(BrandPosts.rate("facebook", tweet, 1_000L).per()).isEqualTo(Engagement.Denominator.REACH);
		assertThat(BrandPosts.rate("facebook", tweet, 1_000L).value()).isEqualTo(100 / 8_000.0);
		PostMetrics toot = new PostMetrics(10L, 1L, 3L, null, null);
		assertThat(BrandPosts.rate("mastodon", toot, 700L).describe()).isEqualTo("2.0000 % of 700 followers");
		assertThat(BrandPosts.rate("mastodon", toot, null)).isNull();
		// seed 002: 1,407 likes for 8,476,000 fans
		assertThat(BrandPosts.rate("facebook", new PostMetrics(1_407L, null, null, null, null), 8_476_000L).describe())
			.isEqualTo("0.0166 % of 8,476,000 followers");
	}

	@Test
	void readingsOverTimeGiveTheRateAndTheHalfLifeAndFollowersTheirGrowth() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Page"), Map.of());
		Instant published = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
		String id = unique("post");
		for (Object[] reading : new Object[][] { { 1, 100, 10, 10 }, { 2, 150, 15, 15 }, { 4, 170, 20, 20 } }) {
			var r = admin.post("/api/v1/listening/posts", Map.of("inboxId", inbox, "items",
					List.of(Map.of("externalId", id, "text", "Notre nouvelle box", "publishedAt", published.toString(),
							"observedAt", published.plus(Duration.ofHours((int) reading[0])).toString(), "likes",
							reading[1], "comments", reading[2], "shares", reading[3], "reach", 10_000))));
			assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
		}
		JsonNode post = find(admin
			.get("/api/v1/listening/posts?network=api&from=" + day(published.minus(Duration.ofDays(1))) + "&to="
					+ day(Instant.now()))
			.body()
			.get("items"), id);
		assertThat(post.get("snapshots")).hasSize(3);
		assertThat(post.get("interactions").asLong()).isEqualTo(210);
		assertThat(post.get("engagementRate").get("value").asDouble()).isEqualTo(210 / 10_000.0);
		assertThat(post.get("engagementRateDescribed").asString()).isEqualTo("2.1000 % of 10,000 reach");
		// 120 in the first hour, 60 in the second, 30 over the next two: hourly rates
		// 120, 60, 15 at 0.5, 1.5, 3 h
		double[][] points = { { 0.5, 120 }, { 1.5, 60 }, { 3, 15 } };
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (double[] p : points) {
			sx += p[0];
			sy += Math.log(p[1]);
			sxx += p[0] * p[0];
			sxy += p[0] * Math.log(p[1]);
		}
		double slope = (3 * sxy - sx * sy) / (3 * sxx - sx * sx);
		assertThat(post.get("halfLifeHours").asDouble()).isCloseTo(Math.log(2) / -slope, within(1e-9))
			.isCloseTo(0.826, within(0.001));

		// reading the same moment again replaces it
		admin.post("/api/v1/listening/posts",
				Map.of("inboxId", inbox, "items",
						List.of(Map.of("externalId", id, "publishedAt", published.toString(), "observedAt",
								published.plus(Duration.ofHours(4)).toString(), "likes", 175, "comments", 20, "shares",
								20, "reach", 10_000))));
		post = find(admin.get("/api/v1/listening/posts?network=api").body().get("items"), id);
		assertThat(post.get("snapshots")).hasSize(3);
		assertThat(post.get("interactions").asLong()).isEqualTo(215);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Instant twoDaysAgo = today.minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
		followers(admin, inbox, 8_476_000, twoDaysAgo);
		followers(admin, inbox, 8_470_000, twoDaysAgo.plus(Duration.ofDays(1)));
		followers(admin, inbox, 8_490_000, today.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1));
		JsonNode days = admin.get("/api/v1/listening/followers?network=api&from=" + today.minusDays(3) + "&to=" + today)
			.body()
			.get("days");
		assertThat(days).hasSize(4);
		assertThat(days.get(0).get("followers").isNull()).isTrue();
		assertThat(days.get(1).get("followers").asLong()).isEqualTo(8_476_000);
		assertThat(days.get(2).get("growth").asLong()).isEqualTo(-6_000);
		assertThat(days.get(3).get("followers").asLong()).isEqualTo(8_490_000);
		assertThat(days.get(3).get("growth").asLong()).isEqualTo(20_000);

		org.openqa.selenium.chrome.ChromeDriver chrome = org.parlons.testing.Browser.start();
		try {
			org.parlons.testing.Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/listening?lang=en&network=api&from=" + today.minusDays(3) + "&to="
					+ today);
			var wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15));
			String posts = wait
				.until(org.openqa.selenium.support.ui.ExpectedConditions
					.visibilityOfElementLocated(org.openqa.selenium.By.id("brand-posts")))
				.getText();
			assertThat(posts).contains("Notre nouvelle box")
				.contains("2.1500 % of 10,000 reach")
				.contains(String.format(java.util.Locale.ROOT, "%.1f h", post.get("halfLifeHours").asDouble()));
			wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.presenceOfElementLocated(org.openqa.selenium.By.cssSelector("#followers-chart[data-drawn=true] svg")));
			JsonNode followers = TestApi
				.json(chrome.findElement(org.openqa.selenium.By.id("followers-chart")).getAttribute("data-series"));
			assertThat(followers.get("followers").valueStream().filter(v -> !v.isNull()).count())
				.isGreaterThanOrEqualTo(3);
			assertThat(org.parlons.testing.Browser.svgTexts(chrome, "#followers-chart")).contains("followers");
			org.parlons.testing.Browser.screenshot(chrome, "listening-posts-followers");
		}
		finally {
			chrome.quit();
		}
	}

	@Test
	void badReadingsAreRefusedAndOnlyAdministratorsRecordThem() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Page"), Map.of());
		Instant published = Instant.now().minus(Duration.ofHours(5));
		Map<String, Object> item = Map.of("externalId", unique("p"), "publishedAt", published.toString(), "likes", 3);
		assertThat(admin.post("/api/v1/listening/posts", Map.of("inboxId", 999_999_999, "items", List.of(item)))
			.body()
			.get("detail")
			.asString()).contains("no inbox");
		var early = admin.post("/api/v1/listening/posts",
				Map.of("inboxId", inbox, "items", List.of(Map.of("externalId", unique("p"), "publishedAt",
						published.toString(), "observedAt", published.minusSeconds(60).toString()))));
		assertThat(early.status()).isEqualTo(422);
		assertThat(early.body().get("detail").asString()).contains("after the post is published");
		var negative = admin.post("/api/v1/listening/posts", Map.of("inboxId", inbox, "items",
				List.of(Map.of("externalId", unique("p"), "publishedAt", published.toString(), "likes", -1))));
		assertThat(negative.status()).isIn(400, 422);
		assertThat(negative.contentType()).startsWith("application/problem+json");
		assertThat(admin.post("/api/v1/listening/posts", Map.of("inboxId", inbox, "items", "nope")).status()).isIn(400,
				422);
		// a link the dashboard would render: only a web address
		var script = admin.post("/api/v1/listening/posts",
				Map.of("inboxId", inbox, "items", List.of(Map.of("externalId", unique("p"), "publishedAt",
						published.toString(), "url", "javascript:alert(document.cookie)"))));
		assertThat(script.status()).isIn(400, 422);
		assertThat(script.body().get("detail").asString()).contains("url");
		String agent = unique("julie") + "@teleo.test";
		admin.createAgent(agent, "agent", "password-of-julie");
		assertThat(TestApi.basic(port, agent, "password-of-julie")
			.post("/api/v1/listening/posts", Map.of("inboxId", inbox, "items", List.of(item)))
			.status()).isEqualTo(403);
		assertThat(admin.get("/api/v1/listening/followers?from=2026-02-01&to=2026-01-01").status()).isEqualTo(422);
	}

	@Test
	void uniqueReachOverAPeriodIsMeasuredForThePeopleHeardAndEstimatedForThePosts() {
		TestApi admin = TestApi.asAdmin(port);
		String network = "r" + unique("n").replace("-", "").substring(0, 8);
		LocalDate day1 = LocalDate.of(2024, 2, 1).plusDays(Math.floorMod(network.hashCode(), 300));
		// authors 1..4 on the first day, 3..6 on the second: 6 people, 8 summed over the
		// days, 2 heard twice
		List<Map<String, Object>> items = new java.util.ArrayList<>();
		for (int author = 1; author <= 6; author++) {
			for (int d = 0; d < 2; d++) {
				if (d == 0 && author > 4 || d == 1 && author < 3) {
					continue;
				}
				items.add(Map.of("network", network, "externalId", network + "-" + author + "-" + d, "author",
						Map.of("id", "u" + author), "text", "Avis numéro " + author, "publishedAt",
						day1.plusDays(d).atTime(10, 0) + "Z"));
			}
		}
		assertThat(admin.post("/api/v1/listening/mentions", Map.of("items", items)).body().get("stored").asInt())
			.isEqualTo(8);
		JsonNode people = admin
			.get("/api/v1/listening/reach?network=" + network + "&from=" + day1 + "&to=" + day1.plusDays(1))
			.body()
			.get("people");
		assertThat(people.get("unique").asLong()).isEqualTo(6);
		assertThat(people.get("sumOverDays").asLong()).isEqualTo(8);
		assertThat(people.get("dayDuplication").asDouble()).isCloseTo(0.25, within(1e-12));
		assertThat(people.get("perNetwork").get(network).asLong()).isEqualTo(6);
		assertThat(people.get("networkDuplication").asDouble()).isZero();
		assertThat(people.get("measured").asBoolean()).isTrue();

		// two posts reaching 300 and 500 of 1,000 followers: 1,000 × (1 − 0.7 × 0.5) =
		// 650 different people; an X account of its own (nothing answers its polls), so
		// its followers stay out of the other tests' sums
		var x = admin.post("/api/v1/inboxes", Map.of("name", unique("Reach"), "channel", "x", "userId", "4247",
				"accessToken", "tok", "apiBaseUrl", "http://127.0.0.1:9"));
		assertThat(x.status()).as(String.valueOf(x.body())).isEqualTo(201);
		long inbox = x.id("id");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Instant published = today.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60);
		followers(admin, inbox, 1_000, published);
		for (Object[] post : new Object[][] { { "a", 300 }, { "b", 500 } }) {
			admin.post("/api/v1/listening/posts",
					Map.of("inboxId", inbox, "items",
							List.of(Map.of("externalId", unique("post-" + post[0]), "publishedAt", published.toString(),
									"observedAt", published.plusSeconds(30).toString(), "likes", 1, "reach",
									post[1]))));
		}
		JsonNode posts = admin.get("/api/v1/listening/reach?inbox=" + inbox + "&from=" + today + "&to=" + today)
			.body()
			.get("posts");
		assertThat(posts.get("measured").asBoolean()).isFalse();
		JsonNode account = posts.get("accounts").get(0);
		assertThat(account.get("inboxId").asLong()).isEqualTo(inbox);
		assertThat(account.get("posts").asInt()).isEqualTo(2);
		assertThat(account.get("sumOfReach").asLong()).isEqualTo(800);
		assertThat(account.get("audience").asLong()).isEqualTo(1_000);
		assertThat(account.get("unique").get("people").asDouble()).isCloseTo(650, within(1e-9));
		assertThat(account.get("unique").get("measured").asBoolean()).isFalse();
		// the page's engagement rate: X divides by impressions, which these posts lack,
		// so the mean per post (1) over the followers
		assertThat(account.get("interactions").asLong()).isEqualTo(2);
		assertThat(account.get("engagementRateDescribed").asString()).isEqualTo("0.1000 % of 1,000 followers per post");
		assertThat(admin.get("/api/v1/listening/reach?inbox=987654321").status()).isEqualTo(422);
	}

	private static void followers(TestApi admin, long inbox, long count, Instant at) {
		var r = admin.post("/api/v1/listening/posts",
				Map.of("inboxId", inbox, "followers", count, "observedAt", at.toString(), "items", List.of()));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
	}

	private static String day(Instant at) {
		return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
	}

	private static JsonNode find(JsonNode items, String externalId) {
		for (JsonNode p : items) {
			if (p.get("externalId").asString().equals(externalId)) {
				return p;
			}
		}
		throw new AssertionError("no post " + externalId + " in " + items);
	}

}
