package org.parlons.representation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.parlons.testing.Browser;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * An election in a real browser: on a phone, in French, a sociétaire ranks the candidates
 * and votes, and cannot vote twice; on a laptop, the administrator closes the vote, reads
 * the count with its pairwise matrix and certifies it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ElectionsBrowserTests {

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
	void aShareholderRanksAndVotesOnAPhoneAndTheAdministratorCertifiesOnALaptop() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Sociétaires"), Map.of());
		long voter = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("v"), "Bonjour"))
			.id("customerId");
		long community = admin.post("/api/v1/communities", Map.of("name", unique("Mutuelle"))).id("id");
		admin.put("/api/v1/communities/" + community + "/members/" + voter, Map.of("kind", "shareholder"));
		String title = unique("Assemblée générale");
		long election = admin
			.post("/api/v1/elections",
					Map.of("title", title, "seats", 1, "method", "schulze", "electorate",
							Map.of("communityId", community), "votingOpensAt", Instant.now().toString(),
							"votingClosesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
			.id("id");
		List<Long> candidates = List.of(1, 2, 3).stream().map(i -> {
			long c = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Bonjour"))
				.id("customerId");
			return admin
				.post("/api/v1/elections/" + election + "/candidates",
						Map.of("customerId", c, "statement", "Des tarifs lisibles " + i))
				.id("id");
		}).toList();
		String url = admin.post("/api/v1/customers/" + voter + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();

		chrome = Browser.start(390, 844);
		var wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		click(chrome.findElement(By.cssSelector(".navbar-toggler")));
		click(wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-elections"))));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("election-" + election)));
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Élections");
		WebElement card = chrome.findElement(By.id("election-" + election));
		assertThat(card.getText()).contains(title).contains("Classez les candidats").contains("Des tarifs lisibles 2");
		new Select(chrome.findElement(By.id("rank-" + candidates.get(2)))).selectByValue("1");
		new Select(chrome.findElement(By.id("rank-" + candidates.get(0)))).selectByValue("2");
		click(card.findElement(By.cssSelector("form.ballot button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("elections-notice")));
		assertThat(chrome.findElement(By.id("elections-notice")).getText()).contains("Votre vote est compté");
		assertThat(chrome.findElement(By.id("election-" + election)).getText()).contains("Vous avez voté");
		assertThat(chrome.findElements(By.cssSelector("#election-" + election + " form.ballot"))).isEmpty();
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		chrome.quit();

		chrome = Browser.start(1280, 800);
		wait = Browser.waiting(chrome, 10);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get("http://localhost:" + port + "/representation/elections/" + election + "?lang=en");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo(title);
		click(chrome.findElement(By.id("close-election")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pairwise")));
		assertThat(chrome.findElement(By.id("turnout")).getText()).contains("1 ballots for 1 on the roll");
		assertThat(chrome.findElement(By.cssSelector("#tally li")).getText()).contains("beats 2");
		click(chrome.findElement(By.id("certify")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("certified")));
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		chrome.get("http://localhost:" + port + "/representation?lang=en");
		assertThat(chrome.findElement(By.id("representatives")).getText()).contains(title);
	}

	@Test
	void aCustomerAsksForMediationOnAPhoneAndAcceptsTheMediatorsProposal() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Factures"), Map.of());
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Rose Marin"),
						"text", "Ma facture de mars compte deux fois l'option TV.", "subject", "Facture de mars"));
		long customer = first.id("customerId");
		String mediatorName = unique("Médiateur des communications électroniques");
		admin.post("/api/v1/mediators", Map.of("name", mediatorName, "organisation", "AMCE", "website",
				"https://www.mediateur-telecom.fr", "external", true));
		String url = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();

		chrome = Browser.start(390, 844);
		var wait = Browser.waiting(chrome, 10);
		chrome.get("http://localhost:" + port + "/portal/sign-in?lang=fr");
		chrome.get("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
		chrome.get("http://localhost:" + port + "/portal/mediation");
		assertThat(chrome.findElement(By.id("mediators")).getText()).contains(mediatorName).contains("indépendant");
		new Select(chrome.findElement(By.id("mediation-request"))).selectByVisibleText("Facture de mars");
		chrome.findElement(By.id("mediation-reason")).sendKeys("On me refuse le remboursement.");
		click(chrome.findElement(By.cssSelector("#ask-mediation button[type=submit]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mediation-notice")));
		assertThat(chrome.findElement(By.id("main")).getText()).contains("Demandée")
			.contains("Vous avez demandé une médiation");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		ChromeDriver laptop = Browser.start(1280, 800);
		try {
			var onLaptop = Browser.waiting(laptop, 10);
			Browser.signIn(laptop, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			laptop.get("http://localhost:" + port + "/representation?lang=en");
			WebElement row = laptop.findElement(By.cssSelector("#mediations tbody tr"));
			String rowId = row.getAttribute("id");
			new Select(row.findElement(By.tagName("select"))).selectByVisibleText(mediatorName);
			laptop.executeScript("arguments[0].click();", row.findElement(By.cssSelector("button[type=submit]")));
			onLaptop.until(ExpectedConditions.presenceOfElementLocated(By.id("representation-notice")));
			laptop.findElement(By.cssSelector("#" + rowId + " textarea"))
				.sendKeys("Remboursement de l'option, 9,99 €.");
			WebElement assigned = laptop.findElement(By.id(rowId));
			laptop.executeScript("arguments[0].click();", assigned.findElement(By.cssSelector("button[type=submit]")));
			// the page before shows a notice too: wait for the new page
			onLaptop.until(ExpectedConditions.stalenessOf(assigned));
			onLaptop.until(ExpectedConditions.presenceOfElementLocated(By.id("representation-notice")));
			assertThat(laptop.findElement(By.id(rowId)).getText()).contains("Proposal made");
			assertThat(Browser.widerThanTheScreen(laptop)).isFalse();
		}
		finally {
			laptop.quit();
		}

		chrome.navigate().refresh();
		assertThat(chrome.findElement(By.id("main")).getText()).contains("Remboursement de l'option");
		click(chrome.findElement(By.cssSelector("button[name=accept][value=true]")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mediation-notice")));
		assertThat(chrome.findElement(By.id("main")).getText()).contains("Vous avez accepté");
	}

	private void click(WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

}
