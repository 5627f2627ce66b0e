package org.parlons.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Service-level timers through the API: set on the inbox, running until the first answer,
 * then met; a bad policy is refused when the inbox is saved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceLevelsTests {

	@LocalServerPort
	int port;

	@Test
	void theFirstResponseTimerRunsUntilTheAnswerAndIsThenMet() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("SLA"),
				Map.of("sla", Map.of("firstResponse", "PT2H", "resolution", "PT40H")));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");

		JsonNode timers = admin.get("/api/v1/conversations/" + conversation + "/sla").body().get("timers");
		assertThat(timers).hasSize(2);
		JsonNode first = timers.get(0);
		assertThat(first.get("name").asString()).isEqualTo("firstResponse");
		assertThat(first.get("state").asString()).isEqualTo("running");
		Instant due = Instant.parse(first.get("dueAt").asString());
		assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofMinutes(118), Duration.ofMinutes(121));

		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Bonjour, je regarde."));
		JsonNode after = admin.get("/api/v1/conversations/" + conversation + "/sla").body().get("timers").get(0);
		assertThat(after.get("state").asString()).isEqualTo("met");
		var plain = admin.createApiInbox(unique("no SLA"), Map.of());
		long other = admin.post("/api/v1/inboxes/" + plain + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		assertThat(admin.get("/api/v1/conversations/" + other + "/sla").body().get("timers")).isEmpty();
	}

	@Test
	void anUrgentConversationGetsTheUrgentTarget() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("SLA prio"), Map.of("sla",
				Map.of("firstResponse", "PT4H", "byPriority", Map.of("urgent", Map.of("firstResponse", "PT30M")))));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Urgent !"))
			.id("conversationId");
		JsonNode normal = admin.get("/api/v1/conversations/" + conversation + "/sla").body().get("timers").get(0);
		assertThat(Duration.between(Instant.now(), Instant.parse(normal.get("dueAt").asString())))
			.isBetween(Duration.ofMinutes(238), Duration.ofMinutes(241));
		assertThat(admin.post("/api/v1/conversations/" + conversation + "/priority", Map.of("priority", "urgent"))
			.status()).isEqualTo(200);
		JsonNode urgent = admin.get("/api/v1/conversations/" + conversation + "/sla").body().get("timers").get(0);
		assertThat(Duration.between(Instant.now(), Instant.parse(urgent.get("dueAt").asString())))
			.isBetween(Duration.ofMinutes(28), Duration.ofMinutes(31));
		var bad = admin.post("/api/v1/inboxes", Map.of("name", unique("Bad"), "channel", "api", "sla",
				Map.of("byPriority", Map.of("critical", Map.of("firstResponse", "PT1H")))));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body().get("detail").asString()).contains("sla.byPriority.critical");
		var french = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/inboxes",
					Map.of("name", unique("Mauvais"), "channel", "api", "sla", Map.of("firstResponse", "2h"),
							"businessHours", Map.of("zone", "Europe/Paris", "mon", "18:00-09:00")));
		assertThat(french.status()).isEqualTo(422);
		assertThat(french.body().get("detail").asString())
			.isEqualTo("businessHours.mon : 18:00-09:00 finit avant de commencer.");
		var french2 = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/inboxes",
					Map.of("name", unique("Mauvais"), "channel", "api", "sla", Map.of("firstResponse", "2h")));
		assertThat(french2.body().get("detail").asString())
			.isEqualTo("sla.firstResponse est une durée ISO-8601 telle que PT2H, pas 2h.");
	}

	@Test
	void theConversationPaneShowsTheTimers() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("SLA UI"), Map.of("sla", Map.of("firstResponse", "PT1H")));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		org.openqa.selenium.chrome.ChromeDriver chrome = org.parlons.testing.Browser.start();
		try {
			var wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15));
			chrome.get("http://localhost:" + port + "/login");
			chrome.findElement(org.openqa.selenium.By.id("username")).sendKeys(TestApi.ADMIN_EMAIL);
			chrome.findElement(org.openqa.selenium.By.id("password")).sendKeys(TestApi.ADMIN_PASSWORD);
			chrome.findElement(org.openqa.selenium.By.id("sign-in")).click();
			wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/inbox"));
			chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversation + "?lang=en");
			var signal = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
				.visibilityOfElementLocated(org.openqa.selenium.By.cssSelector(".signals .signal")));
			assertThat(signal.getText()).startsWith("First response · due");
			assertThat(signal.getAttribute("class")).contains("running");
		}
		finally {
			chrome.quit();
		}
	}

	@Test
	void refusesABadPolicyWhenTheInboxIsSaved() {
		TestApi admin = TestApi.asAdmin(port);
		var bad = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Bad"), "channel", "api", "sla", Map.of("firstResponse", "2 heures")));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body().get("detail").asString()).contains("sla.firstResponse").contains("PT2H");
		var hours = admin.post("/api/v1/inboxes", Map.of("name", unique("Bad"), "channel", "api", "businessHours",
				Map.of("zone", "Europe/Paris", "mon", "9h-18h")));
		assertThat(hours.status()).isEqualTo(422);
	}

}
