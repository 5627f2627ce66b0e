package org.parlons.demo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's own mail server (GreenMail, in memory, on the loopback interface): the
 * support address's mailbox, which the demo's email inbox reads over IMAP and sends
 * through over SMTP, and every customer's mailbox, where the replies land. Anyone can
 * write to {@value #SUPPORT} through its SMTP port and see the mail arrive in the inbox.
 * Runs only with the demo.
 */
@Component
class DemoMailbox {

	static final String SUPPORT = "support@teleo.fr";

	static final String PASSWORD = "parlons-demo-mail";

	private static final Logger log = LoggerFactory.getLogger(DemoMailbox.class);

	private final @Nullable GreenMail server;

	DemoMailbox(DemoSettings settings) {
		if (!settings.enabled()) {
			this.server = null;
			return;
		}
		this.server = new GreenMail(new ServerSetup[] { setup(settings.smtpPort(), ServerSetup.PROTOCOL_SMTP),
				setup(settings.imapPort(), ServerSetup.PROTOCOL_IMAP) });
		server.setUser(SUPPORT, SUPPORT, PASSWORD);
		server.start();
		log.info("Demo mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{} (write to {})", smtpPort(), imapPort(),
				SUPPORT);
	}

	private static ServerSetup setup(int port, String protocol) {
		ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
		return port == 0 ? setup.dynamicPort() : setup;
	}

	int smtpPort() {
		return running().getSmtp().getPort();
	}

	int imapPort() {
		return running().getImap().getPort();
	}

	/** A customer writes to the support address, now, as any mail client would. */
	void customerWrites(String name, String address, String subject, String text) {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(smtpPort()));
		MimeMessage mail = new MimeMessage(Session.getInstance(properties));
		try {
			mail.setFrom(new InternetAddress(address, name, StandardCharsets.UTF_8.name()));
			mail.setRecipients(Message.RecipientType.TO, SUPPORT);
			mail.setSubject(subject, StandardCharsets.UTF_8.name());
			mail.setText(text, StandardCharsets.UTF_8.name());
			mail.setSentDate(new java.util.Date());
			Transport.send(mail);
		}
		catch (MessagingException | java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException("The demo mail server refused a customer's mail", ex);
		}
	}

	/** The mail that reached an address (a customer's replies, say). */
	List<MimeMessage> receivedBy(String address) {
		return Arrays.stream(running().getReceivedMessages()).filter(m -> {
			try {
				return Arrays.stream(m.getAllRecipients())
					.anyMatch(r -> r.toString().toLowerCase(java.util.Locale.ROOT).contains(address));
			}
			catch (MessagingException ex) {
				return false;
			}
		}).toList();
	}

	private GreenMail running() {
		GreenMail server = this.server;
		if (server == null) {
			throw new IllegalStateException("The demo mail server runs only with parlons.demo.enabled=true");
		}
		return server;
	}

	@PreDestroy
	void stop() {
		GreenMail server = this.server;
		if (server != null) {
			server.stop();
		}
	}

}
