package org.parlons.channels.email;

import java.util.Properties;

import jakarta.mail.Session;

/**
 * Mail sessions for one inbox's servers, with timeouts so a silent server cannot hang a
 * poll or a send.
 */
final class MailSessions {

	private static final String TIMEOUT_MS = "20000";

	private MailSessions() {
	}

	static Session imap(EmailSettings.Server server) {
		String protocol = server.tls() ? "imaps" : "imap";
		Properties p = new Properties();
		p.setProperty("mail.store.protocol", protocol);
		p.setProperty("mail." + protocol + ".host", server.host());
		p.setProperty("mail." + protocol + ".port", Integer.toString(server.port()));
		p.setProperty("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
		p.setProperty("mail." + protocol + ".timeout", TIMEOUT_MS);
		p.setProperty("mail." + protocol + ".writetimeout", TIMEOUT_MS);
		// Reading a mail must not mark it read in the company's mailbox.
		p.setProperty("mail." + protocol + ".peek", "true");
		// A mail comes in one FETCH (its size is checked first), not in thousands of 16
		// KB round trips.
		p.setProperty("mail." + protocol + ".partialfetch", "false");
		if (!server.tls()) {
			p.setProperty("mail.imap.starttls.enable", "true");
		}
		return Session.getInstance(p);
	}

	static Session smtp(EmailSettings.Server server) {
		String protocol = server.tls() ? "smtps" : "smtp";
		Properties p = new Properties();
		p.setProperty("mail.transport.protocol", protocol);
		p.setProperty("mail." + protocol + ".host", server.host());
		p.setProperty("mail." + protocol + ".port", Integer.toString(server.port()));
		p.setProperty("mail." + protocol + ".auth", Boolean.toString(!server.username().isEmpty()));
		p.setProperty("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
		p.setProperty("mail." + protocol + ".timeout", TIMEOUT_MS);
		p.setProperty("mail." + protocol + ".writetimeout", TIMEOUT_MS);
		if (!server.tls()) {
			p.setProperty("mail.smtp.starttls.enable", "true");
		}
		return Session.getInstance(p);
	}

}
