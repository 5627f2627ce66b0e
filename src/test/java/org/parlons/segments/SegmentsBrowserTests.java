package org.parlons.segments;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Segments and next-best actions in a real browser, in French, at 1280 px: the
 * administrator writes a segment's condition (a wrong one first, told where it stops
 * making sense), sees its member and why; in the conversation, the pane suggests the
 * action with its reasons, records the acceptance, and then leaves the action out, past
 * its contact cap, saying why; the customer's profile lists their segment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentsBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	@Test
	void anAdministratorWritesASegmentAndAnAgentTakesTheSuggestedAction() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Fidélité"), Map.of());
		var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("zoe"), "Bonjour"));
		long customer = r.id("customerId");
		long conversation = r.id("conversationId");
		String plan = unique("fibre-max");
		admin.patch("/api/v1/customers/" + customer, Map.of("attributes", Map.of("plan", plan)));
		String segment = unique("Fibre max");

		chrome = Browser.start(1280, 800);
		var wait = Browser.waiting(chrome, 10);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get("http://localhost:" + port + "/segments?lang=fr");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Segments");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		chrome.findElement(By.id("segment-name")).sendKeys(segment);
		chrome.findElement(By.id("segment-condition")).sendKeys("attribute.plan = \"" + plan);
		click(chrome.findElement(By.cssSelector("#create-segment button[type=submit]")));
		WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-danger")));
		assertThat(error.getText()).contains("guillemet fermant");
		assertThat(chrome.findElement(By.id("segment-condition")).getAttribute("value")).as("the draft is kept")
			.contains(plan);

		chrome.findElement(By.id("segment-name")).sendKeys(segment);
		chrome.findElement(By.id("segment-condition")).sendKeys("\"");
		new Select(chrome.findElement(By.id("segment-purpose"))).selectByValue("necessary");
		click(chrome.findElement(By.cssSelector("#create-segment button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-list")));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo(segment);
		assertThat(chrome.findElements(By.cssSelector("#member-list li"))).hasSize(1);
		click(chrome.findElement(By.cssSelector("#member-list li a.small")));
		WebElement reasons = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reasons")));
		assertThat(reasons.getText()).contains(plan).contains("oui");
		long segmentId = Long.parseLong(chrome.getCurrentUrl().replaceAll(".*/segments/(\\d+).*", "$1"));

		String key = unique("rappel").replaceAll("[^a-z0-9]", "");
		assertThat(admin
			.post("/api/v1/actions",
					Map.of("key", key, "titleFr", "Proposer un rappel demain", "titleEn", "Offer a callback tomorrow",
							"kind", "callback", "segmentIds", List.of(segmentId), "capCount", 1, "capDays", 30))
			.status()).isEqualTo(201);

		chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversation + "?lang=fr");
		WebElement suggestion = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#next-actions li.suggestion[data-action='" + key + "']")));
		assertThat(suggestion.getText()).contains("Proposer un rappel demain")
			.contains("Dans le segment « " + segment + " »")
			.contains("Acceptée 0 fois sur au plus 1 en 30 jours");
		click(suggestion.findElement(By.cssSelector("button.accept")));
		WebElement notice = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#next-actions .alert-success")));
		assertThat(notice.getText()).contains("« Proposer un rappel demain » acceptée");
		assertThat(chrome.findElements(By.cssSelector("#next-actions li.suggestion[data-action='" + key + "']")))
			.as("past its cap of once in 30 days")
			.isEmpty();
		click(chrome.findElement(By.cssSelector("#next-actions details.withheld summary")));
		assertThat(
				chrome.findElement(By.cssSelector("#next-actions .withheld li[data-action='" + key + "']")).getText())
			.contains("déjà acceptée 1 fois");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		chrome.get("http://localhost:" + port + "/customers/" + customer + "?lang=fr");
		WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("segments-card")));
		assertThat(card.getText()).contains("Segments et scores").contains(segment);

		var report = admin.get("/api/v1/actions/report").body().get("items");
		boolean recorded = false;
		for (var t : report) {
			if (t.get("action").get("key").asString().equals(key)) {
				recorded = t.get("accepted").asLong() == 1;
			}
		}
		assertThat(recorded).isTrue();
	}

	private void click(WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

}
