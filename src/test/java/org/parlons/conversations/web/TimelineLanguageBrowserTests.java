package org.parlons.conversations.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The timeline says what happened in the reader's language (issue 20): after assigning,
 * labelling, prioritising, snoozing, resolving and reopening, the French page has no
 * English word of the server's in its event lines, and the English page no French one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineLanguageBrowserTests {

	private static final Pattern ENGLISH = Pattern.compile(
			"\\b(assigned|labell?ed|priority|snoozed|resolved|reopened|high|normal|woke|pending)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FRENCH = Pattern
		.compile("(Attribuée|Étiquette|priorité|sommeil|Résolue|Rouverte|haute|normale)");

	@LocalServerPort
	int port;

	@Test
	void theTimelineIsToldInFrenchAndInEnglish() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Timeline"), Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
					Map.of("externalId", unique("c"), "name", "Léa Petit"), "text", "Ma facture est fausse."))
			.id("conversationId");
		String name = "Inès " + unique("Moreau");
		long agent = admin
			.post("/api/v1/agents",
					Map.of("email", unique("ines") + "@teleo.test", "name", name, "password", "agent-password-1",
							"role", "agent"))
			.id("id");
		String base = "/api/v1/conversations/" + conversation;
		assertThat(admin.post(base + "/assignee", Map.of("agentId", agent)).status()).isLessThan(300);
		assertThat(admin.post(base + "/labels", Map.of("label", "facture")).status()).isLessThan(300);
		assertThat(admin.post(base + "/priority", Map.of("priority", "high")).status()).isLessThan(300);
		assertThat(admin
			.post(base + "/status",
					Map.of("status", "snoozed", "snoozeUntil",
							OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()))
			.status()).isLessThan(300);
		assertThat(admin.post(base + "/status", Map.of("status", "resolved")).status()).isLessThan(300);
		assertThat(admin.post(base + "/status", Map.of("status", "open")).status()).isLessThan(300);

		ChromeDriver chrome = Browser.start();
		try {
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			List<String> french = lines(chrome, conversation, "fr");
			assertThat(french).contains("Attribuée à " + name, "Étiquette facture ajoutée", "Priorité normale → haute",
					"Résolue", "Rouverte");
			assertThat(french)
				.anyMatch(l -> l.startsWith("En sommeil jusqu’au ") || l.startsWith("En sommeil jusqu'au "));
			assertThat(french).noneMatch(l -> ENGLISH.matcher(l).find());
			Browser.screenshot(chrome, "timeline-fr");

			List<String> english = lines(chrome, conversation, "en");
			assertThat(english).contains("Assigned to " + name, "Label facture added", "Priority normal → high",
					"Resolved", "Reopened");
			assertThat(english).noneMatch(l -> FRENCH.matcher(l).find());
		}
		finally {
			chrome.quit();
		}
	}

	private List<String> lines(ChromeDriver chrome, long conversation, String language) {
		chrome.get("http://localhost:" + port + "/inbox/conversations/" + conversation + "?lang=" + language);
		Browser.waiting(chrome, 15)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thread .event-line")));
		return chrome.findElements(By.cssSelector("#thread .event-line")).stream().map(WebElement::getText).toList();
	}

}
