package org.parlons.curation;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.parlons.testing.Browser;
import org.parlons.testing.MastodonDouble;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * A curator's day in a real browser, in French, on a 1280 px laptop: a feed added on the
 * sources page (its health shown), its article kept with an insight in the triage, an
 * edition composed with it as headline for the brand's Mastodon account, published and
 * seen posted once; its public page and the calendar read on a phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CurationBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	MastodonDouble network = new MastodonDouble();

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
		network.close();
	}

	@Test
	void aCuratorKeepsAnArticleComposesAnEditionAndPublishesItOnce() {
		TestApi admin = TestApi.asAdmin(port);
		String slug = unique("reseau");
		String title = "Un réseau plus sobre " + slug;
		String feed = network.feed(slug, "application/rss+xml", """
				<?xml version="1.0"?><rss version="2.0"><channel><title>Le Blog Télécom</title>
				<link>https://blog.example/</link><description>b</description>
				<item><title>%s</title><link>https://blog.example/%s?utm_source=rss</link>
				<description>Comment les opérateurs consomment moins.</description></item></channel></rss>
				""".formatted(title, slug));
		String account = unique("Teleo");
		assertThat(admin
			.post("/api/v1/inboxes",
					Map.of("name", account, "channel", "mastodon", "instanceUrl", "https://piaille.example",
							"accessToken", "tok", "apiBaseUrl", network.url()))
			.status()).isEqualTo(201);

		chrome = Browser.start(1280, 800);
		var wait = Browser.waiting(chrome, 15);
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		String base = "http://localhost:" + port;
		chrome.get(base + "/curation/sources?lang=fr");
		assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Curation");
		chrome.findElement(By.id("feed-url")).sendKeys(feed);
		chrome.findElement(By.id("feed-name")).sendKeys("Le Blog Télécom " + slug);
		click(chrome.findElement(By.cssSelector("#add-feed button[type=submit]")));
		WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success")));
		assertThat(notice.getText()).contains("ajouté : un article");
		assertThat(chrome.findElement(By.id("source-list")).getText()).contains("Le Blog Télécom " + slug, "lu");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		click(chrome.findElement(By.id("curation-triage")));
		WebElement card = wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.xpath("//article[.//a[normalize-space(.)='" + title + "']]")));
		assertThat(chrome.findElement(By.id("suggestions")).getText()).contains(title, "une source (poids 1)");
		card.findElement(By.name("note")).sendKeys("Ce que nous faisons aussi, et mieux.");
		click(card.findElement(By.cssSelector("button[value=kept]")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert-success")));
		assertThat(chrome.findElement(By.id("kept-items")).getText()).contains(title,
				"Ce que nous faisons aussi, et mieux.");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();

		click(chrome.findElement(By.id("curation-editions")));
		String edition = unique("La lettre du lundi");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edition-title"))).sendKeys(edition);
		new Select(chrome.findElement(By.id("edition-headline"))).selectByVisibleText(title);
		chrome.findElement(By.id("edition-note")).sendKeys("À lire avant notre annonce de jeudi.");
		click(chrome.findElement(By.xpath("//label[contains(., '" + account + "')]/preceding-sibling::input")));
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		click(chrome.findElement(By.cssSelector("#compose button[type=submit]")));
		wait.until(ExpectedConditions.textToBe(By.id("edition-status"), "brouillon"));
		assertThat(chrome.findElement(By.id("edition-posts")).getText()).contains(edition, title,
				"À lire avant notre annonce de jeudi.");
		click(chrome.findElement(By.id("publish")));
		wait.until(ExpectedConditions.textToBe(By.id("edition-status"), "publiée"));
		await().atMost(Duration.ofSeconds(15)).until(() -> network.statuses().size() == 1);
		chrome.navigate().refresh();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edition-posts"), "publiée"));
		assertThat(chrome.findElement(By.id("edition-steps")).getText()).contains("brouillon", "publiée");
		assertThat(chrome.findElements(By.id("publish"))).as("published once").isEmpty();
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		String editionUrl = chrome.getCurrentUrl();
		long id = Long.parseLong(editionUrl.replaceAll(".*/curation/editions/(\\d+).*", "$1"));

		chrome.quit();
		chrome = Browser.start(390, 844);
		wait = Browser.waiting(chrome, 15);
		chrome.get(base + "/editions/" + id + "?lang=fr");
		assertThat(chrome.findElement(By.id("edition-title")).getText()).isEqualTo(edition);
		assertThat(chrome.findElement(By.id("headline")).getText()).contains(title,
				"À lire avant notre annonce de jeudi.");
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
		chrome.get(base + "/curation/calendar?lang=fr");
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("calendar"))).getText())
			.contains(edition);
		assertThat(Browser.widerThanTheScreen(chrome)).isFalse();
		assertThat(network.statuses()).hasSize(1);
	}

	private void click(WebElement element) {
		chrome.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
		element.click();
	}

}
