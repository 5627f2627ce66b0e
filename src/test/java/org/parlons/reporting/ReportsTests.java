package org.parlons.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Reports from the daily rollups: volumes, response times, service-level attainment and
 * the share of public complaints answered, per inbox, with their denominators; who may
 * read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsTests {

	/**
	 * The server's zone (PARLONS_TIME_ZONE's default): the day of an inbox without hours.
	 */
	static final java.time.ZoneId SERVER = java.time.ZoneId.of("Europe/Paris");

	@LocalServerPort
	int port;

	/**
	 * A day is the inbox's own: at any moment a message counts on Kiritimati's date
	 * (UTC+14) in an inbox kept there, on Pago Pago's (UTC−11) in one kept there, and one
	 * of the two is never the UTC date.
	 */
	@Test
	void eachConversationCountsOnItsInboxsDay() {
		TestApi admin = TestApi.asAdmin(port);
		Map<String, Long> inboxes = new java.util.LinkedHashMap<>();
		for (String zone : List.of("Pacific/Kiritimati", "Pacific/Pago_Pago")) {
			long inbox = admin.createApiInbox(unique("Zone"),
					Map.of("businessHours", Map.of("zone", zone, "mon", "09:00-17:00")));
			admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour"));
			inboxes.put(zone, inbox);
		}
		LocalDate utc = LocalDate.now(ZoneOffset.UTC);
		admin.post("/api/v1/reports/rebuild?from=" + utc.minusDays(1) + "&to=" + utc.plusDays(1), Map.of());
		inboxes.forEach((zone, inbox) -> {
			LocalDate theirs = LocalDate.now(java.time.ZoneId.of(zone));
			for (LocalDate day : List.of(utc.minusDays(1), utc, utc.plusDays(1))) {
				JsonNode report = admin.get("/api/v1/reports?from=" + day + "&to=" + day + "&by=inbox").body();
				int opened = report.get("lines")
					.valueStream()
					.filter(l -> l.get("key").asString().equals(Long.toString(inbox)))
					.mapToInt(l -> l.get("opened").asInt())
					.sum();
				assertThat(opened).as(zone + " on " + day).isEqualTo(day.equals(theirs) ? 1 : 0);
			}
		});
	}

	@Test
	void anAnswerToACustomerWhoWroteAgainIsANextResponse() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Next"), Map.of());
		String author = unique("client");
		String first = unique("m");
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(first, author, "Bonjour"))
			.id("conversationId");
		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Bonjour, que se passe-t-il ?"));
		awaitSent(admin, conversation, 1);
		Map<String, Object> again = new java.util.HashMap<>(TestApi.inbound(unique("m"), author, "Toujours rien"));
		again.put("inReplyTo", first);
		assertThat(admin.post("/api/v1/inboxes/" + inbox + "/inbound", again).id("conversationId"))
			.isEqualTo(conversation);
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "C'est réparé."));
		awaitSent(admin, conversation, 2);

		String today = LocalDate.now(SERVER).toString();
		admin.post("/api/v1/reports/rebuild?from=" + today + "&to=" + today, Map.of());
		JsonNode line = line(admin.get("/api/v1/reports?from=" + today + "&to=" + today + "&by=inbox").body(), inbox);
		assertThat(line.get("firstResponses").asInt()).isEqualTo(1);
		assertThat(line.get("nextResponses").asInt()).isEqualTo(1);
		assertThat(line.get("nextResponseMedianMinutes").asDouble()).isLessThan(1.0);
	}

	private static void awaitSent(TestApi admin, long conversation, int replies) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.filter(m -> "out".equals(m.get("direction").asString()) && "sent".equals(m.get("status").asString()))
				.count() == replies);
	}

	@Test
	void aDaysWorkShowsInTheReportWithItsDenominators() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Reports"), Map.of("sla", Map.of("firstResponse", "PT2S")));
		Instant opened = Instant.now();
		long answered = conversation(admin, inbox, "Ma box ne marche plus, c'est nul et inadmissible", "public");
		long waiting = conversation(admin, inbox, "Service scandaleux, toujours rien, c'est nul", "public");
		long quiet = conversation(admin, inbox, "Bonjour, une question sur ma facture", "private");
		admin.post("/api/v1/conversations/" + answered + "/replies",
				Map.of("text", "Bonjour, nous regardons tout de suite.", "visibility", "public"));
		admin.post("/api/v1/conversations/" + quiet + "/replies", Map.of("text", "Bonjour, voici votre facture."));
		assertThat(admin.post("/api/v1/conversations/" + quiet + "/status", Map.of("status", "resolved")).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/listening/mentions?label=negative&size=500")
				.body()
				.toString()
				.contains("toujours rien, c'est nul"));

		// a public reply answers the complaint once its channel took it
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + answered + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch((m) -> "out".equals(m.get("direction").asString())
						&& "sent".equals(m.get("status").asString())));
		// every target falls due: the waiting conversation misses it, unanswered
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(opened.plusSeconds(3)));
		String today = LocalDate.now(SERVER).toString();
		assertThat(admin.post("/api/v1/reports/rebuild?from=" + today + "&to=" + today, Map.of()).status())
			.isEqualTo(200);
		JsonNode line = line(admin.get("/api/v1/reports?from=" + today + "&to=" + today + "&by=inbox").body(), inbox);
		assertThat(line.get("opened").asInt()).isEqualTo(3);
		assertThat(line.get("firstResponses").asInt()).isEqualTo(2);
		assertThat(line.get("resolved").asInt()).isEqualTo(1);
		assertThat(line.get("slaDue").asInt()).as("every conversation whose target fell due, answered or not")
			.isEqualTo(3);
		assertThat(line.get("slaMet").asInt()).isEqualTo(2);
		assertThat(line.get("slaAttainment").asDouble()).isCloseTo(2 / 3.0, within(1e-9));
		assertThat(line.get("firstResponseMedianMinutes").asDouble()).isLessThan(1.0);
		assertThat(line.get("publicComplaints").asInt()).isEqualTo(2);
		assertThat(line.get("publicComplaintsAnswered").asInt()).isEqualTo(1);
		assertThat(line.get("publicComplaintsAnsweredShare").asDouble()).isCloseTo(0.5, within(1e-9));
		assertThat(line.get("backlog").asLong()).isEqualTo(2);
		assertThat(admin.getText("/api/v1/reports.csv?from=" + today + "&to=" + today + "&by=inbox"))
			.startsWith("group,opened,resolved");
		assertThat(waiting).isPositive();
		String weekAgo = LocalDate.now(SERVER).minusDays(6).toString();
		JsonNode days = admin.get("/api/v1/reports/daily?from=" + weekAgo + "&to=" + today).body().get("days");
		assertThat(days).hasSize(7);
		assertThat(days.get(6).get("day").asString()).isEqualTo(today);
		assertThat(days.get(6).get("opened").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(days.get(6).get("slaDue").asInt()).isGreaterThanOrEqualTo(3);

		org.openqa.selenium.chrome.ChromeDriver chrome = org.parlons.testing.Browser.start();
		try {
			var wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15));
			org.parlons.testing.Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/reports?lang=en&by=inbox&from=" + today + "&to=" + today);
			String page = wait
				.until(org.openqa.selenium.support.ui.ExpectedConditions
					.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector("table.report")))
				.getText();
			assertThat(page).contains("Public complaints answered").contains("50% (1/2)").contains("67% (2/3)");
			chrome.get("http://localhost:" + port + "/reports?lang=en&by=inbox&from=" + weekAgo + "&to=" + today);
			wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.presenceOfElementLocated(org.openqa.selenium.By.cssSelector("#chart-volume[data-drawn=true] svg")));
			JsonNode series = TestApi
				.json(chrome.findElement(org.openqa.selenium.By.id("chart-volume")).getAttribute("data-series"));
			assertThat(series.get("days")).hasSize(7);
			assertThat(series.get("opened").get(6).asInt()).isGreaterThanOrEqualTo(3);
			assertThat(series.get("slaPercent").get(6).isNull()).isFalse();
			// drawn by the charting library: a legend in the page's words and a date axis
			assertThat(org.parlons.testing.Browser.svgTexts(chrome, "#chart-volume")).contains("Opened", "Resolved")
				.contains(LocalDate.now(SERVER)
					.format(java.time.format.DateTimeFormatter.ofPattern("MMM d", java.util.Locale.ENGLISH)));
			assertThat(org.parlons.testing.Browser.svgTexts(chrome, "#chart-times")).contains("SLA met (%)");
			org.parlons.testing.Browser.screenshot(chrome, "reports-charts");
		}
		finally {
			chrome.quit();
		}
	}

	@Test
	void onlySupervisorsAdminsAndAnalystsReadReportsAndBadRequestsAreRefused() {
		TestApi admin = TestApi.asAdmin(port);
		String agent = unique("agent") + "@teleo.test";
		admin.createAgent(agent, "agent", "agent-password-1");
		assertThat(TestApi.basic(port, agent, "agent-password-1").get("/api/v1/reports").status()).isEqualTo(403);
		String analyst = unique("analyst") + "@teleo.test";
		admin.createAgent(analyst, "analyst", "analyst-password-1");
		assertThat(TestApi.basic(port, analyst, "analyst-password-1").get("/api/v1/reports?by=channel").status())
			.isEqualTo(200);
		assertThat(
				TestApi.basic(port, analyst, "analyst-password-1").post("/api/v1/reports/rebuild", Map.of()).status())
			.isEqualTo(403);
		assertThat(admin.get("/api/v1/reports?by=planet").status()).isEqualTo(422);
		assertThat(admin.get("/api/v1/reports?from=2026-02-01&to=2026-01-01").status()).isEqualTo(422);
	}

	@Test
	void quantilesAreInterpolatedWithinTheirBucket() {
		long[] buckets = new long[ReportFigures.BUCKETS.length];
		buckets[1] = 10; // ten durations between 1 and 5 minutes
		assertThat(ReportFigures.quantile(buckets, 0.5)).isEqualTo(3.0); // 1 + 4 × 5/10
		assertThat(ReportFigures.quantile(buckets, 0.9)).isCloseTo(4.6, within(1e-9));
		assertThat(ReportFigures.quantile(new long[ReportFigures.BUCKETS.length], 0.5)).isNull();
		assertThat(ReportFigures.bucket(Duration.ofSeconds(30))).isZero();
		assertThat(ReportFigures.bucket(Duration.ofMinutes(90))).isEqualTo(5);
		assertThat(ReportFigures.bucket(Duration.ofDays(30))).isEqualTo(ReportFigures.BUCKETS.length - 1);
	}

	private static long conversation(TestApi admin, long inbox, String text, String visibility) {
		Map<String, Object> body = new HashMap<>(inbound(unique("m"), unique("c"), text));
		body.put("visibility", visibility);
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", body).id("conversationId");
	}

	private static JsonNode line(JsonNode report, long inbox) {
		for (JsonNode l : report.get("lines")) {
			if (l.get("key").asString().equals(Long.toString(inbox))) {
				return l;
			}
		}
		throw new AssertionError("no line for inbox " + inbox + " in " + report);
	}

}
