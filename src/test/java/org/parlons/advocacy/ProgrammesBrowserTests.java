package org.parlons.advocacy;

import java.time.Duration;
import java.time.Instant;
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
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Programmes in a real browser: on a laptop, in French, the administrator creates a
 * programme, nominates a customer under a paid contract, vets and activates them and sees
 * their undisclosed post flagged; on a phone, the member finds their status, their
 * contract and what it asks them to disclose in their space.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgrammesBrowserTests {

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
	void aManagerRunsAProgrammeOnALaptopAndTheMemberSeesTheirContractOnAPhone() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Communauté"), Map.of());
		String handle = unique("nina").replaceAll("[^a-z0-9]", "");
		long customer = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), handle, "Bonjour"))
			.id("customerId");
		admin.post("/api/v1/customers/" + customer + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", handle));
		String programme = unique("Ambassadeurs fibre");

		chrome = Browser.start(1280, 800);
		var wait = Browser.waiting(chrome, 10);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get("http://localhost:" + port + "/programmes?lang=fr");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Ambassadeurs et avocats");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		assertThat((Long) chrome.executeScript("return document.querySelector('nav.topbar').offsetHeight;"))
			.as("every section of an administrator on one line at 1280 px, in French")
			.isLessThanOrEqualTo(64);
		chrome.findElement(By.id("programme-name")).sendKeys(programme);
		new Select(chrome.findElement(By.id("programme-kind"))).selectByValue("ambassador");
		click(chrome.findElement(By.cssSelector("#create-programme button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nominate")));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).contains(programme).contains("Ambassadeurs");

		chrome.findElement(By.id("nominee")).sendKeys(Long.toString(customer));
		chrome.findElement(By.id("nominee-mission")).sendKeys("Faire découvrir la fibre");
		new Select(chrome.findElement(By.id("nominee-contract"))).selectByValue("paid");
		chrome.findElement(By.id("nominee-amount")).sendKeys("200");
		chrome.findElement(By.id("nominee-currency")).sendKeys("eur");
		click(chrome.findElement(By.cssSelector("#nominate button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("programme-notice")));
		WebElement row = chrome.findElement(By.cssSelector("#members tbody tr"));
		String rowId = row.getAttribute("id");
		assertThat(row.getText()).contains("Proposé")
			.contains("Rémunéré")
			.contains("200")
			.contains("Mention obligatoire");
		for (String status : List.of("vetted", "active")) {
			row = chrome.findElement(By.id(rowId));
			new Select(row.findElement(By.tagName("select"))).selectByValue(status);
			click(row.findElement(By.cssSelector("button[type=submit]")));
			// the page before shows a notice too: wait for the new page
			wait.until(ExpectedConditions.stalenessOf(row));
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("programme-notice")));
		}
		assertThat(chrome.findElement(By.id(rowId)).getText()).contains("Actif");
		assertThat(chrome.findElement(By.id(rowId)).getText()).contains("Cognitif");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		String text = "Ma box Téléo est top, foncez " + unique("");
		var imported = admin.post("/api/v1/listening/mentions",
				Map.of("items", List.of(Map.of("network", "x", "externalId", unique("x"), "author",
						Map.of("handle", handle), "text", text, "publishedAt", Instant.now().toString()))));
		assertThat(imported.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			chrome.navigate().refresh();
			return chrome.findElement(By.id("flags-title")).getText().contains("(1)");
		});
		assertThat(chrome.findElement(By.id("flags")).getText()).contains(text).contains("Sans mention");
		Browser.screenshot(chrome, "programme-laptop");
		chrome.quit();

		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();
		chrome = Browser.start(390, 844);
		wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		chrome.get("http://localhost:" + port + "/portal/programmes");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Mes programmes");
		String page = chrome.findElement(By.id("main")).getText();
		assertThat(page).contains(programme)
			.contains("Votre statut : Actif")
			.contains("Faire découvrir la fibre")
			.contains("Rémunéré");
		assertThat(chrome.findElement(By.id("disclosure-rule")).getText()).contains("Collaboration commerciale");
		Browser.screenshot(chrome, "programme-phone");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
	}

	/**
	 * Clicks as a person would: the element scrolled to the middle of the screen first.
	 */
	private void click(WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

}
