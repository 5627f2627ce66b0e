package org.parlons.conversations.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
 * An agent writes first to a customer from the customer's page, on a phone, in French: a
 * refusal keeps what was typed and says why; the sent message opens its conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboundBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void anAgentWritesToACustomerFromTheirPage() {
		TestApi admin = TestApi.asAdmin(port);
		String mailboxName = unique("Relations clients");
		long mailbox = admin.post("/api/v1/inboxes", Map.of("name", mailboxName, "channel", "email", "address",
				"relations@teleo.test", "imap",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false), "smtp",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false)))
			.id("id");
		String doorName = unique("Site");
		long door = admin.createApiInbox(doorName, Map.of());
		long customer = admin
			.post("/api/v1/inboxes/" + door + "/inbound", TestApi.inbound(unique("m"), unique("client"), "Bonjour"))
			.id("customerId");
		String email = unique("nadia") + "@example.org";
		admin.post("/api/v1/customers/" + customer + "/identities", Map.of("kind", "email", "value", email));

		ChromeDriver chrome = Browser.start(390, 844);
		try {
			WebDriverWait wait = Browser.waiting(chrome, 15);
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			chrome.get("http://localhost:" + port + "/customers/" + customer + "?lang=fr");
			WebElement write = wait.until(ExpectedConditions.elementToBeClickable(By.id("write-to-customer")));
			assertThat(chrome.findElement(By.cssSelector("ul.identities")).getText())
				.as("a channel's id names its inbox, not its number")
				.contains("(" + doorName + ")")
				.doesNotContain("inbox:");
			write.click();
			WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-conversation")));
			assertThat(chrome.findElement(By.id("new-to-help")).getText()).contains(email);
			new Select(form.findElement(By.id("new-inbox"))).selectByValue(Long.toString(mailbox));
			form.findElement(By.id("new-text")).sendKeys("Bonjour Nadia, votre dossier est complet.");
			form.findElement(By.id("new-send")).click();

			WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outbound-error")));
			assertThat(error.getText()).isEqualTo("Un e-mail a besoin d'un objet.");
			assertThat(chrome.findElement(By.id("new-text")).getDomProperty("value"))
				.isEqualTo("Bonjour Nadia, votre dossier est complet.");

			chrome.findElement(By.id("new-subject")).sendKeys("Votre dossier");
			WebElement send = chrome.findElement(By.id("new-send"));
			chrome.executeScript("arguments[0].scrollIntoView({block: 'center'})", send);
			assertThat(send.getRect().getX() + send.getRect().getWidth()).isLessThanOrEqualTo(390);
			send.click();

			WebElement thread = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thread")));
			wait.until(ExpectedConditions.textToBePresentInElement(thread, "votre dossier est complet"));
			assertThat(thread.getText()).contains("a ouvert la conversation (e-mail)");
			assertThat(chrome.getCurrentUrl()).contains("open=");
		}
		finally {
			chrome.quit();
		}
	}

}
