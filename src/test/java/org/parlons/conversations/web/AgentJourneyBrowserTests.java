package org.parlons.conversations.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The main agent journey in a real Chromium: sign in, open a conversation, reply, and see
 * the customer's next message arrive live without reloading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentJourneyBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	WebDriverWait wait;

	TestApi admin;

	@BeforeEach
	void setUp() {
		chrome = Browser.start();
		wait = Browser.waiting(chrome, 15);
		admin = TestApi.asAdmin(port);
	}

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	@Test
	void agentSignsInRepliesAndSeesTheNextMessageLive() {
		long inbox = admin.createApiInbox(unique("Site web"), Map.of());
		String customer = unique("cust");
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author", Map.of("externalId", customer, "name", "Camille Durand"),
						"text", "Bonjour, ma box clignote en rouge depuis ce matin."));
		long conversation = first.id("conversationId");

		signIn(TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get(base("/inbox?status=open&inboxId=" + inbox));
		WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.id("row-" + conversation)));
		assertThat(row.getText()).contains("Camille Durand");
		row.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "ma box clignote"));
		wait.until(ExpectedConditions.attributeContains(By.id("live-state"), "class", "online"));

		chrome.findElement(By.id("reply-text")).sendKeys("Bonjour Camille, un technicien passe demain matin.");
		chrome.findElement(By.id("send-reply")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "un technicien passe demain"));

		var replies = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
		assertThat(replies).hasSize(2);
		assertThat(replies.get(1).get("direction").asString()).isEqualTo("out");

		admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", customer, "name", "Camille Durand"), "text", "Merci, je serai là à 9 h."));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "je serai là à 9 h"));
		Browser.screenshot(chrome, "inbox");
	}

	@Test
	void hostileHtmlInAMessageIsShownAsTextAndNeverRuns() {
		long inbox = admin.createApiInbox(unique("Hostile"), Map.of());
		String hostile = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
		Map<String, Object> message = new HashMap<>(Map.of("externalId", unique("h"), "author",
				Map.of("externalId", unique("evil"), "name", "<b>Mallory</b>"), "text", hostile));
		long conversation = admin.post("/api/v1/inboxes/" + inbox + "/inbound", message).id("conversationId");

		signIn(TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get(base("/inbox/conversations/" + conversation));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "<script>"));
		assertThat(chrome.getTitle()).doesNotContain("pwned");
		assertThat(chrome.findElement(By.id("thread")).findElements(By.tagName("script"))).isEmpty();
		assertThat(chrome.findElement(By.id("thread")).findElements(By.tagName("img"))).isEmpty();
		assertThat(chrome.findElement(By.cssSelector(".conv-head h2")).getText()).isEqualTo("<b>Mallory</b>");
	}

	@Test
	void wrongPasswordShowsAMessageOnTheSignInPage() {
		chrome.get(base("/login?lang=en"));
		chrome.findElement(By.id("username")).sendKeys(TestApi.ADMIN_EMAIL);
		chrome.findElement(By.id("password")).sendKeys("not-the-password");
		chrome.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".login-box .error"),
				"Wrong email or password"));
	}

	private void signIn(String email, String password) {
		chrome.get(base("/login"));
		chrome.findElement(By.id("username")).sendKeys(email);
		chrome.findElement(By.id("password")).sendKeys(password);
		chrome.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlContains("/inbox"));
	}

	private String base(String path) {
		return "http://localhost:" + port + path;
	}

}
