package org.parlons.portal;

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
import static org.parlons.testing.TestApi.unique;

/**
 * Data rights in a real browser: on a phone, a customer agrees to offers and withdraws,
 * gives an advisor access and sees the key once, revokes it, and asks for erasure, in
 * French; on a laptop, the administrator sees the request with its deadline on the data
 * rights page, in English, takes it and carries it out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataRightsBrowserTests {

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
	void aCustomerDecidesGrantsAndAsksOnAPhoneAndTheAdministratorCarriesItOut() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Mail"), Map.of());
		String name = "Léon " + unique("Vidal");
		String hello = "Bonjour de " + unique("Léon");
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("a"), "name", name, "email", unique("leon") + "@exemple.fr"),
						"text", hello, "subject", "Question"));
		long customer = first.id("customerId");
		long conversation = first.id("conversationId");
		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();

		chrome = Browser.start(390, 844);
		var wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		chrome.get("http://localhost:" + port + "/portal/privacy");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Mes données et mes consentements");
		assertThat(chrome.findElement(By.id("consent-offers")).getText()).contains("Offres et nouveautés")
			.contains("Non");
		click(chrome.findElement(By.cssSelector("#consent-offers button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(chrome.findElement(By.id("notice")).getText()).contains("consentement est enregistré");
		assertThat(chrome.findElement(By.id("consent-offers")).getText()).contains("Oui")
			.contains("Télécharger le reçu");
		assertNothingWiderThanTheScreen();

		chrome.findElement(By.id("grantee")).sendKeys("Mon conseiller");
		click(chrome.findElement(By.cssSelector("label[for='scope-1']")));
		assertThat(chrome.findElement(By.cssSelector("input[value='contracts:read']")).isSelected()).isTrue();
		click(chrome.findElement(By.cssSelector("#grant-form button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token")));
		String token = chrome.findElement(By.cssSelector("#new-token code")).getText();
		assertThat(token).startsWith("pg_");
		assertThat(TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer " + token)
			.get("/vrm/api/v1/contracts")
			.status()).isEqualTo(200);
		chrome.navigate().refresh();
		assertThat(chrome.findElements(By.id("new-token"))).as("the key is shown once").isEmpty();
		assertThat(chrome.findElement(By.id("grants")).getText()).contains("Mon conseiller").contains("lecture de");
		click(chrome.findElement(By.cssSelector("#grants button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
		assertThat(TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer " + token)
			.get("/vrm/api/v1/contracts")
			.status()).isEqualTo(401);

		new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("kind"))).selectByValue("erasure");
		chrome.findElement(By.id("detail")).sendKeys("Je déménage.");
		click(chrome.findElement(By.cssSelector("#data-request-form button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("data-requests")));
		assertThat(chrome.findElement(By.id("notice")).getText()).contains("Nous répondons au plus tard le");
		assertThat(chrome.findElement(By.id("data-requests")).getText()).contains("Effacement").contains("Reçue");
		assertNothingWiderThanTheScreen();
		chrome.quit();

		chrome = Browser.start(1280, 800);
		wait = Browser.waiting(chrome, 10);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get("http://localhost:" + port + "/privacy?lang=en");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Data rights");
		var row = chrome.findElement(By.xpath("//tr[td/a[normalize-space()='" + name + "']]"));
		assertThat(row.getText()).contains("Erasure").contains("Je déménage.");
		String id = row.getAttribute("id");
		click(row.findElement(By.xpath(".//button[normalize-space()='Take it']")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("privacy-notice")));
		assertThat(chrome.findElement(By.id(id)).getText()).contains("In progress");
		assertNothingWiderThanTheScreen();
		var before = chrome.findElement(By.id(id));
		click(before.findElement(By.xpath(".//button[normalize-space()='Erase now']")));
		// the page before still shows the last notice: wait for the new page
		wait.until(ExpectedConditions.stalenessOf(before));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("privacy-notice")));
		assertThat(chrome.findElements(By.id(id))).isEmpty();
		assertThat(chrome.findElement(By.id("closed-title")).findElement(By.xpath("..")).getText())
			.contains("Personal data erased; figures and contracts remain.");
		assertThat(admin.get("/api/v1/customers/" + customer).body().get("name").isNull()).isTrue();
		// the erased conversation still shows in the inbox and opens, with nothing of the
		// customer
		chrome.get("http://localhost:" + port + "/inbox");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("list")));
		chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversation);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("thread")));
		assertThat(chrome.findElement(By.tagName("body")).getText()).doesNotContain(name).doesNotContain(hello);
	}

	/**
	 * Clicks as a person would: the element scrolled to the middle of the screen first.
	 */
	private void click(org.openqa.selenium.WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

	private void assertNothingWiderThanTheScreen() {
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
	}

}
