package org.parlons.conversations.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * An agent sends files with a reply at a laptop's width: one chosen in the file field,
 * one screenshot pasted into the reply box, one taken back before sending; the sent
 * message lists the files it carries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComposerFilesBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void aChosenFileAndAPastedScreenshotGoWithTheReply() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		long mailbox = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Contrats"), "channel", "email", "address", "contrats@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", 9, "username", "contrats", "password", "pw", "tls", false),
						"smtp",
						Map.of("host", "127.0.0.1", "port", 9, "username", "contrats", "password", "pw", "tls", false)))
			.id("id");
		long conversation = admin
			.post("/api/v1/conversations",
					Map.of("inboxId", mailbox, "to", unique("paul") + "@example.org", "subject", "Votre contrat",
							"text", "Bonjour Paul"))
			.id("id");
		Path dir = Files.createTempDirectory("parlons-files");
		Path contract = Files.writeString(dir.resolve("contrat.pdf"), "%PDF-1.4 contrat de Paul");
		Path other = Files.writeString(dir.resolve("brouillon.txt"), "à ne pas envoyer");

		ChromeDriver chrome = Browser.start(1280, 800);
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=all&open=" + conversation);
			WebElement files = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reply-files")));
			files.sendKeys(contract + "\n" + other);
			wait.until(d -> d.findElements(By.cssSelector("#reply-file-list .file-chip")).size() == 2);

			// a screenshot pasted into the reply box joins the files
			chrome.executeScript(
					"""
							const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), c => c.charCodeAt(0));
							const data = new DataTransfer();
							data.items.add(new File([bytes], 'image.png', {type: 'image/png'}));
							document.getElementById('reply-text').dispatchEvent(
							  new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));""");
			wait.until(d -> d.findElements(By.cssSelector("#reply-file-list .file-chip")).size() == 3);
			WebElement takeBack = chrome
				.findElement(By.cssSelector("#reply-file-list button[aria-label='Retirer brouillon.txt']"));
			takeBack.click();
			wait.until(d -> d.findElements(By.cssSelector("#reply-file-list .file-chip")).size() == 2);

			chrome.findElement(By.id("reply-text")).sendKeys("Voici votre contrat signé.");
			WebElement send = chrome.findElement(By.id("send-reply"));
			assertThat(send.getRect().getX() + send.getRect().getWidth()).isLessThanOrEqualTo(1280);
			send.click();
			wait.until(
					ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Voici votre contrat signé."));

			JsonNode sent = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items").get(1);
			assertThat(sent.get("attachments").findValuesAsString("name")).hasSize(2)
				.contains("contrat.pdf")
				.anyMatch(name -> name.startsWith("capture-") && name.endsWith(".png"));
			WebElement thread = chrome.findElement(By.id("thread"));
			assertThat(thread.findElements(By.cssSelector("ul.attachments a"))).extracting(WebElement::getText)
				.contains("contrat.pdf");
			assertThat(chrome.findElements(By.cssSelector("#reply-file-list .file-chip")))
				.as("the composer is empty again")
				.isEmpty();
		}
		finally {
			chrome.quit();
		}
	}

}
