package org.parlons.channels.widget;

import java.time.Duration;
import java.util.List;
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
 * Two real browsers: a visitor chats on a page carrying the widget, an agent answers in
 * the agent UI, and the visitor sees the agent typing, then the answer, live; coming back
 * later shows the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver agent;

	ChromeDriver visitor;

	@BeforeEach
	void setUp() {
		agent = Browser.start();
		visitor = Browser.start();
	}

	@AfterEach
	void tearDown() {
		for (ChromeDriver chrome : new ChromeDriver[] { agent, visitor }) {
			if (chrome != null) {
				chrome.quit();
			}
		}
	}

	@Test
	void aVisitorWritesTheAgentAnswersInTheUiAndTheVisitorSeesItLive() {
		TestApi admin = TestApi.asAdmin(port);
		var inbox = admin.post("/api/v1/inboxes", Map.of("name", unique("Chat site"), "channel", "widget", "welcome",
				"Bonjour ! Comment pouvons-nous vous aider ?"))
			.body();
		long inboxId = inbox.get("id").asLong();
		String token = inbox.get("settings").get("publicToken").asString();
		WebDriverWait agentWait = Browser.waiting(agent, 20);
		WebDriverWait visitorWait = Browser.waiting(visitor, 20);

		agent.get(base("/login"));
		agent.findElement(By.id("username")).sendKeys(TestApi.ADMIN_EMAIL);
		agent.findElement(By.id("password")).sendKeys(TestApi.ADMIN_PASSWORD);
		agent.findElement(By.id("sign-in")).click();
		agentWait.until(ExpectedConditions.urlContains("/inbox"));
		agent.get(base("/inbox?inboxId=" + inboxId));
		agentWait.until(ExpectedConditions.attributeContains(By.id("live-state"), "class", "online"));

		visitor.get(base("/widget/demo/" + token + "?lang=fr"));
		visitorWait.until(ExpectedConditions.elementToBeClickable(By.id("parlons-launcher"))).click();
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-messages"),
				"Comment pouvons-nous vous aider"));
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-status"), "en ligne"));
		assertThat(visitor.findElement(By.id("parlons-email-form")).isDisplayed()).isFalse();
		visitor.findElement(By.id("parlons-input")).sendKeys("Bonjour, <b>ma commande</b> n'est pas arrivée.");
		visitor.findElement(By.id("parlons-send")).click();
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-messages"),
				"<b>ma commande</b> n'est pas arrivée."));

		WebElement row = agentWait.until(d -> {
			List<WebElement> rows = d.findElements(By.cssSelector("#list li.row"));
			return rows.isEmpty() ? null : rows.get(0);
		});
		row.click();
		agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "n'est pas arrivée"));
		agent.findElement(By.id("reply-text")).sendKeys("Bonjour, elle arrive demain matin.");
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-typing"), "écrit"));
		agent.findElement(By.id("send-reply")).click();
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-messages"),
				"elle arrive demain matin"));
		assertThat(visitor.findElements(By.cssSelector("#parlons-messages b"))).isEmpty();
		Browser.screenshot(visitor, "widget");

		// Resolved: the open chat asks at once, five buttons and a comment
		assertThat(visitor.findElement(By.id("parlons-survey")).isDisplayed()).isFalse();
		agent.findElement(By.id("resolve")).click();
		visitorWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("parlons-survey")));
		assertThat(visitor.findElement(By.cssSelector("#parlons-survey legend")).getText())
			.isEqualTo("Comment avons-nous répondu ?");
		assertThat(visitor.findElements(By.cssSelector("#parlons-survey input[type=radio]"))).hasSize(5);
		visitor.findElement(By.cssSelector("#parlons-survey input[value='5']")).findElement(By.xpath("..")).click();
		visitor.findElement(By.id("parlons-survey-comment")).sendKeys("Très rapide");
		visitor.findElement(By.id("parlons-rate")).click();
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-messages"),
				"Merci pour votre note."));
		assertThat(visitor.findElement(By.id("parlons-survey")).isDisplayed()).isFalse();
		long conversation = admin.get("/api/v1/conversations?inboxId=" + inboxId + "&status=all")
			.body()
			.get("items")
			.get(0)
			.get("id")
			.asLong();
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("rated");

		// Coming back later: the same browser sees the whole conversation again.
		visitor.navigate().refresh();
		visitorWait.until(ExpectedConditions.elementToBeClickable(By.id("parlons-launcher"))).click();
		visitorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("parlons-messages"),
				"elle arrive demain matin"));
		assertThat(visitor.findElement(By.id("parlons-messages")).getText()).contains("n'est pas arrivée");
	}

	private String base(String path) {
		return "http://localhost:" + port + path;
	}

}
