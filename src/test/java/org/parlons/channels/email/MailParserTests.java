package org.parlons.channels.email;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIME as mail clients and servers really write it, including the broken kinds.
 */
class MailParserTests {

	final MailParser parser = new MailParser(1024 * 1024);

	@Test
	void readsAMultipartAlternativeWithQuotedPrintableLatin1AndAnAttachment() {
		String raw = """
				From: =?ISO-8859-1?Q?L=E9a_Dupr=E9?= <Lea@Example.FR>
				To: support@teleo.fr
				Subject: =?UTF-8?B?UHJvYmzDqG1lIGRlIGZhY3R1cmUgWyMxMl0=?=
				Message-ID: <abc@example.fr>
				In-Reply-To: <parlons.5.12@teleo.fr>
				References: <first@example.fr> <parlons.5.12@teleo.fr>
				Date: Tue, 14 Oct 2025 10:00:00 +0200
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="outer"

				--outer
				Content-Type: multipart/alternative; boundary="inner"

				--inner
				Content-Type: text/plain; charset=ISO-8859-1
				Content-Transfer-Encoding: quoted-printable

				Bonjour, ma facture est fausse, c'est =E0 revoir.
				--inner
				Content-Type: text/html; charset=UTF-8

				<p>Bonjour, ma facture est <b>fausse</b></p>
				--inner--
				--outer
				Content-Type: application/pdf; name="facture.pdf"
				Content-Disposition: attachment; filename="facture.pdf"
				Content-Transfer-Encoding: base64

				%s
				--outer--
				""".formatted(Base64.getEncoder().encodeToString("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII)));

		ParsedMail mail = parser.parse(crlf(raw));

		assertThat(mail.fromAddress()).isEqualTo("lea@example.fr");
		assertThat(mail.fromName()).isEqualTo("Léa Dupré");
		assertThat(mail.subject()).isEqualTo("Problème de facture [#12]");
		assertThat(mail.messageId()).isEqualTo("<abc@example.fr>");
		assertThat(mail.inReplyTo()).isEqualTo("<parlons.5.12@teleo.fr>");
		assertThat(mail.references()).containsExactly("<first@example.fr>", "<parlons.5.12@teleo.fr>");
		assertThat(mail.text()).isEqualTo("Bonjour, ma facture est fausse, c'est à revoir.");
		assertThat(mail.parts()).singleElement().satisfies(p -> {
			assertThat(p.name()).isEqualTo("facture.pdf");
			assertThat(new String(p.bytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
		});
		assertThat(mail.automated()).isFalse();
		assertThat(mail.problems()).isEmpty();
	}

	@Test
	void turnsAnHtmlOnlyMailWithScriptsIntoInertText() {
		String raw = """
				From: a@example.com
				Subject: html
				Message-ID: <html@example.com>
				Content-Type: text/html; charset=UTF-8
				Content-Transfer-Encoding: base64

				%s
				""".formatted(Base64.getMimeEncoder()
			.encodeToString(
					"""
							<html><head><style>p{color:red}</style><script>alert('head')</script></head>
							<body><p>Bonjour&nbsp;!</p><script>document.cookie</script><div>Ma box <a href="https://x.example/box">clignote</a>.</div>
							<img src=x onerror=alert(1)><div style="display:none">caché</div><p>Merci</p></body></html>
							"""
						.getBytes(StandardCharsets.UTF_8)));

		ParsedMail mail = parser.parse(crlf(raw));

		assertThat(mail.text()).isEqualTo("Bonjour !\nMa box clignote (https://x.example/box).\nMerci");
		assertThat(mail.text()).doesNotContain("script", "alert", "cookie", "caché", "<");
	}

	@Test
	void readsAnUnknownCharsetWithoutLosingTheTextAndSaysSo() {
		String raw = "From: a@example.com\r\nSubject: x\r\nMessage-ID: <cs@example.com>\r\n"
				+ "Content-Type: text/plain; charset=x-unknown-42\r\n\r\nCa marche très bien\r\n";

		ParsedMail mail = parser.parse(raw.getBytes(StandardCharsets.UTF_8));

		assertThat(mail.text()).isEqualTo("Ca marche très bien");
		assertThat(mail.problems()).singleElement().asString().contains("x-unknown-42");
	}

	@Test
	void keepsTheTextOfMalformedMimeAndAttachesTheSource() {
		String raw = "From: a@example.com\r\nSubject: broken\r\nMessage-ID: <broken@example.com>\r\n"
				+ "Content-Type: multipart/mixed; boundary=\"never-used\"\r\n\r\n"
				+ "Just some text, no boundary anywhere.\r\n";

		ParsedMail mail = parser.parse(raw.getBytes(StandardCharsets.UTF_8));

		assertThat(mail.messageId()).isEqualTo("<broken@example.com>");
		assertThat(mail.text() + mail.parts()).isNotBlank();
		assertThat(mail.text().contains("Just some text") || mail.parts()
			.stream()
			.anyMatch(p -> new String(p.bytes(), StandardCharsets.UTF_8).contains("Just some text"))).isTrue();
	}

	@Test
	void refusesToKeepAnAttachmentOverTheLimitButKeepsTheMail() {
		byte[] big = new byte[2 * 1024 * 1024];
		String raw = """
				From: a@example.com
				Subject: big
				Message-ID: <big@example.com>
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain

				See the video.
				--b
				Content-Type: video/mp4
				Content-Disposition: attachment; filename="big.mp4"
				Content-Transfer-Encoding: base64

				%s
				--b--
				""".formatted(Base64.getMimeEncoder().encodeToString(big));

		ParsedMail mail = parser.parse(crlf(raw));

		assertThat(mail.text()).isEqualTo("See the video.");
		assertThat(mail.parts()).singleElement().satisfies(p -> {
			assertThat(p.bytes()).isEmpty();
			assertThat(p.size()).isEqualTo(big.length);
		});
		assertThat(mail.problems()).singleElement().asString().contains("big.mp4").contains("over the limit");
	}

	@Test
	void recognisesMachinesAndGivesAStableIdToAMailWithoutOne() {
		String auto = "From: a@example.com\r\nAuto-Submitted: auto-replied\r\nSubject: Absent\r\n\r\nJe suis absent.\r\n";
		String list = "From: a@example.com\r\nList-Id: <dev.lists.example.com>\r\nSubject: x\r\n\r\nhello\r\n";
		String bounce = "From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered\r\n"
				+ "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n--r\r\n"
				+ "Content-Type: text/plain\r\n\r\nDelivery failed\r\n--r--\r\n";
		String person = "From: a@example.com\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nhello\r\n";

		assertThat(parser.parse(auto.getBytes(StandardCharsets.UTF_8)).automated()).isTrue();
		assertThat(parser.parse(list.getBytes(StandardCharsets.UTF_8)).automated()).isTrue();
		assertThat(parser.parse(bounce.getBytes(StandardCharsets.UTF_8)).automated()).isTrue();
		assertThat(parser.parse(person.getBytes(StandardCharsets.UTF_8)).automated()).isFalse();
		ParsedMail once = parser.parse(auto.getBytes(StandardCharsets.UTF_8));
		ParsedMail again = parser.parse(auto.getBytes(StandardCharsets.UTF_8));
		assertThat(once.messageId()).startsWith("<sha256.").isEqualTo(again.messageId());
	}

	private static byte[] crlf(String text) {
		return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
	}

}
