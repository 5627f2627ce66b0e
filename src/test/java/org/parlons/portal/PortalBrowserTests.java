package org.parlons.portal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The customer's journey in a real browser at phone width: open the link, read the
 * requests, reply, rate the resolution; in French, then in English, with nothing wider
 * than the screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserTests {

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
	void aCustomerSignsInReadsRepliesAndRatesOnAPhone() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Mail"), Map.of());
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("a"), "name", "Léa Martin", "email", unique("lea") + "@exemple.fr"),
						"text", "Ma box ne démarre plus", "subject", "Box en panne"));
		long customer = first.id("customerId");
		long conversation = first.id("conversationId");
		long sent = admin
			.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Un technicien passe demain."))
			.id("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch(m -> m.get("id").asLong() == sent && m.get("status").asString().equals("sent")));
		admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"));
		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();

		chrome = Browser.start(390, 844);
		var wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		assertThat(chrome.findElement(By.id("ask-link")).getText()).isEqualTo("M’envoyer un lien de connexion");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
		assertThat(chrome.findElement(By.id("requests")).getText()).contains("Box en panne").contains("résolue");
		assertNothingWiderThanTheScreen();

		chrome.findElement(By.cssSelector("#requests a.request")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("thread")));
		assertThat(chrome.findElement(By.id("thread")).getText()).contains("Ma box ne démarre plus")
			.contains("Un technicien passe demain.");
		chrome.findElement(By.cssSelector("label[for=score-4]")).click();
		chrome.findElement(By.id("comment")).sendKeys("Rapide et clair");
		chrome.findElement(By.id("send-rating")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rated")));
		assertThat(chrome.findElement(By.id("notice")).getText()).isEqualTo("Merci pour votre note.");
		assertThat(chrome.findElements(By.id("rate"))).isEmpty();

		chrome.findElement(By.id("reply-text")).sendKeys("Merci, à demain !");
		chrome.findElement(By.cssSelector("#reply button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Merci, à demain !"));
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().toString())
			.contains("Merci, à demain !");
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("status").asString())
			.as("the customer writing again reopens the request")
			.isEqualTo("open");
		assertNothingWiderThanTheScreen();

		chrome.get("http://localhost:" + port + "/portal/contracts?lang=en");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Contracts");
		chrome.get("http://localhost:" + port + "/portal");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("My requests");
		assertThat(chrome.findElement(By.id("requests")).getText()).contains("Box en panne").contains("open");
		assertNothingWiderThanTheScreen();
	}

	private void assertNothingWiderThanTheScreen() {
		Object wider = chrome
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
		assertThat(wider).isEqualTo(Boolean.FALSE);
	}

}
