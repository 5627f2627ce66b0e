package org.parlons.conversations.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The list in another order, and a view saved for the agent alone (issue 20): most urgent
 * first or longest waiting first; the filters and the order kept under a name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SavedViewsTests {

	@LocalServerPort
	int port;

	@Test
	void anAgentSortsByPriorityAndSavesTheView() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Vues"), Map.of());
		long first = conversation(admin, inbox, "Premier");
		long urgent = conversation(admin, inbox, "Urgent");
		long last = conversation(admin, inbox, "Dernier");
		admin.post("/api/v1/conversations/" + urgent + "/priority", Map.of("priority", "urgent"));
		assertThat(ids(admin, inbox, "newest")).containsExactly(last, urgent, first);
		assertThat(ids(admin, inbox, "oldest")).containsExactly(first, urgent, last);
		assertThat(ids(admin, inbox, "priority")).containsExactly(urgent, first, last);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox + "&sort=sideways").status()).isIn(400, 422);

		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/inbox?lang=en&status=open&inboxId=" + inbox);
			WebElement before = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("row-" + first)));
			new Select(chrome.findElement(By.id("sort"))).selectByValue("priority");
			wait.until(org.parlons.testing.Browser.gone(before));
			wait.until(d -> rows(chrome).equals(List.of(urgent, first, last)));
			chrome.findElement(By.cssSelector("details.save-view summary")).click();
			String name = unique("Urgences");
			chrome.findElement(By.cssSelector("#save-view input[name=viewName]")).sendKeys(name);
			chrome.findElement(By.cssSelector("#save-view button[type=submit]")).click();
			WebElement saved = wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(name)));
			assertThat(saved.getDomAttribute("href")).contains("sort=priority").contains("inboxId=" + inbox);
			chrome.get("http://localhost:" + port + "/inbox?lang=en");
			wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name))).click();
			wait.until(d -> rows(chrome).equals(List.of(urgent, first, last)));
		}
		finally {
			chrome.quit();
		}
	}

	private static List<Long> rows(ChromeDriver chrome) {
		return chrome.findElements(By.cssSelector("#list li.row"))
			.stream()
			.map(r -> Long.valueOf(r.getDomAttribute("data-id")))
			.toList();
	}

	private static long conversation(TestApi admin, long inbox, String name) {
		return admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
					Map.of("externalId", unique("c"), "name", name), "text", "Bonjour"))
			.id("conversationId");
	}

	private static List<Long> ids(TestApi admin, long inbox, String sort) {
		return admin.get("/api/v1/conversations?status=open&inboxId=" + inbox + "&sort=" + sort)
			.body()
			.get("items")
			.valueStream()
			.map(i -> i.get("id").asLong())
			.toList();
	}

}
