package org.parlons.channels.email;

import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;

/**
 * Recognises mail written by machines, which must never be answered automatically (or two
 * auto-responders answer each other forever): RFC 3834 {@code Auto-Submitted},
 * {@code Precedence}, the {@code X-Autoreply} family, mailing lists ({@code List-Id}) and
 * delivery status notifications.
 */
final class Automated {

	private Automated() {
	}

	static boolean is(MimeMessage mime, @Nullable InternetAddress from) {
		String autoSubmitted = lower(MailParser.header(mime, "Auto-Submitted"));
		if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
			return true;
		}
		String precedence = lower(MailParser.header(mime, "Precedence"));
		if (precedence.contains("bulk") || precedence.contains("junk") || precedence.contains("list")
				|| precedence.contains("auto_reply")) {
			return true;
		}
		for (String header : new String[] { "X-Autoreply", "X-Autorespond", "X-Auto-Reply", "List-Id",
				"List-Unsubscribe", "X-Loop" }) {
			if (MailParser.header(mime, header) != null) {
				return true;
			}
		}
		if (lower(MailParser.header(mime, "X-Auto-Response-Suppress")).contains("all")) {
			return true;
		}
		try {
			ContentType type = new ContentType(mime.getContentType());
			if (type.match("multipart/report")) {
				return true;
			}
		}
		catch (MessagingException | NullPointerException ex) {
			// no verdict from the type
		}
		String sender = from == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
		return sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@") || sender.startsWith("noreply@")
				|| sender.startsWith("no-reply@") || sender.startsWith("do-not-reply@");
	}

	private static String lower(@Nullable String value) {
		return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
	}

}
