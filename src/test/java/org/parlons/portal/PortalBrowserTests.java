package org.parlons.portal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The customer's journey in a real browser at phone width: open the link, read the
 * requests, reply, rate the resolution, search the answers before asking again; in
 * French, then in English, with nothing wider than the screen. The team's side: an agent
 * writes and publishes an answer, and invites a customer, on a laptop's screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	@Test
	void aCustomerSignsInReadsRepliesAndRatesOnAPhone() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Mail"), Map.of());
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("a"), "name", "Léa Martin", "email", unique("lea") + "@exemple.fr"),
						"text", "Ma box ne démarre plus", "subject", "Box en panne"));
		long customer = first.id("customerId");
		long conversation = first.id("conversationId");
		long sent = admin
			.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Un technicien passe demain."))
			.id("id");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get("/api/v1/conversations/" + conversation + "/messages")
				.body()
				.get("items")
				.valueStream()
				.anyMatch(m -> m.get("id").asLong() == sent && m.get("status").asString().equals("sent")));
		admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved"));
		String word = "zorg" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "") + "ub";
		long answer = admin.post("/api/v1/answers",
				Map.of("language", "fr", "title", "Que faire si ma box " + word + " tombe en panne ?", "body",
						"Débranchez-la dix secondes, puis rebranchez-la.\n\nSi le voyant reste rouge, écrivez-nous."))
			.id("id");
		admin.post("/api/v1/answers/" + answer + "/publication", Map.of("published", true));
		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();

		chrome = Browser.start(390, 844);
		var wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		assertThat(chrome.findElement(By.id("ask-link")).getText()).isEqualTo("M’envoyer un lien de connexion");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Mes demandes");
		assertThat(chrome.findElement(By.id("requests")).getText()).contains("Box en panne").contains("résolue");
		assertNothingWiderThanTheScreen();

		chrome.findElement(By.cssSelector("#requests a.request")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("thread")));
		assertThat(chrome.findElement(By.id("thread")).getText()).contains("Ma box ne démarre plus")
			.contains("Un technicien passe demain.");
		chrome.findElement(By.cssSelector("label[for=score-4]")).click();
		chrome.findElement(By.id("comment")).sendKeys("Rapide et clair");
		chrome.findElement(By.id("send-rating")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rated")));
		assertThat(chrome.findElement(By.id("notice")).getText()).isEqualTo("Merci pour votre note.");
		assertThat(chrome.findElements(By.id("rate"))).isEmpty();

		chrome.findElement(By.id("reply-text")).sendKeys("Merci, à demain !");
		chrome.findElement(By.cssSelector("#reply button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Merci, à demain !"));
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/messages").body().toString())
			.contains("Merci, à demain !");
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("status").asString())
			.as("the customer writing again reopens the request")
			.isEqualTo("open");
		assertNothingWiderThanTheScreen();

		// before asking again: the team's published answers, found by the customer's
		// words
		chrome.get("http://localhost:" + port + "/portal");
		chrome.findElement(By.id("before-asking")).sendKeys("pannes " + word);
		chrome.findElement(By.cssSelector("#search-before-asking button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("answers")));
		assertThat(chrome.findElement(By.id("answers")).getText())
			.contains("Que faire si ma box " + word + " tombe en panne ?")
			.contains("Débranchez-la");
		assertNothingWiderThanTheScreen();

		chrome.get("http://localhost:" + port + "/portal/contracts?lang=en");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Contracts");
		chrome.get("http://localhost:" + port + "/portal");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("My requests");
		assertThat(chrome.findElement(By.id("requests")).getText()).contains("Box en panne").contains("open");
		assertNothingWiderThanTheScreen();
	}

	@Test
	void anAgentWritesPublishesAnAnswerAndInvitesACustomerOnALaptop() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Mail"), Map.of());
		long customer = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("a"), "name", "Hugo"),
							"text", "Bonjour"))
			.id("customerId");
		chrome = Browser.start(1280, 800);
		var wait = Browser.waiting(chrome, 10);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get("http://localhost:" + port + "/answers?lang=fr");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Questions et réponses");
		assertNothingWiderThanTheScreen();
		String title = "Comment changer d’offre " + unique("") + " ?";
		chrome.findElement(By.id("answer-title")).sendKeys(title);
		chrome.findElement(By.id("answer-body")).sendKeys("Depuis votre espace, rubrique Contrats.");
		chrome.findElement(By.id("save-answer")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("publish-answer")));
		assertThat(chrome.findElement(By.id("answers-notice")).getText()).isEqualTo("Réponse enregistrée.");
		assertThat(chrome.findElement(By.id("answers-list")).getText()).contains(title).contains("brouillon");
		chrome.findElement(By.id("publish-answer")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("answers-list"), "publiée"));
		assertThat(admin.get("/api/v1/answers")
			.body()
			.get("items")
			.valueStream()
			.filter(a -> a.get("title").asString().equals(title))
			.findFirst()
			.orElseThrow()
			.get("published")
			.asBoolean()).isTrue();

		chrome.get("http://localhost:" + port + "/customers/" + customer);
		chrome.findElement(By.id("invite-to-space")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-url")));
		String link = chrome.findElement(By.id("invitation-url")).getAttribute("value");
		assertThat(link).contains("/portal/sign-in/");
		assertNothingWiderThanTheScreen();

		// the customer's organisation, made on their page; sharing is the administrator's
		String company = unique("Boulangerie");
		chrome.findElement(By.id("organisation-new")).sendKeys(company);
		new org.openqa.selenium.support.ui.Select(chrome.findElement(By.id("organisation-role")))
			.selectByValue("admin");
		chrome.findElement(By.id("organisation-save")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation-name"), company));
		assertThat(chrome.findElement(By.id("organisation-name")).getText()).contains("administrateur");
		assertThat(chrome.findElement(By.id("organisation-sharing")).getText())
			.isEqualTo("Chaque membre ne lit que ses propres demandes.");
		chrome.findElement(By.id("toggle-sharing")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation-sharing"), "lisent"));
		assertNothingWiderThanTheScreen();
	}

	private void assertNothingWiderThanTheScreen() {
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
	}

}
