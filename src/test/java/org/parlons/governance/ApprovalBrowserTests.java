package org.parlons.governance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * The approval journey in two browsers: an agent promises more than her mandate allows,
 * the reply waits; a supervisor approves it on the approvals page; the reply goes out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver agent;

	ChromeDriver supervisor;

	@BeforeEach
	void setUp() {
		agent = Browser.start();
		supervisor = Browser.start();
	}

	@AfterEach
	void tearDown() {
		for (ChromeDriver chrome : new ChromeDriver[] { agent, supervisor }) {
			if (chrome != null) {
				chrome.quit();
			}
		}
	}

	@Test
	void anAgentsPromiseBeyondHerMandateGoesOutOnceASupervisorApprovesIt() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Réclamations"), Map.of());
		String julie = unique("julie") + "@teleo.test";
		String sophie = unique("sophie") + "@teleo.test";
		long julieId = person(admin, julie, "Julie Martin", "agent", 50);
		person(admin, sophie, "Sophie Laurent", "supervisor", 500);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julieId)));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					inbound(unique("m"), unique("client"), "Dix jours sans internet : je veux être dédommagé."))
			.id("conversationId");

		signIn(agent, julie);
		agent.get(base("/inbox/conversations/" + conversation + "?lang=en"));
		WebDriverWait agentWait = Browser.waiting(agent, 15);
		agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "dédommagé"));
		agent.findElement(By.id("reply-text"))
			.sendKeys("Bonjour, nous vous remboursons 80 € sur votre prochaine facture.");
		agent.findElement(By.id("send-reply")).click();
		agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "pending approval"));

		signIn(supervisor, sophie);
		supervisor.get(base("/approvals?lang=en"));
		WebDriverWait supervisorWait = Browser.waiting(supervisor, 15);
		supervisorWait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "80 EUR"));
		assertThat(supervisor.findElement(By.tagName("main")).getText()).contains("Julie Martin");
		// the card says who wrote what, and marks what went beyond the mandate; the menu
		// counts it
		var card = supervisor.findElement(By.cssSelector("section.approval[data-conversation='" + conversation + "']"));
		assertThat(card.getText()).contains("Dix jours sans internet").contains("remboursons");
		assertThat(card.findElement(By.tagName("mark")).getText()).isEqualTo("80 €");
		assertThat(Integer.parseInt(supervisor.findElement(By.id("pending-approvals")).getText()))
			.isGreaterThanOrEqualTo(1);
		org.parlons.testing.Browser.screenshot(supervisor, "approval-card");
		// other tests' replies may wait too: approve this conversation's
		supervisor
			.findElement(By.cssSelector("section.approval[data-conversation='" + conversation + "'] button.approve"))
			.click();
		supervisorWait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Decision recorded"));

		agentWait.until(d -> {
			var items = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
			return "sent".equals(items.get(items.size() - 1).get("status").asString());
		});
		// the agent is told on their screen
		agentWait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#notices .toast[data-conversation='" + conversation + "']"), "approved and sent"));
		agent.navigate().refresh();
		agentWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Approved and sent"));
	}

	private long person(TestApi admin, String email, String name, String role, int maxGesture) {
		return admin
			.post("/api/v1/agents", Map.of("email", email, "name", name, "password", "password-of-julie", "role", role,
					"mandate", Map.of("maxGesture", Map.of("amount", maxGesture, "currency", "EUR"))))
			.id("id");
	}

	private void signIn(ChromeDriver chrome, String email) {
		chrome.get(base("/login"));
		chrome.findElement(By.id("username")).sendKeys(email);
		chrome.findElement(By.id("password")).sendKeys("password-of-julie");
		chrome.findElement(By.id("sign-in")).click();
		Browser.waiting(chrome, 15).until(ExpectedConditions.urlContains("/inbox"));
	}

	private String base(String path) {
		return "http://localhost:" + port + path;
	}

}
