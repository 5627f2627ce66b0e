package org.parlons.channels.web;

import java.time.Duration;
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
 * An administrator edits an inbox from its page (issue 20): its name, automatic
 * assignment and settings; secrets are not in that form (they are replaced one by one)
 * and a bad value is refused in words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxAdminBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void anAdministratorRenamesAnInboxAndChangesItsWebhook() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Site"), Map.of("webhookUrl", "https://old.example.org/hook"));
		String renamed = unique("Site web");
		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/admin/inboxes?lang=en");
			WebElement edit = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edit-" + inbox)));
			edit.findElement(By.tagName("summary")).click();
			assertThat(edit.findElements(By.name("s.webhookSecret"))).as("a secret is not edited here").isEmpty();
			WebElement name = edit.findElement(By.name("name"));
			name.clear();
			name.sendKeys(renamed);
			WebElement hook = edit.findElement(By.name("s.webhookUrl"));
			assertThat(hook.getDomProperty("value")).isEqualTo("https://old.example.org/hook");
			hook.clear();
			hook.sendKeys("https://new.example.org/hook");
			edit.findElement(By.cssSelector("button[type=submit]")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));

			JsonNode saved = admin.get("/api/v1/inboxes/" + inbox).body();
			assertThat(saved.get("name").asString()).isEqualTo(renamed);
			assertThat(saved.toString()).contains("https://new.example.org/hook");
		}
		finally {
			chrome.quit();
		}
	}

	@Test
	void anAdministratorDeletesAnInboxByTypingItsNameAndItsConversationStaysReadable() {
		TestApi admin = TestApi.asAdmin(port);
		String name = unique("Ancienne boutique");
		long inbox = admin.createApiInbox(name, Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					TestApi.inbound(unique("m"), unique("c"), "Ma commande est arrivée cassée."))
			.id("conversationId");
		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/admin/inboxes?lang=fr");
			WebElement delete = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-" + inbox)));
			delete.findElement(By.tagName("summary")).click();
			delete.findElement(By.name("confirm")).sendKeys("une autre");
			delete.findElement(By.cssSelector("button[type=submit]")).click();
			WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.error")));
			assertThat(error.getText()).contains("tapez exactement le nom").contains(name);
			assertThat(admin.get("/api/v1/inboxes/" + inbox).status()).isEqualTo(200);

			delete = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-" + inbox)));
			delete.findElement(By.tagName("summary")).click();
			delete.findElement(By.name("confirm")).sendKeys(name);
			delete.findElement(By.cssSelector("button[type=submit]")).click();
			WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
			assertThat(notice.getText()).contains(name).contains("supprimée");
			assertThat(chrome.findElements(By.id("delete-" + inbox))).isEmpty();

			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=open");
			wait.until(ExpectedConditions.elementToBeClickable(By.id("row-" + conversation))).click();
			WebElement gone = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-deleted")));
			assertThat(gone.getText()).contains(name).contains("supprimée");
			assertThat(chrome.findElements(By.id("reply-form"))).as("nothing more can be sent").isEmpty();
			assertThat(chrome.findElement(By.id("thread")).getText()).contains("arrivée cassée");
		}
		finally {
			chrome.quit();
		}
	}

}
