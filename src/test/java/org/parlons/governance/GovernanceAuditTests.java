package org.parlons.governance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * What governance leaves in the audit log and the timeline: permission changes, policy
 * changes, and a service-level breach noticed once, with its event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GovernanceAuditTests {

	@LocalServerPort
	int port;

	@Test
	void aBreachedFirstResponseIsRecordedOnceInTheTimelineAndTheAuditLog() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Breach"), Map.of("sla", Map.of("firstResponse", "PT1S")));
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Allô ?"))
			.id("conversationId");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/timeline")
				.body()
				.toString()
				.contains("sla-breached"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> admin.get("/api/v1/audit?type=sla.breached&size=500")
				.body()
				.toString()
				.contains("conversation:" + conversation));
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		String timeline = admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString();
		assertThat(timeline.split("sla-breached", -1)).hasSize(2); // once
	}

	@Test
	void teamChangesAndRuleChangesAreAudited() {
		TestApi admin = TestApi.asAdmin(port);
		long agent = admin.createAgent(unique("julie") + "@teleo.test", "agent", "password-of-julie");
		long team = admin
			.post("/api/v1/teams", Map.of("name", unique("Team"), "inboxIds", List.of(), "memberIds", List.of()))
			.id("id");
		admin.put("/api/v1/teams/" + team + "/members", Map.of("ids", List.of(agent)));
		assertThat(admin.get("/api/v1/audit?type=permissions.team.members").body().toString()).contains("team:" + team)
			.contains("[] → [" + agent + "]");
		assertThat(admin.get("/api/v1/audit?type=permissions.team.created").body().toString()).contains("team:" + team);
		long rule = admin
			.post("/api/v1/conduct-rules", Map.of("name", unique("Mots"), "kind", "forbidden", "phrases",
					List.of("gratuit à vie"), "inboxId", admin.createApiInbox(unique("x"), Map.of())))
			.id("id");
		admin.delete("/api/v1/conduct-rules/" + rule);
		String policy = admin.get("/api/v1/audit?q=%23" + rule + "&size=500").body().toString();
		assertThat(policy).contains("policy.conduct-rule.created").contains("policy.conduct-rule.removed");

		org.openqa.selenium.chrome.ChromeDriver chrome = org.parlons.testing.Browser.start();
		try {
			var wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(15));
			org.parlons.testing.Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/admin?lang=en");
			chrome.findElement(org.openqa.selenium.By.id("audit-link")).click();
			chrome.findElement(org.openqa.selenium.By.id("audit-type")).sendKeys("permissions.team.members");
			chrome.findElement(org.openqa.selenium.By.id("audit-search")).click();
			wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("type=permissions.team.members"));
			assertThat(chrome.findElement(org.openqa.selenium.By.cssSelector("table.audit")).getText())
				.contains("team:" + team);
		}
		finally {
			chrome.quit();
		}
	}

}
