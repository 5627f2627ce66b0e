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

}
