package org.parlons.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parlons.testing.Browser;
import org.parlons.testing.FreshDatabase;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo shows the whole product (issue 20, point 7): 90 days of history in working
 * hours, nothing dated after now, service levels missed and met, an escalation, an
 * approval decided and one waiting, a bad buzz the listening page warns of.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "parlons.demo.enabled=true", "parlons.demo.smtp-port=0", "parlons.demo.imap-port=0",
				"parlons.demo.network-port=0", "parlons.email.poll-interval=PT1S",
				"parlons.social.poll-interval=PT1S" })
class DemoSeederTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoMailbox mailbox;

	@Autowired
	DemoNetwork network;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		String url = FreshDatabase.url("parlons_demo");
		registry.add("spring.datasource.url", () -> url);
	}

	private static int total(TestApi admin, long inbox) {
		return admin.get("/api/v1/conversations?status=all&inboxId=" + inbox).body().get("total").asInt();
	}

	@Test
	void theDemoTellsNinetyDaysOfAFrenchTelecomsCustomerService() {
		TestApi admin = TestApi.asAdmin(port);
		Instant now = Instant.now();
		JsonNode days = admin
			.get("/api/v1/reports/daily?from=" + LocalDate.now().minusDays(91) + "&to=" + LocalDate.now())
			.body()
			.get("days");
		int active = 0;
		int weekdays = 0;
		int sundays = 0;
		int due = 0;
		double met = 0;
		for (JsonNode day : days) {
			int opened = day.get("opened").asInt();
			active += opened > 0 ? 1 : 0;
			DayOfWeek weekday = LocalDate.parse(day.get("day").asString()).getDayOfWeek();
			weekdays += weekday == DayOfWeek.SUNDAY || weekday == DayOfWeek.SATURDAY ? 0 : opened;
			sundays += weekday == DayOfWeek.SUNDAY ? opened : 0;
			due += day.get("slaDue").asInt();
			met += day.get("slaAttainment").isNull() ? 0
					: day.get("slaAttainment").asDouble() * day.get("slaDue").asInt();
		}
		assertThat(active).as("days with new conversations").isGreaterThan(60);
		assertThat(sundays * 10).as("fewer on Sundays").isLessThan(weekdays);
		assertThat(due).isPositive();
		assertThat(met).as("service levels mostly met").isGreaterThan(due * 0.5).as("and some missed").isLessThan(due);

		Set<Long> seen = new HashSet<>();
		for (int page = 0; page < 5; page++) {
			for (JsonNode c : admin.get("/api/v1/conversations?status=all&size=100&page=" + page).body().get("items")) {
				seen.add(c.get("id").asLong());
				assertThat(OffsetDateTime.parse(c.get("lastMessageAt").asString()).toInstant())
					.as("nothing dated after now")
					.isBefore(now.plusSeconds(1));
			}
		}
		assertThat(seen.size()).isGreaterThan(400);

		Map<String, Long> inboxes = new HashMap<>();
		admin.get("/api/v1/inboxes")
			.body()
			.valueStream()
			.forEach(i -> inboxes.put(i.get("channel").asString(), i.get("id").asLong()));
		assertThat(inboxes).containsKeys("email", "widget", "whatsapp", "mastodon", "api");
		assertThat(total(admin, inboxes.get("widget"))).as("web chat conversations").isGreaterThan(20);
		assertThat(total(admin, inboxes.get("email"))).as("email conversations").isGreaterThan(100);
		assertThat(total(admin, inboxes.get("whatsapp"))).as("WhatsApp conversations").isGreaterThan(20);
		assertThat(total(admin, inboxes.get("mastodon"))).as("Mastodon conversations").isGreaterThan(10);

		// the replies went out through the real connectors: by SMTP to the customers'
		// mailboxes, by HTTP to the networks' stand-in
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(mailbox.receivedBy("@exemple.fr")).as("email replies delivered").hasSizeGreaterThan(100);
			assertThat(network.sent()).extracting(m -> m.get("network"))
				.as("WhatsApp and Mastodon replies delivered")
				.contains("whatsapp", "mastodon");
		});
		// what comes in after the start arrives through the channels' pollers: mail by
		// IMAP, a mention from the Mastodon instance
		JsonNode fresh = await().atMost(Duration.ofSeconds(60))
			.until(() -> admin
				.get("/api/v1/conversations?status=all&q=" + URLEncoder.encode("câble fibre", StandardCharsets.UTF_8)
						+ "&inboxId=" + inboxes.get("email"))
				.body()
				.get("items"), items -> items.size() == 1);
		long asked = fresh.get(0).get("id").asLong();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> admin
				.get("/api/v1/conversations?status=all&q=technicien+%C3%A9tait+top&inboxId=" + inboxes.get("mastodon"))
				.body()
				.get("items")
				.size() == 1);
		// and an answer reaches the customer's own mailbox
		assertThat(admin
			.post("/api/v1/conversations/" + asked + "/replies",
					Map.of("text", "Bonjour Élodie, le câble part aujourd'hui par la poste."))
			.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60)).until(() -> !mailbox.receivedBy("elodie.marchand@exemple.fr").isEmpty());
		assertThat(admin.get("/api/v1/approvals?status=pending").body().get("items")).isNotEmpty();
		assertThat(admin.get("/api/v1/approvals?status=approved").body().get("items")).isNotEmpty();
		JsonNode disputes = admin.get("/api/v1/conversations?status=all&q=UFC&size=100").body().get("items");
		assertThat(disputes).isNotEmpty();
		assertThat(disputes.findValuesAsString("priority")).contains("high");

		await().atMost(Duration.ofSeconds(60))
			.until(() -> !admin.get("/api/v1/listening/alerts?hours=6").body().get("items").isEmpty());

		long paul = admin.get("/api/v1/customers?q=paul.dupont@dupont-logistique.example")
			.body()
			.get("items")
			.get(0)
			.get("id")
			.asLong();
		JsonNode paths = admin.get("/api/v1/network/paths?to=" + paul).body().get("items");
		assertThat(paths.size()).as("Julie and Sophie both reach Paul Dupont through Jean Durand").isEqualTo(2);
		JsonNode moves = admin.get("/api/v1/network/signals").body().get("items");
		assertThat(moves.findValuesAsString("to")).as("a contact who changed companies")
			.contains("Croisières du Rhône");

		// the README's pictures, from this demo (target/screenshots)
		long open = disputes.get(0).get("id").asLong();
		ChromeDriver chrome = Browser.start(1440, 900);
		try {
			WebDriverWait wait = Browser.waiting(chrome, 20);
			Browser.signIn(chrome, port, "sophie.laurent@teleo.fr", DemoSeeder.PASSWORD);
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=all&open=" + open);
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
			Browser.screenshot(chrome, "demo-inbox");
			chrome.get("http://localhost:" + port + "/reports?lang=fr&from="
					+ LocalDate.now().minusDays(DemoSeeder.DAYS) + "&to=" + LocalDate.now());
			wait.until(
					ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-volume[data-drawn=true] svg")));
			Browser.screenshot(chrome, "demo-reports");
			chrome.get("http://localhost:" + port + "/listening?lang=fr");
			WebElement alert = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alerts")));
			assertThat(alert.getText()).as("the bad buzz is on the listening page").isNotBlank();
			Browser.screenshot(chrome, "demo-listening");
			chrome.manage().window().setSize(new Dimension(390, 844));
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=all&open=" + open);
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
			Browser.screenshot(chrome, "demo-phone");
		}
		finally {
			chrome.quit();
		}
	}

}
