package org.parlons.channels.email;

import java.time.Duration;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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
 * The email journey in Chromium: an administrator connects a mailbox in the admin UI, a
 * customer's mail arrives, the agent reads its new part (the quoted history one click
 * away) and answers in the UI, and the answer lands in the customer's mailbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmailBrowserTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(
				GreenMailConfiguration.aConfig().withUser("hello@teleo.test", "hello@teleo.test", "secret-2"))
		.withPerMethodLifecycle(false);

	@LocalServerPort
	int port;

	ChromeDriver chrome;

	WebDriverWait wait;

	@BeforeEach
	void setUp() {
		chrome = Browser.start();
		wait = Browser.waiting(chrome, 30);
	}

	@AfterEach
	void tearDown() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	@Test
	void anAdministratorConnectsAMailboxAndAnAgentAnswersAMailInTheUi() throws Exception {
		String name = unique("Courriel");
		String customer = unique("camille") + "@example.com";
		mail.setUser(customer, customer, "pw");
		signIn();

		chrome.get(base("/admin/inboxes"));
		WebElement form = chrome.findElement(By.id("email-inbox-form"));
		form.findElement(By.name("name")).sendKeys(name);
		form.findElement(By.name("address")).sendKeys("hello@teleo.test");
		fill(form, "imap", mail.getImap().getPort());
		fill(form, "smtp", mail.getSmtp().getPort());
		form.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), name));

		TestApi admin = TestApi.asAdmin(port);
		long inbox = -1;
		for (JsonNode i : admin.get("/api/v1/inboxes").body()) {
			if (name.equals(i.get("name").asString())) {
				inbox = i.get("id").asLong();
			}
		}
		assertThat(inbox).isPositive();

		send(customer, "Coupure internet", "Plus d'internet depuis hier soir.\n\n"
				+ "Le lun. 3 nov. 2025 à 10:00, Téléo <hello@teleo.test> a écrit :\n> Votre commande est confirmée.");
		chrome.get(base("/inbox?inboxId=" + inbox));
		By row = By.cssSelector("#list li.row");
		WebElement first = Browser.waiting(chrome, 30).until(d -> {
			List<WebElement> rows = d.findElements(row);
			if (rows.isEmpty()) {
				d.navigate().refresh();
				return null;
			}
			return rows.get(0);
		});
		first.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"),
				"Plus d'internet depuis hier soir."));
		WebElement details = chrome.findElement(By.cssSelector("#thread details.full-text"));
		assertThat(details.findElement(By.cssSelector(".msg-text")).isDisplayed()).isFalse();
		details.findElement(By.tagName("summary")).click();
		assertThat(details.findElement(By.cssSelector(".msg-text")).getText())
			.contains("Votre commande est confirmée.");

		chrome.findElement(By.id("reply-text")).sendKeys("Bonjour, un technicien passe demain entre 8 h et 10 h.");
		chrome.findElement(By.id("send-reply")).click();
		MimeMessage answer = Browser.waiting(chrome, 30).until(d -> {
			MimeMessage[] received = mail.getReceivedMessagesForDomain(customer);
			return received.length == 0 ? null : received[received.length - 1];
		});
		assertThat(answer.getSubject()).startsWith("Re: Coupure internet [#");
		assertThat(answer.getContent().toString()).isNotBlank();

		chrome.get(base("/admin/inboxes"));
		assertThat(chrome.findElement(By.tagName("main")).getText()).contains(name);
		assertThat(chrome.findElements(By.cssSelector("td.health.connected"))).isNotEmpty();
	}

	private void fill(WebElement form, String server, int serverPort) {
		form.findElement(By.name(server + "Host")).sendKeys("127.0.0.1");
		WebElement portField = form.findElement(By.name(server + "Port"));
		portField.clear();
		portField.sendKeys(Integer.toString(serverPort));
		form.findElement(By.name(server + "Username")).sendKeys("hello@teleo.test");
		form.findElement(By.name(server + "Password")).sendKeys("secret-2");
		form.findElement(By.name(server + "Tls")).click(); // GreenMail speaks plain IMAP
															// and SMTP here
	}

	private void send(String from, String subject, String text) throws Exception {
		java.util.Properties p = new java.util.Properties();
		p.setProperty("mail.smtp.host", "127.0.0.1");
		p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
		MimeMessage m = new MimeMessage(Session.getInstance(p));
		m.setFrom(new InternetAddress(from, "Camille Durand", "UTF-8"));
		m.setRecipient(Message.RecipientType.TO, new InternetAddress("hello@teleo.test"));
		m.setSubject(subject, "UTF-8");
		m.setText(text, "UTF-8");
		Transport.send(m);
	}

	private void signIn() {
		chrome.get(base("/login"));
		chrome.findElement(By.id("username")).sendKeys(TestApi.ADMIN_EMAIL);
		chrome.findElement(By.id("password")).sendKeys(TestApi.ADMIN_PASSWORD);
		chrome.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.urlContains("/inbox"));
	}

	private String base(String path) {
		return "http://localhost:" + port + path;
	}

}
