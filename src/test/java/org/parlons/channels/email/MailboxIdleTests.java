package org.parlons.channels.email;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * With polling once an hour, a new mail still arrives within seconds: the server
 * announces it over IMAP IDLE. And an inbox an administrator switches off shows as
 * disabled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "parlons.email.poll-interval=PT1H")
class MailboxIdleTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("idle@teleo.test", "idle@teleo.test", "secret-4"))
		.withPerMethodLifecycle(false);

	@LocalServerPort
	int port;

	@Test
	void aNewMailArrivesAtOnceThroughIdleAndADisabledInboxSaysSo() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		Map<String, Object> server = Map.of("host", "127.0.0.1", "username", "idle@teleo.test", "password", "secret-4",
				"tls", false);
		var imap = new java.util.HashMap<>(server);
		imap.put("port", mail.getImap().getPort());
		var smtp = new java.util.HashMap<>(server);
		smtp.put("port", mail.getSmtp().getPort());
		long inbox = admin
			.post("/api/v1/inboxes",
					Map.of("name", unique("Idle"), "channel", "email", "address", "idle@teleo.test", "imap", imap,
							"smtp", smtp))
			.id("id");
		await(() -> "connected".equals(health(admin, inbox))); // the first poll has run
		Thread.sleep(6_000); // the watcher is started and idling

		Instant sent = Instant.now();
		java.util.Properties p = new java.util.Properties();
		p.setProperty("mail.smtp.host", "127.0.0.1");
		p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
		MimeMessage m = new MimeMessage(Session.getInstance(p));
		m.setFrom(new InternetAddress("someone@example.com"));
		m.setRecipient(Message.RecipientType.TO, new InternetAddress("idle@teleo.test"));
		m.setSubject("Réveil");
		m.setText("Vous m'entendez ?", "UTF-8");
		Transport.send(m);

		await(() -> admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asLong() == 1);
		assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(15));

		assertThat(admin.patch("/api/v1/inboxes/" + inbox, Map.of("enabled", false)).status()).isEqualTo(200);
		await(() -> "disabled".equals(health(admin, inbox)));
	}

	private static String health(TestApi admin, long inbox) {
		return admin.get("/api/v1/inboxes/" + inbox).body().get("health").get("state").asString();
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("condition not met in 20 s");
	}

}
