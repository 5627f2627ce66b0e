package org.parlons.conversations.web;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * A colleague assigns a conversation (issue 20): the agent sees a notice at once, the
 * tab's title counts it, the row is marked unread; opening it reads it. The filter
 * column's counts follow the list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void aColleaguesAssignmentShowsANoticeAndTheUnreadCount() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Notices"), Map.of());
		String email = unique("julie") + "@teleo.test";
		long julie = admin.createAgent(email, "agent", "agent-password-1");
		admin.post("/api/v1/teams", Map.of("name", unique("Care"), "inboxIds", java.util.List.of(inbox), "memberIds",
				java.util.List.of(julie)));
		long conversation = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Hugo Lefebvre"),
						"text", "Ma ligne est coupée depuis hier."))
			.id("conversationId");
		admin.post("/api/v1/conversations/" + conversation + "/assignee",
				java.util.Collections.singletonMap("agentId", null));

		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, email, "agent-password-1");
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=open&inboxId=" + inbox);
			wait.until(ExpectedConditions.attributeContains(By.id("live-state"), "class", "online"));
			assertThat(chrome.getTitle()).doesNotStartWith("(");
			String pendingBefore = chrome.findElement(By.id("count-pending")).getText();

			assertThat(admin.post("/api/v1/conversations/" + conversation + "/assignee", Map.of("agentId", julie))
				.status()).isLessThan(300);
			WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.cssSelector("#notices .toast[data-conversation='" + conversation + "']")));
			assertThat(notice.getText()).contains("Hugo Lefebvre").contains("attribuée");
			wait.until(ExpectedConditions.titleContains("(1) "));
			WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("row-" + conversation)));
			assertThat(row.getDomAttribute("class")).contains("unread");
			Browser.screenshot(chrome, "notice-assigned");

			// the filter column follows the list: the colleague sets it pending
			admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "pending"));
			wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("count-pending"), pendingBefore)));
			wait.until(d -> !d.getTitle().startsWith("("));
			admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "open"));
			wait.until(ExpectedConditions.titleContains("(1) "));

			wait.until(ExpectedConditions.elementToBeClickable(By.id("row-" + conversation))).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "ligne est coupée"));
			chrome.navigate().refresh();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("row-" + conversation)));
			assertThat(chrome.findElement(By.id("row-" + conversation)).getDomAttribute("class"))
				.doesNotContain("unread");
			assertThat(chrome.getTitle()).doesNotStartWith("(");

			// a colleague names her in a note
			assertThat(admin
				.post("/api/v1/conversations/" + conversation + "/notes",
						Map.of("text", "@" + email.split("@")[0] + " peux-tu rappeler ce client ?"))
				.status()).isLessThan(300);
			wait.until(ExpectedConditions.textToBePresentInElementLocated(
					By.cssSelector("#notices .toast[data-conversation='" + conversation + "']"), "cité"));

			// the agent says from the menu that they are away; auto-assignment reads it
			chrome.findElement(By.cssSelector("button.me")).click();
			wait.until(ExpectedConditions.elementToBeClickable(By.id("availability-away"))).click();
			wait.until(ExpectedConditions.attributeContains(By.id("my-availability"), "class", "away"));
			assertThat(admin.get("/api/v1/agents").body().toString()).contains("\"availability\":\"away\"");
		}
		finally {
			chrome.quit();
		}
	}

}
