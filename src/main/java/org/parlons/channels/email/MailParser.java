package org.parlons.channels.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;

/**
 * Reads a raw mail (RFC 5322 + MIME) into a {@link ParsedMail}: multipart trees,
 * charsets, quoted-printable and base64, HTML-only mails, attachments and inline images.
 * A part it cannot read is named in {@code problems} and kept as an attachment; the mail
 * is never dropped.
 */
final class MailParser {

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

	private static final Session SESSION = Session.getInstance(lenient());

	private final long maxPartBytes;

	MailParser(long maxPartBytes) {
		this.maxPartBytes = maxPartBytes;
	}

	ParsedMail parse(byte[] raw) {
		List<String> problems = new ArrayList<>();
		MimeMessage mime;
		try {
			mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		}
		catch (MessagingException ex) {
			problems.add("the mail could not be read as MIME (" + ex.getMessage() + "); its source is attached");
			return new ParsedMail(hashId(raw), null, null, "", Instant.now(), null, List.of(),
					decode(raw, null, problems),
					List.of(new ParsedMail.Part("message.eml", "message/rfc822", raw, raw.length, false)), false,
					problems, null, List.of());
		}
		Body body = new Body();
		try {
			walk(mime, body, problems, 0);
		}
		catch (MessagingException | IOException ex) {
			problems.add("a part of the mail could not be read (" + ex.getMessage() + "); its source is attached");
			body.parts.add(new ParsedMail.Part("message.eml", "message/rfc822", raw, raw.length, false));
			if (body.plain.isEmpty() && body.html.isEmpty()) {
				body.plain.append(decode(raw, null, problems));
			}
		}
		String text = !body.plain.isEmpty() ? body.plain.toString()
				: body.html.isEmpty() ? "" : HtmlText.of(body.html.toString());
		InternetAddress from = from(mime);
		return new ParsedMail(messageId(mime, raw), from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
				from == null ? null : from.getPersonal(), subject(mime), sentAt(mime),
				first(header(mime, "In-Reply-To")), ids(header(mime, "References")), normalise(text), body.parts,
				Automated.is(mime, from), problems, replyTo(mime),
				addresses(mime, jakarta.mail.Message.RecipientType.CC));
	}

	/** What the walk collected. */
	private static final class Body {

		final StringBuilder plain = new StringBuilder();

		final StringBuilder html = new StringBuilder();

		final List<ParsedMail.Part> parts = new ArrayList<>();

	}

