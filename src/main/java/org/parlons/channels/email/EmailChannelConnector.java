package org.parlons.channels.email;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.parlons.channels.ChannelConnector;
import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Deliveries;
import org.parlons.customers.Identity;
import org.parlons.channels.social.OutgoingFiles;
import org.parlons.channels.social.PlatformHttp;
import org.parlons.platform.Sentences;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The email channel: inboxes read over IMAP ({@link MailboxPoller}) and replies sent over
 * SMTP with a proper {@code Message-ID}, {@code In-Reply-To} and {@code References}, and
 * the conversation token {@code [#id]} in the subject, as plain text and HTML. The
 * Message-ID is derived from the message id, so a reply sent again after a crash carries
 * the same id and mail clients show it once. Connector health follows from the results
 * ({@code OutboxDispatcher}).
 */
@Component
public class EmailChannelConnector implements ChannelConnector {

	private final ConversationTokens tokens;

	private final Sentences sentences;

	private final OutgoingFiles files;

	EmailChannelConnector(ConversationTokens tokens, Sentences sentences, OutgoingFiles files) {
		this.tokens = tokens;
		this.sentences = sentences;
		this.files = files;
	}

	@Override
	public boolean sendsFiles() {
		return true;
	}

	@Override
	public String channel() {
		return "email";
	}

	@Override
	public Set<String> secretSettings() {
		return EmailSettings.SECRETS;
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new java.util.LinkedHashMap<>(settings);
		EmailSettings checked = EmailSettings.from(settings, "");
		prepared.putAll(checked.toMap());
		if (settings.get("fromName") == null) {
			prepared.remove("fromName");
		}
		return prepared;
	}

	@Override
	public Identity.Kind addressedBy() {
		return Identity.Kind.EMAIL;
	}

	/**
	 * Answers where the customer's mail asked (its Reply-To, else its From), not the
	 * profile's first address; when the reply answers no mail, the address the agent
	 * started the conversation with, else the customer's known one.
	 */
	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		String asked = outgoing.repliedTo() == null ? null : outgoing.repliedTo().answerTo();
		if (asked != null && !asked.isBlank()) {
			return deliverTo(outgoing.inbox(), outgoing, asked);
		}
		if (outgoing.startedTo() != null) {
			return deliverTo(outgoing.inbox(), outgoing, outgoing.startedTo());
		}
		return outgoing.customer()
			.email()
			.map(to -> deliverTo(outgoing.inbox(), outgoing, to))
			.orElseGet(() -> new DeliveryResult.Failed(sentences.english("delivery.noEmail")));
	}

	/**
	 * Sends a reply by email through a mailbox, which may belong to another inbox than
	 * the reply's (web chat answers a visitor who has left, by email).
	 */
	public DeliveryResult deliverTo(org.parlons.conversations.Inbox mailbox, Deliveries.Outgoing outgoing, String to) {
		EmailSettings settings;
		try {
			settings = EmailSettings.of(mailbox);
		}
		catch (IllegalArgumentException ex) {
			return new DeliveryResult.Failed(sentences.english("delivery.emailSettings", ex.getMessage()));
		}
		EmailSettings.Server smtp = settings.smtp();
		OutgoingFiles.Loaded files = this.files.load(outgoing.message().attachments(), i -> "file" + i);
		if (files.missing() != null) {
			return new DeliveryResult.Failed(files.missing());
		}
		try {
			MimeMessage mail = compose(outgoing, settings, to, files.parts());
			send(mail, smtp);
			return new DeliveryResult.Sent(mail.getMessageID());
		}
		catch (SMTPSendFailedException ex) {
			return refused(outgoing, ex.getReturnCode(), ex.getMessage());
		}
		catch (SendFailedException ex) {
			if (ex.getNextException() instanceof SMTPSendFailedException smtpEx) {
				return refused(outgoing, smtpEx.getReturnCode(), smtpEx.getMessage());
			}
			return new DeliveryResult.Failed(sentences.english("delivery.addressRefused", ex.getMessage()));
		}
		catch (AuthenticationFailedException ex) {
			return passing(outgoing, sentences.english("delivery.smtpCredentials", ex.getMessage()));
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			return passing(outgoing, sentences.english("delivery.smtp", ex.getMessage()));
		}
	}

	/**
	 * Sends a mail the server writes on its own (a satisfaction survey…) through an email
	 * inbox's mailbox: marked {@code Auto-Submitted: auto-generated} (RFC 3834) so that
	 * out-of-office replies do not answer it, its links clickable in the HTML part.
	 */
	public DeliveryResult notice(org.parlons.conversations.Inbox mailbox, String to, String subject, String text) {
		EmailSettings settings;
		try {
			settings = EmailSettings.of(mailbox);
		}
		catch (IllegalArgumentException ex) {
			return new DeliveryResult.Failed(sentences.english("delivery.emailSettings", ex.getMessage()));
		}
		EmailSettings.Server smtp = settings.smtp();
		try {
			MimeMessage mail = new MimeMessage(MailSessions.smtp(smtp));
			mail.setFrom(new InternetAddress(settings.address(), settings.fromName(), "UTF-8"));
			mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
			mail.setSubject(subject, "UTF-8");
			mail.setSentDate(new Date());
			mail.setHeader("Auto-Submitted", "auto-generated");
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText(text, "UTF-8", "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(linked(html(text)), "UTF-8", "html");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(plain);
			alternative.addBodyPart(html);
			mail.setContent(alternative);
			mail.saveChanges();
			send(mail, smtp);
			return new DeliveryResult.Sent(mail.getMessageID());
		}
		catch (SMTPSendFailedException ex) {
			return new DeliveryResult.Failed(
					sentences.english("delivery.smtpRefused", String.valueOf(ex.getReturnCode()), ex.getMessage()));
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			return new DeliveryResult.Retry(sentences.english("delivery.smtp", ex.getMessage()), null);
		}
	}

	/** Hands a mail to the mailbox's SMTP server. */
	private static void send(MimeMessage mail, EmailSettings.Server smtp) throws MessagingException {
		try (Transport transport = MailSessions.smtp(smtp).getTransport()) {
			transport.connect(smtp.host(), smtp.port(), smtp.username().isEmpty() ? null : smtp.username(),
					smtp.password().isEmpty() ? null : smtp.password());
			transport.sendMessage(mail, mail.getAllRecipients());
		}
	}

	/** The web addresses of an escaped HTML text, as links. */
	static String linked(String escaped) {
		return escaped.replaceAll("(https?://[^\\s<>\"]+)", "<a href=\"$1\">$1</a>");
	}

	/** A 5xx answer will never succeed; a 4xx is a passing refusal. */
	private DeliveryResult refused(Deliveries.Outgoing outgoing, int code, String message) {
		if (code >= 500) {
			return new DeliveryResult.Failed(sentences.english("delivery.smtpRefused", String.valueOf(code), message));
		}
		return passing(outgoing, sentences.english("delivery.smtpDeferred", String.valueOf(code), message));
	}

	private static DeliveryResult passing(Deliveries.Outgoing outgoing, String reason) {
		return new DeliveryResult.Retry(reason, null);
	}

	MimeMessage compose(Deliveries.Outgoing outgoing, EmailSettings settings, String to,
			List<PlatformHttp.FilePart> files) throws MessagingException, UnsupportedEncodingException {
		long messageId = outgoing.message().id();
		String id = "<parlons." + messageId + "." + outgoing.conversation().id() + "@" + domain(settings.address())
				+ ">";
		MimeMessage mail = new MimeMessage(MailSessions.smtp(settings.smtp())) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", id);
			}
		};
		mail.setFrom(new InternetAddress(settings.address(), settings.fromName(), "UTF-8"));
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		if (outgoing.repliedTo() != null) {
			// reply to all: those the customer copied stay copied, never our own address
			List<InternetAddress> copies = new ArrayList<>();
			for (String cc : outgoing.repliedTo().copies()) {
				if (!cc.equalsIgnoreCase(to) && !cc.equalsIgnoreCase(settings.address())) {
					copies.add(new InternetAddress(cc));
				}
			}
			if (!copies.isEmpty()) {
				mail.setRecipients(Message.RecipientType.CC, copies.toArray(InternetAddress[]::new));
			}
		}
		mail.setSubject(subject(outgoing), "UTF-8");
		mail.setSentDate(new Date());
		List<String> references = new ArrayList<>();
		if (outgoing.repliedTo() != null && outgoing.repliedTo().externalId().startsWith("<")) {
			String parent = outgoing.repliedTo().externalId();
			mail.setHeader("In-Reply-To", parent);
			// the whole chain, as RFC 5322 3.6.4 asks: the parent's References, then the
			// parent
			outgoing.thread()
				.stream()
				.filter(r -> r.startsWith("<") && !references.contains(r))
				.forEach(references::add);
			references.remove(parent);
			references.add(parent);
		}
		if (!references.isEmpty()) {
			mail.setHeader("References", String.join(" ", references));
		}
		mail.setHeader("Auto-Submitted", "no");
		mail.setHeader("X-Parlons-Conversation", Long.toString(outgoing.conversation().id()));

		String text = outgoing.message().text();
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(text, "UTF-8", "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(html(text), "UTF-8", "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(plain);
		alternative.addBodyPart(html);
		if (files.isEmpty()) {
			mail.setContent(alternative);
		}
		else {
			// the text, then each file (RFC 2183 attachment, its name in UTF-8 per RFC
			// 2231)
			MimeMultipart mixed = new MimeMultipart("mixed");
			MimeBodyPart body = new MimeBodyPart();
			body.setContent(alternative);
			mixed.addBodyPart(body);
			for (PlatformHttp.FilePart file : files) {
				mixed.addBodyPart(part(file));
			}
			mail.setContent(mixed);
		}
		mail.saveChanges();
		return mail;
	}

	/**
	 * "Re: " and the conversation's subject, with the token that threads the customer's
	 * answer back; the subject alone (and the token) when the mail answers none, as the
	 * first mail of a conversation an agent started.
	 */
	String subject(Deliveries.Outgoing outgoing) {
		String subject = outgoing.conversation().subject() == null ? "" : outgoing.conversation().subject();
		subject = ConversationTokens.TOKEN.matcher(subject).replaceAll("").strip();
		while (subject.regionMatches(true, 0, "re:", 0, 3) || subject.regionMatches(true, 0, "tr:", 0, 3)) {
			subject = subject.substring(3).strip();
		}
		String token = tokens.of(outgoing.conversation().id());
		String re = outgoing.repliedTo() == null ? "" : "Re: ";
		return subject.isEmpty() ? re + token : re + subject + " " + token;
	}

	private static MimeBodyPart part(PlatformHttp.FilePart file) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.bytes(), file.contentType())));
		part.setDisposition(Part.ATTACHMENT);
		part.setFileName(file.name());
		return part;
	}

	private static String html(String text) {
		StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
		for (String paragraph : text.strip().split("\\n\\s*\\n")) {
			out.append("<p>").append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>")).append("</p>");
		}
		return out.append("</body></html>").toString();
	}

	private static String domain(String address) {
		int at = address.lastIndexOf('@');
		return at < 0 ? "parlons.invalid" : address.substring(at + 1);
	}

}
