package org.parlons.conversations.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
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
 * Canned replies with variables and "/" expansion, and macros (issue 20): a supervisor
 * keeps them, for everyone or one team; an agent uses those of their teams; a macro does
 * its actions in one go, checked like the agent's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreparedWorkTests {

	@LocalServerPort
	int port;

	@Test
	void aMacroAppliesItsActionsAndCannedRepliesFillTheirVariablesForTheirTeamOnly() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Prepared"), Map.of());
		String agentEmail = unique("karim") + "@teleo.test";
		long agent = admin.createAgent(agentEmail, "agent", "agent-password-1");
		String outsiderEmail = unique("thomas") + "@teleo.test";
		long outsider = admin.createAgent(outsiderEmail, "agent", "agent-password-1");
		long team = admin
			.post("/api/v1/teams",
					Map.of("name", unique("Care"), "inboxIds", List.of(inbox), "memberIds", List.of(agent)))
			.id("id");
		long otherTeam = admin
			.post("/api/v1/teams",
					Map.of("name", unique("Shops"), "inboxIds", List.of(inbox), "memberIds", List.of(outsider)))
			.id("id");
		String supervisorEmail = unique("sophie") + "@teleo.test";
		admin.createAgent(supervisorEmail, "supervisor", "supervisor-password-1");
		TestApi supervisor = TestApi.basic(port, supervisorEmail, "supervisor-password-1");
		TestApi karim = TestApi.basic(port, agentEmail, "agent-password-1");
		TestApi thomas = TestApi.basic(port, outsiderEmail, "agent-password-1");

		String shortcut = "bon" + unique("x").replace("-", "").substring(0, 6).toLowerCase();
		var canned = supervisor.post("/api/v1/canned-responses", Map.of("shortcut", shortcut, "title", "Accueil",
				"text", "Bonjour {{customer.firstName}}, je suis {{agent.firstName}}.", "teamId", team));
		assertThat(canned.status()).isEqualTo(201);
		assertThat(supervisor
			.post("/api/v1/canned-responses",
					Map.of("shortcut", unique("typo"), "title", "Typo", "text", "Bonjour {{customer.prenom}}"))
			.body()
			.get("detail")
			.asString()).contains("customer.prenom").contains("customer.firstName");
		assertThat(karim.post("/api/v1/canned-responses", Map.of("shortcut", unique("k"), "title", "t", "text", "t"))
			.status()).isEqualTo(403);
		assertThat(shortcuts(karim.get("/api/v1/canned-responses").body())).contains(shortcut);
		assertThat(shortcuts(thomas.get("/api/v1/canned-responses").body())).doesNotContain(shortcut);

		var macro = supervisor.post("/api/v1/macros",
				Map.of("name", unique("Facture"), "teamId", team, "addLabel", "facture", "priority", "high", "assign",
						"me", "reply", "Bonjour {{customer.firstName}}, nous corrigeons votre facture.", "status",
						"pending"));
		assertThat(macro.status()).isEqualTo(201);
		long macroId = macro.id("id");
		assertThat(supervisor.post("/api/v1/macros", Map.of("name", unique("Rien"))).status()).isIn(400, 422);
		assertThat(supervisor.post("/api/v1/macros", Map.of("name", unique("Mauvais"), "priority", "extreme")).status())
			.isIn(400, 422);

		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
					Map.of("externalId", unique("c"), "name", "Camille Durand"), "text", "Ma facture est fausse."))
			.id("conversationId");
		assertThat(thomas.post("/api/v1/conversations/" + conversation + "/macros/" + macroId, Map.of()).status())
			.as("another team's macro")
			.isEqualTo(403);
		var applied = karim.post("/api/v1/conversations/" + conversation + "/macros/" + macroId, Map.of());
		assertThat(applied.status()).isEqualTo(200);
		JsonNode after = karim.get("/api/v1/conversations/" + conversation).body();
		assertThat(after.get("labels").toString()).contains("facture");
		assertThat(after.get("priority").asString()).isEqualTo("high");
		assertThat(after.get("assigneeId").asLong()).isEqualTo(agent);
		assertThat(after.get("status").asString()).isEqualTo("pending");
		JsonNode messages = karim.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
		assertThat(messages.get(messages.size() - 1).get("text").asString())
			.isEqualTo("Bonjour Camille, nous corrigeons votre facture.");

		// in the browser: "/" offers the team's canned reply, filled for this customer
		ChromeDriver chrome = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, agentEmail, "agent-password-1");
			long second = admin
				.post("/api/v1/inboxes/" + inbox + "/inbound",
						Map.of("externalId", unique("m"), "author",
								Map.of("externalId", unique("c"), "name", "Léa Petit"), "text", "Bonjour ?"))
				.id("conversationId");
			chrome.get("http://localhost:" + port + "/inbox?lang=fr&status=open&inboxId=" + inbox);
			wait.until(ExpectedConditions.elementToBeClickable(By.id("row-" + second))).click();
			WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("reply-text")));
			text.sendKeys("/" + shortcut.substring(0, 4));
			WebElement offered = wait
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#canned-menu .dropdown-item")));
			assertThat(offered.getText()).contains("/" + shortcut).contains("Accueil");
			text.sendKeys(Keys.ENTER);
			assertThat(text.getDomProperty("value"))
				.isEqualTo("Bonjour Léa, je suis " + agentEmail.split("@")[0] + ".");
			Browser.screenshot(chrome, "canned-expanded");

			chrome.findElement(By.id("macros-menu")).click();
			wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".dropdown-item.macro"))).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "nous corrigeons"));
			assertThat(chrome.findElement(By.id("conv-status")).getText()).isEqualTo("En attente");
		}
		finally {
			chrome.quit();
		}
		assertThat(otherTeam).isPositive();
	}

	private static List<String> shortcuts(JsonNode list) {
		return list.valueStream().map(c -> c.get("shortcut").asString()).toList();
	}

}
