package org.parlons.listening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Listening end to end: public messages of the inboxes become mentions with their
 * sentiment, feeds add theirs, the dashboard shows the seed's self-selection (71 %
 * positive per message, 20 % per person), and an analyst drills down to the messages in a
 * real browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListeningTests {

	@LocalServerPort
	int port;

	/** The next day handed out: two tests of one run never share one. */
	private static final AtomicInteger nextDay = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 1_000));

	/**
	 * A day of its own in the past, so this test's mentions are the only ones in its
	 * period (a random day each could collide: with ten tests, once in forty runs).
	 */
	static LocalDate aDayOfOurOwn() {
		return LocalDate.of(2019, 1, 1).plusDays(nextDay.getAndIncrement());
	}

	/**
	 * The seed's example, at a tenth: 8 unhappy people write once, 2 fans write ten times
	 * each.
	 */
	long seedSelfSelection(TestApi admin, LocalDate day) {
		long inbox = admin.createApiInbox(unique("Page"), Map.of());
		for (int a = 0; a < 8; a++) {
			post(admin, inbox, unique("unhappy"), "Service nul, toujours pas de réponse, c'est inadmissible", day);
		}
		for (int a = 0; a < 2; a++) {
			String fan = unique("fan");
			for (int m = 0; m < 10; m++) {
				post(admin, inbox, fan, "J'adore cette marque, merci pour tout !", day);
			}
		}
		return inbox;
	}

	@Test
	void inboxMessagesBecomeMentionsAndTheSummaryShowsTonalityPerMessageAndPerPerson() {
		TestApi admin = TestApi.asAdmin(port);
		LocalDate day = aDayOfOurOwn();
		seedSelfSelection(admin, day);
		String period = "?from=" + day + "&to=" + day;
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/summary" + period).body().get("mentions").asInt() == 28);
		JsonNode summary = admin.get("/api/v1/listening/summary" + period).body();
		assertThat(summary.get("authors").asInt()).isEqualTo(10);
		assertThat(summary.get("perMessage").get("positive").asDouble()).isCloseTo(20 / 28.0, within(1e-9));
		assertThat(summary.get("perAuthor").get("positive").asDouble()).isCloseTo(0.2, within(1e-9));
		assertThat(summary.get("days")).hasSize(1);
		assertThat(summary.get("days").get(0).get("negative").asInt()).isEqualTo(8);
		assertThat(summary.get("loudestAuthors").get(0).get("mentions").asInt()).isEqualTo(10);

		// every table of the dashboard as CSV, with the same filters
		assertThat(admin.getText("/api/v1/listening/tables/days.csv" + period))
			.startsWith("day,mentions,positive,negative")
			.contains(day + ",28,20,8");
		assertThat(admin.getText("/api/v1/listening/tables/loudest.csv" + period))
			.startsWith("author,author_key,mentions,mean_sentiment,sample_denominator")
			.contains(",10,");
		assertThat(admin.getText("/api/v1/listening/tables/networks.csv" + period)).contains("api,28,20,8");
		for (String table : List.of("languages", "voices", "terms", "posts", "followers")) {
			assertThat(admin.getText("/api/v1/listening/tables/" + table + ".csv" + period)).as(table).isNotBlank();
		}
		assertThat(admin.getText("/api/v1/listening/tables/secrets.csv" + period)).contains("No table secrets");

		JsonNode negative = admin.get("/api/v1/listening/mentions" + period + "&label=negative").body();
		assertThat(negative.get("total").asInt()).isEqualTo(8);
		assertThat(negative.get("items").get(0).get("conversationId").isNull()).isFalse();
		String csv = admin.getText("/api/v1/listening/mentions.csv" + period);
		assertThat(csv).startsWith("published_at,network,author").contains("inadmissible");
	}

	@Test
	void aFeedAddsItsEntriesNamingTheBrandOnceAndIsReadConditionally() throws IOException {
		TestApi admin = TestApi.asAdmin(port);
		AtomicInteger conditional = new AtomicInteger();
		String brand = unique("Teleo");
		String rss = """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>Le blog conso</title><link>https://blog.example/</link>
				<item><title>%s : encore une panne géante</title><link>https://blog.example/panne</link>
				 <guid>https://blog.example/panne</guid><author>Claire</author><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate>
				 <description>&lt;p&gt;Les clients de %s sont furieux, le service est nul.&lt;/p&gt;</description></item>
				<item><title>Recette de crêpes</title><link>https://blog.example/crepes</link><guid>crepes</guid>
				 <pubDate>Mon, 23 Nov 2026 11:00:00 GMT</pubDate><description>Rien à voir</description></item>
				</channel></rss>"""
			.formatted(brand, brand);
		HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.createContext("/feed.xml", ex -> {
			if ("v1".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
				conditional.incrementAndGet();
				ex.sendResponseHeaders(304, -1);
				ex.close();
				return;
			}
			byte[] body = rss.getBytes(StandardCharsets.UTF_8);
			ex.getResponseHeaders().add("ETag", "v1");
			ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
			ex.sendResponseHeaders(200, body.length);
			ex.getResponseBody().write(body);
			ex.close();
		});
		site.start();
		try {
			var feed = admin.post("/api/v1/listening/feeds", Map.of("name", "Blog conso", "url",
					"http://127.0.0.1:" + site.getAddress().getPort() + "/feed.xml", "keywords", List.of(brand)));
			assertThat(feed.status()).isEqualTo(201);
			long id = feed.id("id");
			assertThat(admin.post("/api/v1/listening/feeds/" + id + "/read", Map.of()).body().get("added").asInt())
				.isEqualTo(1);
			assertThat(admin.post("/api/v1/listening/feeds/" + id + "/read", Map.of()).body().get("added").asInt())
				.isZero();
			assertThat(conditional.get()).isGreaterThanOrEqualTo(1);
			JsonNode found = admin.get("/api/v1/listening/mentions?from=2026-11-23&to=2026-11-23&network=rss&size=500")
				.body();
			JsonNode ours = null;
			for (JsonNode m : found.get("items")) {
				if (m.get("text").asString().startsWith(brand)) {
					ours = m;
				}
			}
			assertThat(ours).isNotNull();
			assertThat(ours.get("author").asString()).isEqualTo("Claire");
			assertThat(ours.get("url").asString()).isEqualTo("https://blog.example/panne");
			assertThat(ours.get("label").asString()).isEqualTo("negative");
			assertThat(ours.get("text").asString()).contains("Les clients de").doesNotContain("<p>");
		}
		finally {
			site.stop(0);
		}
	}

	@Test
	void aBurstOfNegativeMentionsRaisesABadBuzzAlertWithWhatDrivesIt() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Buzz"), Map.of());
		String marker = unique("panne");
		for (int i = 0; i < 30; i++) {
			Map<String, Object> body = new HashMap<>(TestApi.inbound(unique("m"), unique("angry"),
					"Scandale, " + marker + " générale, service nul et inadmissible"));
			body.put("visibility", "public");
			admin.post("/api/v1/inboxes/" + inbox + "/inbound", body);
		}
		// the collector reads settled messages in batches: wait until it has read all
		// thirty
		JsonNode negative = await().atMost(Duration.ofSeconds(15)).until(() -> {
			JsonNode found = null;
			for (JsonNode a : admin.get("/api/v1/listening/alerts?hours=2").body().get("items")) {
				if (a.get("measure").asString().equals("negative mentions") && a.toString().contains(marker)) {
					found = a;
				}
			}
			return found;
		}, a -> a != null && a.get("observed").asLong() >= 30);
		assertThat(negative.get("zScore").asDouble()).isGreaterThanOrEqualTo(4.0);
		assertThat(negative.get("driving")).isNotEmpty();
		assertThat(admin.get("/api/v1/listening/alerts?hours=0").status()).isEqualTo(422);
		// the dashboard tells each hour once, in the reader's words
		String page = org.parlons.testing.WebSession.signIn(port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD)
			.get("/listening?lang=fr")
			.body();
		String alerts = page.substring(page.indexOf("class=\"card alerts\""));
		alerts = alerts.substring(0, alerts.indexOf("</section>"));
		assertThat(alerts).contains("mentions négatives").doesNotContain("negative mentions");
		String hour = negative.get("hour").asString();
		assertThat(alerts.split("class=\"alert-hour\"").length - 1).as("one line per hour")
			.isEqualTo((int) java.util.stream.StreamSupport
				.stream(admin.get("/api/v1/listening/alerts?hours=24").body().get("items").spliterator(), false)
				.map(a -> a.get("hour").asString())
				.distinct()
				.count());
		assertThat(hour).isNotBlank();
	}

	@org.springframework.beans.factory.annotation.Autowired
	AlertNotifier notifier;

	/**
	 * {@code count} customers, each saying {@code text} in public on the inbox: a burst
	 * of complaints.
	 */
	private static void complainInPublic(TestApi admin, long inbox, int count, String text) {
		for (int i = 0; i < count; i++) {
			Map<String, Object> body = new HashMap<>(TestApi.inbound(unique("m"), unique("angry"), text));
			body.put("visibility", "public");
			admin.post("/api/v1/inboxes/" + inbox + "/inbound", body);
		}
	}

	@Test
	void aBadBuzzAlertIsSentOnceToTheWebhookSigned() throws IOException {
		TestApi admin = TestApi.asAdmin(port);
		String marker = unique("coupure");
		complainInPublic(admin, admin.createApiInbox(unique("Notify"), Map.of()), 30,
				"Scandale, " + marker + " totale, service nul et inadmissible");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/alerts?hours=2").body().get("items").size() > 0);
		java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/alerts", ex -> {
			byte[] body = ex.getRequestBody().readAllBytes();
			boolean valid = org.parlons.platform.WebhookSignature.verify("alert-secret",
					ex.getRequestHeaders().getFirst("X-Parlons-Timestamp"), body,
					ex.getRequestHeaders().getFirst("X-Parlons-Signature"));
			if (valid) {
				received.add(new String(body, StandardCharsets.UTF_8));
			}
			ex.sendResponseHeaders(valid ? 204 : 401, -1);
			ex.close();
		});
		receiver.start();
		try {
			String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts";
			assertThat(notifier.notifyNewAlerts(url, "alert-secret")).isPositive();
			assertThat(received).isNotEmpty();
			assertThat(String.join("\n", received)).contains("listening.bad-buzz").contains("negative mentions");
			assertThat(notifier.notifyNewAlerts(url, "alert-secret")).isZero(); // sent
																				// once
		}
		finally {
			receiver.stop(0);
		}
	}

	@Test
	void aBadBuzzAlertIsMailedOnceThroughARealSmtpServer() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String marker = unique("orage");
		complainInPublic(admin, admin.createApiInbox(unique("Mailed"), Map.of()), 30,
				"Honteux, " + marker + " partout, service nul et inadmissible");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/alerts?hours=2").body().toString().contains(marker));
		var smtp = new com.icegreen.greenmail.util.GreenMail(
				com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		try {
			var sender = new org.springframework.mail.javamail.JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(smtp.getSmtp().getPort());
			String to = unique("veille") + "@teleo.test";
			assertThat(notifier.emailNewAlerts(sender, java.util.List.of(to))).isPositive();
			var mails = smtp.getReceivedMessages();
			assertThat(mails).isNotEmpty();
			assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(to);
			assertThat(java.util.Arrays.stream(mails).map(m -> {
				try {
					return m.getSubject();
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList()).allMatch(subject -> subject.startsWith("[Parlons] Bad buzz: "))
				.anyMatch(subject -> subject.contains(" negative mentions in the hour of "));
			String all = java.util.Arrays.stream(mails).map(m -> {
				try {
					return com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
				}
				catch (RuntimeException ex) {
					return "";
				}
			}).reduce("", String::concat);
			assertThat(all).contains("What drives it").contains(marker).contains("z-score");
			int mailed = mails.length;
			assertThat(notifier.emailNewAlerts(sender, java.util.List.of(to))).isZero(); // once
																							// per
																							// receiver
			assertThat(smtp.getReceivedMessages()).hasSize(mailed);

			smtp.stop();
			String other = unique("direction") + "@teleo.test";
			assertThat(notifier.emailNewAlerts(sender, java.util.List.of(other)))
				.as("a refused mail is not recorded as sent")
				.isZero();
			var again = new com.icegreen.greenmail.util.GreenMail(
					com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
			again.start();
			try {
				sender.setPort(again.getSmtp().getPort());
				assertThat(notifier.emailNewAlerts(sender, java.util.List.of(other))).isPositive();
				assertThat(again.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(other);
			}
			finally {
				again.stop();
			}
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void shareOfVoiceBetweenBrandsNamedByKeywords() {
		TestApi admin = TestApi.asAdmin(port);
		LocalDate day = aDayOfOurOwn();
		long inbox = admin.createApiInbox(unique("Voice"), Map.of());
		post(admin, inbox, unique("a"), "Zorglub est génial, merci", day);
		post(admin, inbox, unique("b"), "Zorglub en panne, nul", day);
		post(admin, inbox, unique("c"), "zorglub encore nul", day);
		post(admin, inbox, unique("d"), "Zarkon super rapide, merci", day);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/summary?from=" + day + "&to=" + day)
				.body()
				.get("mentions")
				.asInt() == 4);
		JsonNode voices = admin
			.get("/api/v1/listening/share-of-voice?from=" + day + "&to=" + day
					+ "&brand=Zorglub:zorglub&brand=Zarkon:zarkon")
			.body()
			.get("items");
		assertThat(voices.get(0).get("brand").asString()).isEqualTo("Zorglub");
		assertThat(voices.get(0).get("share").asDouble()).isEqualTo(0.75);
		assertThat(voices.get(0).get("netSentiment").asDouble()).isCloseTo(-1 / 3.0, within(1e-9));
		assertThat(voices.get(1).get("share").asDouble()).isEqualTo(0.25);
		assertThat(admin.get("/api/v1/listening/share-of-voice?brand=nokeywords").status()).isEqualTo(422);

		JsonNode volume = admin.get("/api/v1/listening/volume?from=" + day + "&to=" + day).body();
		assertThat(volume.get("mentions").asInt()).isEqualTo(4);
		assertThat(volume.get("positive").asInt()).isEqualTo(2);
		assertThat(volume.get("negative").asInt()).isEqualTo(2);
		assertThat(volume.get("days")).hasSize(1);
		assertThat(volume.get("days").get(0).get("mentions").asInt()).isEqualTo(4);
		assertThat(volume.get("networks").get(0).get("key").asString()).isEqualTo("api");
		assertThat(volume.get("languages").get(0).get("mentions").asInt()).isEqualTo(4);
		assertThat(admin.get("/api/v1/listening/volume?from=" + day + "&to=" + day + "&network=x")
			.body()
			.get("mentions")
			.asInt()).isZero();
	}

	@Test
	void refusesBadPeriodsAndFeedsClearly() {
		TestApi admin = TestApi.asAdmin(port);
		assertThat(admin.get("/api/v1/listening/summary?from=2026-11-10&to=2026-11-01").status()).isEqualTo(422);
		var bad = admin.get("/api/v1/listening/summary?from=yesterday");
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body().get("detail").asString()).startsWith("from: ");
		assertThat(admin.post("/api/v1/listening/feeds", Map.of("name", "x", "url", "ftp://example.org/feed")).status())
			.isEqualTo(422);
		String email = unique("analyst") + "@teleo.test";
		admin.createAgent(email, "analyst", "analyst-password-1");
		TestApi analyst = TestApi.basic(port, email, "analyst-password-1");
		assertThat(analyst.post("/api/v1/listening/feeds", Map.of("name", "x", "url", "https://example.org/feed"))
			.status()).isEqualTo(403);
		assertThat(analyst.get("/api/v1/listening/summary").status()).isEqualTo(200);
		assertThat(TestApi.anonymous(port).get("/api/v1/listening/summary").status()).isEqualTo(401);
	}

	@Test
	void theFiguresOfOneInboxCountOnlyItsMentions() {
		TestApi admin = TestApi.asAdmin(port);
		LocalDate day = aDayOfOurOwn();
		long a = admin.createApiInbox(unique("listen-a"), Map.of());
		long b = admin.createApiInbox(unique("listen-b"), Map.of());
		post(admin, a, "ina-1", "Service génial, merci", day);
		post(admin, a, "ina-2", "Très contente du conseiller", day);
		post(admin, a, "ina-3", "Panne inadmissible", day);
		post(admin, b, "inb-1", "Facture fausse, inadmissible", day);
		post(admin, b, "inb-2", "Toujours en panne", day);
		String period = "from=" + day + "&to=" + day;
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/summary?" + period).body().get("mentions").asInt() == 5);
		JsonNode ofA = admin.get("/api/v1/listening/summary?" + period + "&inbox=" + a).body();
		assertThat(ofA.get("mentions").asInt()).isEqualTo(3);
		assertThat(ofA.get("authors").asInt()).isEqualTo(3);
		assertThat(admin.get("/api/v1/listening/volume?" + period + "&inbox=" + b).body().get("mentions").asInt())
			.isEqualTo(2);
		JsonNode mentionsOfB = admin.get("/api/v1/listening/mentions?" + period + "&inbox=" + b).body();
		assertThat(mentionsOfB.get("total").asInt()).isEqualTo(2);
		assertThat(mentionsOfB.get("items")).allSatisfy(m -> assertThat(m.get("author").asString()).contains("inb-"));
		assertThat(admin.getText("/api/v1/listening/tables/days.csv?" + period + "&inbox=" + a)).contains(day + ",3,");
		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/listening?lang=en");
			setDate(chrome, "from", day);
			setDate(chrome, "to", day);
			new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("inbox-filter")))
				.selectByValue(Long.toString(a));
			chrome.findElement(By.id("apply-filters")).click();
			wait.until(ExpectedConditions.urlContains("inbox=" + a));
			assertThat(chrome.findElement(By.id("mention-count")).getText()).isEqualTo("3");
			assertThat(chrome.findElement(By.id("people-unique")).getText()).isEqualTo("3");
			chrome.findElement(By.id("drill-down")).click();
			wait.until(ExpectedConditions.urlContains("/listening/mentions"));
			assertThat(chrome.findElements(By.cssSelector("table.mentions tbody tr"))).hasSize(3);
		}
		finally {
			chrome.quit();
		}
		List<Long> ids = new java.util.ArrayList<>();
		mentionsOfB.get("items").forEach(m -> ids.add(m.get("id").asLong()));
		ids.add(987_654_321L); // unknown: left out
		String exported = admin.postForText("/api/v1/listening/mentions/export", Map.of("ids", ids));
		assertThat(exported.lines()).hasSize(3);
		assertThat(exported).contains("Facture fausse, inadmissible").contains("Toujours en panne");
		assertThat(admin.postForText("/api/v1/listening/mentions/export", Map.of("ids", List.of())))
			.contains("\"status\":400")
			.contains("ids");
		var unknown = admin.get("/api/v1/listening/summary?" + period + "&inbox=987654321");
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.body().get("detail").asString()).isEqualTo("No inbox 987654321 among those you can see.");
	}

	@Test
	void anAnalystFiltersAPeriodAndDrillsDownToTheMessages() {
		TestApi admin = TestApi.asAdmin(port);
		LocalDate day = aDayOfOurOwn();
		long inbox = seedSelfSelection(admin, day);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/summary?from=" + day + "&to=" + day)
				.body()
				.get("mentions")
				.asInt() == 28);
		String email = unique("analyst") + "@teleo.test";
		long analyst = admin.createAgent(email, "analyst", "analyst-password-1");
		// an analyst reads the listening of their team's inboxes
		admin.post("/api/v1/teams",
				Map.of("name", unique("Marketing"), "inboxIds", List.of(inbox), "memberIds", List.of(analyst)));
		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			org.parlons.testing.Browser.signIn(chrome, port, email, "analyst-password-1");
			chrome.get("http://localhost:" + port + "/listening?lang=en");
			setDate(chrome, "from", day);
			setDate(chrome, "to", day);
			chrome.findElement(By.id("apply-filters")).click();
			wait.until(ExpectedConditions.urlContains("from=" + day));
			assertThat(chrome.findElement(By.id("mention-count")).getText()).isEqualTo("28");
			assertThat(chrome.findElement(By.id("per-message")).getText()).isEqualTo("71%");
			assertThat(chrome.findElement(By.id("per-author")).getText()).isEqualTo("20%");
			chrome.findElement(By.id("drill-down")).click();
			wait.until(ExpectedConditions.urlContains("/listening/mentions"));
			assertThat(chrome.findElement(By.id("mentions-total")).getText()).startsWith("28 mentions from " + day);
			assertThat(chrome.findElements(By.cssSelector("table.mentions tbody tr"))).hasSize(28);
			assertThat(chrome.getPageSource()).contains("inadmissible");
			// two mentions ticked, exported verbatim for the product team
			var rows = chrome.findElements(By.cssSelector("table.mentions tbody tr"));
			String first = rows.get(0).findElement(By.cssSelector("td.mention-text span")).getText();
			String second = rows.get(1).findElement(By.cssSelector("td.mention-text span")).getText();
			rows.get(0).findElement(By.cssSelector("input[type=checkbox]")).click();
			rows.get(1).findElement(By.cssSelector("input[type=checkbox]")).click();
			chrome.findElement(By.cssSelector("#export-selected button")).click();
			String csv = Browser.downloaded(chrome, ".csv");
			assertThat(csv.lines()).hasSize(3).first().asString().startsWith("published_at,network,author");
			assertThat(csv).contains(first).contains(second);
		}
		finally {
			chrome.quit();
		}
	}

	private static void setDate(ChromeDriver chrome, String id, LocalDate day) {
		chrome.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, day.toString());
	}

	private static void post(TestApi admin, long inbox, String author, String text, LocalDate day) {
		Map<String, Object> body = new HashMap<>(TestApi.inbound(unique("m"), author, text));
		body.put("visibility", "public");
		body.put("sentAt", day.atTime(12, 0) + "Z");
		assertThat(admin.post("/api/v1/inboxes/" + inbox + "/inbound", body).status()).isEqualTo(202);
	}

}