	private void walk(Part part, Body body, List<String> problems, int depth) throws MessagingException, IOException {
		if (depth > 20) {
			problems.add("parts nested deeper than 20 levels were not read");
			return;
		}
		String type = baseType(part);
		String disposition = part.getDisposition();
		boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition)
				|| part.getFileName() != null && !type.startsWith("text/");
		if (type.startsWith("multipart/")) {
			Object content = part.getContent();
			if (content instanceof Multipart multipart) {
				if (type.equals("multipart/alternative")) {
					alternative(multipart, body, problems, depth);
				}
				else {
					for (int i = 0; i < multipart.getCount(); i++) {
						walk(multipart.getBodyPart(i), body, problems, depth + 1);
					}
				}
				return;
			}
		}
		if (!attachment && type.equals("text/plain")) {
			append(body.plain, text(part, problems));
		}
		else if (!attachment && type.equals("text/html")) {
			body.html.append(text(part, problems));
		}
		else if (type.equals("message/delivery-status") || type.equals("text/rfc822-headers")) {
			append(body.plain, text(part, problems));
		}
		else {
			body.parts.add(attachmentOf(part, type, problems));
		}
	}

	/** Of alternatives, the plain text one, else the richest the walk can read. */
	private void alternative(Multipart multipart, Body body, List<String> problems, int depth)
			throws MessagingException, IOException {
		BodyPart plain = null;
		for (int i = 0; i < multipart.getCount(); i++) {
			if (baseType(multipart.getBodyPart(i)).equals("text/plain")) {
				plain = multipart.getBodyPart(i);
			}
		}
		if (plain != null) {
			append(body.plain, text(plain, problems));
			return;
		}
		walk(multipart.getBodyPart(multipart.getCount() - 1), body, problems, depth + 1);
	}

	private ParsedMail.Part attachmentOf(Part part, String type, List<String> problems)
			throws MessagingException, IOException {
		String name = part.getFileName();
		try {
			name = name == null ? null : MimeUtility.decodeText(name);
		}
		catch (UnsupportedEncodingException ex) {
			// keep the raw name
		}
		if (name == null || name.isBlank()) {
			name = "attachment" + extension(type);
		}
		boolean inline = Part.INLINE.equalsIgnoreCase(part.getDisposition()) || part.getHeader("Content-ID") != null;
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPartBytes + 1));
			if (bytes.length > maxPartBytes) {
				long size = bytes.length + in.transferTo(java.io.OutputStream.nullOutputStream());
				problems.add("the attachment " + name + " (" + size + " bytes) is over the limit of " + maxPartBytes
						+ " bytes and was not kept");
				return new ParsedMail.Part(name, type, new byte[0], size, inline);
			}
			return new ParsedMail.Part(name, type, bytes, bytes.length, inline);
		}
	}

	/**
	 * A text part in its declared charset; an unknown or wrong one falls back without
	 * losing bytes.
	 */
	private static String text(Part part, List<String> problems) throws MessagingException, IOException {
		String charset = null;
		try {
			charset = new ContentType(part.getContentType()).getParameter("charset");
		}
		catch (MessagingException ex) {
			// an unreadable Content-Type: decode the bytes as best we can
		}
		byte[] bytes;
		try (InputStream in = part.getInputStream()) {
			bytes = in.readAllBytes();
		}
		return decode(bytes, charset, problems);
	}

	static String decode(byte[] bytes, @Nullable String charset, List<String> problems) {
		if (charset != null) {
			try {
				return new String(bytes, java.nio.charset.Charset.forName(MimeUtility.javaCharset(charset.strip())));
			}
			catch (IllegalArgumentException ex) {
				problems.add("unknown charset '" + charset + "': read as UTF-8, or Latin-1 where UTF-8 did not fit");
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
	}

	private static void append(StringBuilder to, String text) {
		if (!to.isEmpty() && !text.isBlank()) {
			to.append("\n\n");
		}
		to.append(text);
	}

	private static String normalise(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n').strip();
	}

	private static String baseType(Part part) throws MessagingException {
		try {
			return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException | NullPointerException ex) {
			return "text/plain";
		}
	}

	private static String extension(String type) {
		int slash = type.indexOf('/');
		return slash < 0 ? ".bin" : "." + type.substring(slash + 1).replaceAll("[^a-z0-9]", "");
	}

	/** The first Reply-To address, when it is one. */
	private static @Nullable String replyTo(MimeMessage mime) {
		try {
			String[] header = mime.getHeader("Reply-To");
			if (header == null) {
				return null;
			}
			for (InternetAddress a : InternetAddress.parseHeader(header[0], false)) {
				if (a.getAddress() != null && a.getAddress().contains("@")) {
					return a.getAddress().toLowerCase(Locale.ROOT);
				}
			}
		}
		catch (MessagingException ex) {
			// a malformed Reply-To: answers go to From
		}
		return null;
	}

	private static List<String> addresses(MimeMessage mime, jakarta.mail.Message.RecipientType type) {
		List<String> out = new java.util.ArrayList<>();
		try {
			Address[] all = mime.getRecipients(type);
			for (Address a : all == null ? new Address[0] : all) {
				if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
					out.add(ia.getAddress().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (MessagingException ex) {
			// a malformed Cc: nobody copied
		}
		return out.stream().distinct().limit(20).toList();
	}

	private static @Nullable InternetAddress from(MimeMessage mime) {
		try {
			Address[] from = mime.getFrom();
			if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
					&& address.getAddress() != null && address.getAddress().contains("@")) {
				return address;
			}
		}
		catch (MessagingException ex) {
			// a malformed From: the author stays unknown
		}
		return null;
	}

	private static String subject(MimeMessage mime) {
		try {
			String subject = mime.getSubject();
			return subject == null ? "" : subject.strip();
		}
		catch (MessagingException ex) {
			return "";
		}
	}

	private static Instant sentAt(MimeMessage mime) {
		try {
			java.util.Date sent = mime.getSentDate();
			return sent == null ? Instant.now() : sent.toInstant();
		}
		catch (MessagingException ex) {
			return Instant.now();
		}
	}

	private static String messageId(MimeMessage mime, byte[] raw) {
		String id = first(header(mime, "Message-ID"));
		return id == null || id.length() > 490 ? hashId(raw) : id;
	}

	/** A Message-ID for a mail without one: the same source always gives the same id. */
	static String hashId(byte[] raw) {
		return "<sha256." + Crypto.sha256Hex(raw) + "@parlons.invalid>";
	}

	static @Nullable String header(MimeMessage mime, String name) {
		try {
			return mime.getHeader(name, " ");
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	private static @Nullable String first(@Nullable String header) {
		List<String> ids = ids(header);
		return ids.isEmpty() ? null : ids.get(0);
	}

	static List<String> ids(@Nullable String header) {
		List<String> ids = new ArrayList<>();
		if (header != null) {
			Matcher m = MESSAGE_ID.matcher(header);
			while (m.find() && ids.size() < 100) {
				ids.add(m.group());
			}
		}
		return ids;
	}

	private static Properties lenient() {
		Properties p = new Properties();
		p.setProperty("mail.mime.address.strict", "false");
		p.setProperty("mail.mime.decodetext.strict", "false");
		p.setProperty("mail.mime.decodefilename", "true");
		p.setProperty("mail.mime.parameters.strict", "false");
		p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
		p.setProperty("mail.mime.multipart.allowempty", "true");
		p.setProperty("mail.mime.base64.ignoreerrors", "true");
		return p;
	}

}
