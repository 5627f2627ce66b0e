package org.parlons.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Preparing a meeting in a real browser, in French: an agent drops her LinkedIn export on
 * the desk at 1280 px, finds Paul Dupont, reads who can introduce her and why, and asks a
 * colleague; the colleague accepts on his phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetworkBrowserTests {

	static final String PASSWORD = "browser-network-1";

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
	void anAgentFindsWhoCanIntroduceHerAndAsksAColleagueWhoAcceptsOnHisPhone() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		String jean = "jean.durand-" + run + "@conseil.example";
		String paul = "paul.dupont-" + run + "@conseil.example";
		String lastName = "Dupont" + run;
		String claire = unique("claire") + "@test.local";
		String bruno = unique("bruno") + "@test.local";
		admin.post("/api/v1/agents",
				Map.of("email", claire, "name", "Claire Martin", "password", PASSWORD, "role", "agent"));
		admin.post("/api/v1/agents",
				Map.of("email", bruno, "name", "Bruno Petit", "password", PASSWORD, "role", "agent"));
		String header = "Notes:\n\"When exporting your connection data, you may notice…\"\n\n"
				+ "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
		TestApi.basic(port, bruno, PASSWORD)
			.postText("/api/v1/network/imports/linkedin",
					header + "Jean,Durand,," + jean + ",Fibre Conseil,Directeur financier,12 Mar 2021\n");
		admin.withHeader("Content-Type", "text/vcard")
			.postRaw("/api/v1/network/imports/vcard", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jean Durand\r\nEMAIL:" + jean
					+ "\r\nRELATED;TYPE=colleague:mailto:" + paul + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\n"
					+ "N:" + lastName + ";Paul;;;\r\nFN:Paul " + lastName + "\r\nEMAIL:" + paul
					+ "\r\nORG:Réseau Conseil\r\nTITLE:PDG\r\nEND:VCARD\r\n");
		Path export = Files.createTempFile("Connections", ".csv");
		Files.writeString(export, header + "Jean,Durand,," + jean + ",Fibre Conseil,Directeur financier,03 Feb 2025\n");

		chrome = Browser.start(1280, 800);
		var wait = Browser.waiting(chrome, 15);
		Browser.signIn(chrome, port, claire, PASSWORD);
		String base = "http://localhost:" + port;
		chrome.get(base + "/network?lang=fr");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Réseau professionnel");
		chrome.findElement(By.id("linkedin-file")).sendKeys(export.toAbsolutePath().toString());
		click(chrome.findElement(By.cssSelector("#import-linkedin button[type=submit]")));
		WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success")));
		assertThat(notice.getText()).contains("1 personnes lues (0 nouvelles), 1 liens");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		chrome.findElement(By.id("find-q")).sendKeys(lastName);
		click(chrome.findElement(By.cssSelector("#find-person button[type=submit]")));
		click(wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Paul " + lastName))));
		WebElement paths = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("path-list")));
		assertThat(paths.getText()).contains("Claire Martin", "Bruno Petit", "Jean Durand", "Paul " + lastName,
				"relation LinkedIn depuis le", "vCard : confrère");
		assertThat(chrome.findElement(By.cssSelector(".lead")).getText()).contains("PDG chez Réseau Conseil");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		click(chrome.findElement(By.xpath("//button[normalize-space(.)='Demander à Bruno Petit']")));
		assertThat(
				wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success"))).getText())
			.contains("Mise en relation demandée");

		chrome.quit();
		chrome = Browser.start(390, 844);
		wait = Browser.waiting(chrome, 15);
		Browser.signIn(chrome, port, bruno, PASSWORD);
		chrome.get(base + "/network?lang=fr");
		WebElement asked = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("introduction-list")));
		assertThat(asked.getText()).contains("Claire Martin vous demande de le présenter à Paul " + lastName,
				"demandée");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		click(asked.findElement(By.xpath(".//button[normalize-space(.)='Accepter']")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success")));
		assertThat(chrome.findElement(By.id("introduction-list")).getText()).contains("acceptée");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
	}

	private void click(WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

}
