package org.parlons.routing;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * An administrator governs from the browser: adds a priority rule (and is told what an
 * incomplete one lacks), then narrows an agent's mandate; the API sees both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulesPageBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	@BeforeEach
	void setUp() {
		chrome = Browser.start();
	}

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	@Test
	void anAdministratorAddsAPriorityRuleAndNarrowsAMandate() {
		TestApi admin = TestApi.asAdmin(port);
		String julie = unique("julie") + "@teleo.test";
		long julieId = admin.createAgent(julie, "agent", "password-of-julie");
		// the rule is scoped to an inbox of this test's own: a rule for every inbox would
		// fire in other tests
		long inbox = admin.createApiInbox(unique("Règles"), Map.of());
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		WebDriverWait wait = Browser.waiting(chrome, 15);

		chrome.get("http://localhost:" + port + "/admin/rules?lang=en");
		String incomplete = unique("Gros client");
		chrome.findElement(By.cssSelector("#new-rule input[name=name]")).sendKeys(incomplete);
		new Select(chrome.findElement(By.cssSelector("#new-rule select[name=kind]"))).selectByValue("customer_value");
		chrome.findElement(By.cssSelector("#new-rule input[name=threshold]")).sendKeys("10000");
		chrome.findElement(By.cssSelector("#new-rule button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.error"), "attribute"));
		assertThat(chrome.findElement(By.id("rules")).getText()).doesNotContain(incomplete);

		String name = unique("Plainte publique");
		chrome.findElement(By.cssSelector("#new-rule input[name=name]")).sendKeys(name);
		new Select(chrome.findElement(By.cssSelector("#new-rule select[name=kind]"))).selectByValue("public_complaint");
		new Select(chrome.findElement(By.cssSelector("#new-rule select[name=priority]"))).selectByValue("urgent");
		new Select(chrome.findElement(By.cssSelector("#new-rule select[name=inboxId]")))
			.selectByValue(Long.toString(inbox));
		var formBefore = chrome.findElement(By.id("new-rule"));
		chrome.findElement(By.cssSelector("#new-rule button[type=submit]")).click();
		wait.until(org.parlons.testing.Browser.gone(formBefore));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rules"), name));
		assertThat(chrome.findElement(By.id("rules")).getText()).contains("urgent").contains("priority only");
		assertThat(admin.get("/api/v1/escalation-rules").body().toString()).contains(name).contains("PUBLIC_COMPLAINT");
		var publicComplaint = new java.util.HashMap<>(
				TestApi.inbound(unique("m"), unique("client"), "Service nul, toujours en panne, c'est honteux."));
		publicComplaint.put("visibility", "public");
		long conversation = admin.post("/api/v1/inboxes/" + inbox + "/inbound", publicComplaint).id("conversationId");
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("priority").asString())
			.isEqualTo("urgent");
		var rulesBefore = chrome.findElement(By.id("rules"));
		chrome.findElement(By.xpath("//table[@id='rules']//tr[td[1][text()='" + name + "']]//button")).click();
		wait.until(org.parlons.testing.Browser.gone(rulesBefore)); // the page reloaded:
																	// read the new one
																	// only
		wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("rules"), name)));

		chrome.get("http://localhost:" + port + "/admin?lang=en");
		chrome.findElement(By.cssSelector("#mandate-" + julieId + " summary")).click();
		String form = "#mandate-" + julieId + " form ";
		chrome.findElement(By.cssSelector(form + "input[name=maxGesture]")).sendKeys("40");
		chrome.findElement(By.cssSelector(form + "input[name=languages]")).sendKeys("fr");
		chrome.findElement(By.cssSelector(form + "input[name=withheld]")).sendKeys("legal press");
		chrome.findElement(By.cssSelector(form + "button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"),
				"gestures up to 40 EUR"));
		assertThat(agent(admin, julieId).get("languages").toString()).isEqualTo("[\"fr\"]");
		assertThat(agent(admin, julieId).get("withheldTopics").toString()).isEqualTo("[\"legal\",\"press\"]");
		assertThat(agent(admin, julieId).get("maxGesture").get("amount").asDouble()).isEqualTo(40.0);

		chrome.findElement(By.cssSelector("#mandate-" + julieId + " summary")).click();
		chrome.findElement(By.cssSelector(form + "input[name=languages]")).clear();
		chrome.findElement(By.cssSelector(form + "input[name=languages]")).sendKeys("français");
		chrome.findElement(By.cssSelector(form + "button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.error"), "ISO 639-1"));
		assertThat(agent(admin, julieId).get("languages").toString()).isEqualTo("[\"fr\"]");
	}

	private static tools.jackson.databind.JsonNode agent(TestApi admin, long id) {
		for (var a : admin.get("/api/v1/agents").body()) {
			if (a.get("id").asLong() == id) {
				return a;
			}
		}
		throw new AssertionError("no agent " + id);
	}

}
