package org.parlons.conversations.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * One action on many conversations (issue 20): each done as by hand, another team's
 * refused with its reason while the others are done; in the list, ticked rows and one
 * action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BulkActionsTests {

	@LocalServerPort
	int port;

	@Test
	void tickedConversationsAreResolvedAndLabelledAtOnceAndAnotherTeamsAreRefused() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Bulk"), Map.of());
		long elsewhere = admin.createApiInbox(unique("Ailleurs"), Map.of());
		String email = unique("ines") + "@teleo.test";
		long ines = admin.createAgent(email, "agent", "agent-password-1");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Care"), "inboxIds", List.of(inbox), "memberIds", List.of(ines)));
		admin.post("/api/v1/teams",
				Map.of("name", unique("Other"), "inboxIds", List.of(elsewhere), "memberIds", List.of()));
		long a = conversation(admin, inbox, "Camille Durand");
		long b = conversation(admin, inbox, "Hugo Roux");
		long c = conversation(admin, inbox, "Léa Petit");
		long foreign = conversation(admin, elsewhere, "Paul Martin");
		TestApi agent = TestApi.basic(port, email, "agent-password-1");

		var labelled = agent.post("/api/v1/conversations/bulk",
				Map.of("ids", List.of(a, b, foreign), "label", "panne"));
		assertThat(labelled.status()).isEqualTo(200);
		assertThat(ids(labelled.body().get("done"))).containsExactly(a, b);
		assertThat(labelled.body().get("refused").get(0).get("id").asLong()).isEqualTo(foreign);
		var inFrench = agent.withHeader("Accept-Language", "fr")
			.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a, foreign), "label", "panne"));
		assertThat(inFrench.body().get("refused").get(0).get("detail").asString())
			.isEqualTo("Aucune conversation n° " + foreign + " dans les boîtes que vous voyez.");
		assertThat(admin.get("/api/v1/conversations/" + foreign).body().get("labels").toString())
			.doesNotContain("panne");
		assertThat(
				agent.post("/api/v1/conversations/bulk", Map.of("ids", List.of(a), "label", "x", "status", "resolved"))
					.status())
			.as("one action at a time")
			.isIn(400, 422);
		assertThat(agent.post("/api/v1/conversations/bulk", Map.of("ids", List.of(), "status", "resolved")).status())
			.isIn(400, 422);

		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, email, "agent-password-1");
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=open&inboxId=" + inbox);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("row-" + a)));
			chrome.findElement(By.cssSelector("#row-" + a + " .bulk-check")).click();
			chrome.findElement(By.cssSelector("#row-" + c + " .bulk-check")).click();
			assertThat(chrome.findElement(By.id("pane")).getText()).as("ticking does not open")
				.doesNotContain("Camille");
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk")));
			assertThat(chrome.findElement(By.cssSelector("#bulk .bulk-count")).getText()).contains("2");
			new Select(chrome.findElement(By.cssSelector("#bulk select[name=action]")))
				.selectByValue("status:resolved");
			chrome.findElement(By.id("bulk-apply")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-done")));
			assertThat(chrome.findElement(By.id("bulk-done")).getText()).contains("Fait sur 2");
			Browser.screenshot(chrome, "bulk-done");
		}
		finally {
			chrome.quit();
		}
		assertThat(admin.get("/api/v1/conversations/" + a).body().get("status").asString()).isEqualTo("resolved");
		assertThat(admin.get("/api/v1/conversations/" + c).body().get("status").asString()).isEqualTo("resolved");
		assertThat(admin.get("/api/v1/conversations/" + b).body().get("status").asString()).isEqualTo("open");
	}

	private static long conversation(TestApi admin, long inbox, String name) {
		return admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
					Map.of("externalId", unique("c"), "name", name), "text", "Bonjour, ma ligne est coupée."))
			.id("conversationId");
	}

	private static List<Long> ids(JsonNode list) {
		return list.valueStream().map(JsonNode::asLong).toList();
	}

}
