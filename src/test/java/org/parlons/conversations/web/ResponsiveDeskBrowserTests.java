package org.parlons.conversations.web;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The agent's desk on a phone, an ordinary laptop and a larger one (issue 20): the
 * conversation is readable, the reply box and the Send button lie inside the window and
 * work, the details panel (assignee, team, priority, labels, profile) can be reached; on
 * a phone the list and the conversation are two screens with a way back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResponsiveDeskBrowserTests {

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}×{1}")
	@CsvSource({ "390, 844", "1280, 800", "1440, 900" })
	void theConversationCanBeReadAndAnsweredAndItsDetailsReached(int width, int height) {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Desk"), Map.of());
		String text = "Bonjour, ma box clignote en rouge depuis ce matin et la télévision ne marche plus du tout. "
				+ "J'ai déjà redémarré deux fois, débranché la prise et attendu dix minutes.";
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					Map.of("externalId", unique("m"), "author",
							Map.of("externalId", unique("c"), "name", "Camille Durand"), "text", text))
			.id("conversationId");

		ChromeDriver chrome = Browser.start(width, height);
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/inbox?lang=en&status=open&inboxId=" + inbox);
			WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.id("row-" + conversation)));
			row.click();
			WebElement thread = wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#thread .msg-text")));
			wait.until(ExpectedConditions.textToBePresentInElement(thread, "ma box clignote"));
			long windowWidth = number(chrome.executeScript("return window.innerWidth;"));
			long windowHeight = number(chrome.executeScript("return window.innerHeight;"));
			assertThat(rect(chrome, "#thread").width()).as("the thread is readable")
				.isGreaterThanOrEqualTo(Math.min(420, windowWidth - 40));
			if (width < 992) {
				assertThat(chrome.findElement(By.id("list")).isDisplayed()).as("the list is the other screen")
					.isFalse();
			}
			assertInside(rect(chrome, "#reply-text"), windowWidth, windowHeight, "the reply box");
			assertInside(rect(chrome, "#send-reply"), windowWidth, windowHeight, "the Send button");
			assertThat(number(chrome
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")))
				.as("nothing sticks out sideways")
				.isLessThanOrEqualTo(0);
			Browser.screenshot(chrome, "desk-" + width + "x" + height);

			chrome.findElement(By.id("reply-text")).sendKeys("Bonjour Camille, un technicien passe demain matin.");
			chrome.findElement(By.id("send-reply")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "un technicien passe"));

			if (width < 1200) {
				assertThat(chrome.findElement(By.id("assignee")).isDisplayed()).isFalse();
				chrome.findElement(By.id("details-toggle")).click();
			}
			WebElement assignee = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assignee")));
			// the panel slides in
			wait.until(d -> rect(chrome, "#assignee").x() + rect(chrome, "#assignee").width() <= windowWidth);
			assertInside(rect(chrome, "#assignee"), windowWidth, windowHeight, "the assignee");
			assertThat(chrome.findElement(By.id("priority")).isDisplayed()).isTrue();
			assertThat(assignee.isEnabled()).isTrue();
			Browser.screenshot(chrome, "desk-details-" + width + "x" + height);

			if (width < 992) {
				chrome.findElement(By.cssSelector("#side-panel .btn-close")).click();
				wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("assignee")));
				chrome.findElement(By.cssSelector("#conversation [data-back]")).click();
				wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("row-" + conversation)));
				assertThat(chrome.findElement(By.id("pane")).isDisplayed()).isFalse();
			}
		}
		finally {
			chrome.quit();
		}
	}

	private record Box(double x, double y, double width, double height) {
	}

	private static Box rect(ChromeDriver chrome, String selector) {
		@SuppressWarnings("unchecked")
		Map<String, Object> r = (Map<String, Object>) chrome
			.executeScript("var r = document.querySelector(arguments[0]).getBoundingClientRect();"
					+ " return {x: r.left, y: r.top, width: r.width, height: r.height};", selector);
		return new Box(decimal(r.get("x")), decimal(r.get("y")), decimal(r.get("width")), decimal(r.get("height")));
	}

	private static void assertInside(Box box, long width, long height, String what) {
		assertThat(box.width()).as(what + " has a width").isPositive();
		assertThat(box.x()).as(what + " starts inside the window").isGreaterThanOrEqualTo(0);
		assertThat(box.x() + box.width()).as(what + " ends inside the window").isLessThanOrEqualTo(width);
		assertThat(box.y()).as(what + " top inside the window").isGreaterThanOrEqualTo(0);
		assertThat(box.y() + box.height()).as(what + " bottom inside the window").isLessThanOrEqualTo(height);
	}

	private static double decimal(Object value) {
		return ((Number) value).doubleValue();
	}

	private static long number(Object value) {
		return ((Number) value).longValue();
	}

}
