package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the new part of an email reply: what the person wrote above the quoted history
 * ("On … wrote:", "Le … a écrit :", an Outlook header block, "-----Original
 * Message-----", trailing "&gt;" lines) and above their signature ("-- ", "Sent from my
 * iPhone"). Errs on the side of keeping text: an inline reply (answers between quoted
 * lines) and an answer written below the quote are kept down to the last of the writer's
 * own lines, and the full message is always stored beside.
 */
final class ReplyText {

	/**
	 * "On Tue, … wrote:" and its translations; may span two lines when a client wraps it.
	 */
	private static final Pattern WROTE = Pattern.compile("(?isu)^\\s*[>*]*\\s*("
			+ "on\\b.{0,300}\\bwrote\\s*:|le\\b.{0,300}\\ba\\s+[ée]crit\\s*:|am\\b.{0,300}\\bschrieb.{0,200}:"
			+ "|-{2,}\\s*on\\b.{0,300}\\bwrote\\s*-{2,}|on\\b.{0,300}<[^<>\\s]+@[^<>\\s]+>\\s*wrote"
			+ "|(il|in data)\\b.{0,300}\\bha\\s+scritto\\s*:|el\\b.{0,300}\\bescribi[óo]\\s*:|em\\b.{0,300}\\bescreveu\\s*:"
			+ "|op\\b.{0,300}\\bschreef.{0,200}:|.{0,300}\\bskrev\\b.{0,200}:|.{0,300}\\bkirjoitti\\s*:|.{0,300}\\bírta\\s*:"
			+ "|.{0,300}написал(а)?\\s*:|.{0,300}\\bnapisa[łl](\\(a\\)|a)?\\s*:)\\s*$");

	private static final Pattern ORIGINAL = Pattern.compile("(?iu)^\\s*[>*]*\\s*-{2,}\\s*("
			+ "original message|message d'origine|message original|ursprüngliche nachricht|messaggio originale"
			+ "|mensaje original|mensagem original|oorspronkelijk bericht|opprinnelig melding|oprindelig meddelelse|oprindelig besked"
			+ "|ursprungligt meddelande|alkuperäinen viesti|forwarded message|message transféré|weitergeleitete nachricht)"
			+ "\\s*-*\\s*$");

	private static final Pattern HEADER_FROM = Pattern
		.compile("(?iu)^\\s*[>*]*\\s*(from|de|von|da|van|fra|från|lähettäjä|od|от|expéditeur)\\s*\\*?\\s*:.*");

	private static final Pattern HEADER_SENT = Pattern
		.compile("(?iu)^\\s*[>*]*\\s*(sent|date|envoyé|envoy[ée] le|gesendet"
				+ "|datum|inviato|data|enviado|enviada|fecha|verzonden|sendt|skickat|lähetetty|wysłano|отправлено|to|à|an|a|til"
				+ "|subject|objet|sujet|betreff|oggetto|asunto|assunto|onderwerp|emne|ämne|aihe|temat|тема|cc|copie à|message du)"
				+ "\\s*\\*?\\s*:.*");

	/**
	 * A header without words: a date or time, an address in angle brackets, a colon at
	 * the end ("2017-11-24 16:32 GMT+01:00 Name &lt;a@b.c&gt;:", "ср, 30 апр. 2025 г. в
	 * 15:19, Name &lt;a@b.c&gt;:").
	 */
	private static final Pattern DATED_ADDRESS = Pattern
		.compile("(?u)^\\s*[^>\\s].{0,200}\\d.{0,200}<[^<>\\s@]+@[^<>\\s]+>\\s*:\\s*$");

	/** A line drawn across: the separator some clients put above the quoted history. */
	private static final Pattern RULE = Pattern.compile("^\\s*[-_=—*]{3,}\\s*$");

	private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{20,}\\s*$");

	/**
	 * "-- " (RFC 3676), and the dashes and rules clients draw: "--", "—", "——", "__". Not
	 * "----": markdown.
	 */
	private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^\\s*(--|—+|__)\\s?$");

	/**
	 * "Sent from my iPhone" and kin: a short line without punctuation, so a sentence is
	 * not taken for one.
	 */
	private static final Pattern SENT_FROM = Pattern.compile("(?iu)^\\s*(sent from|sent with|envoyé de|envoyé depuis"
			+ "|envoyé à partir de|von meinem|gesendet von|inviato da|enviado desde|enviado do|verzonden met|sendt fra|skickat från"
			+ "|lähetetty|get outlook for|téléchargez outlook|obtenir outlook)\\b[^,.;!?]{0,70}(<[^>]*>)?\\s*$");

	private ReplyText() {
	}

	/** The new part of a reply; the whole text when nothing tells where it ends. */
	static String visible(String text) {
		// French typography puts no-break spaces before colons ("Objet\u00a0:"); the
		// patterns expect spaces.
		String normalised = text.replace("\r\n", "\n")
			.replace('\r', '\n')
			.replace('\u00a0', ' ')
			.replace('\u202f', ' ');
		List<String> lines = new ArrayList<>(List.of(normalised.split("\n", -1)));
		int cut = quoteStart(lines);
		List<String> kept = new ArrayList<>(lines.subList(0, cut));
		kept = withoutSignature(kept);
		String result = String.join("\n", kept).strip();
		// Never show nothing: a reply that is only a quote (or a misread) shows the whole
		// mail.
		return result.isEmpty() ? normalised.strip() : result;
	}

	/**
	 * The index of the first line of quoted history, or the number of lines when there is
	 * none.
	 */
	private static int quoteStart(List<String> lines) {
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			if (ORIGINAL.matcher(line).matches()
					|| UNDERSCORES.matcher(line).matches() && headerBlockAt(lines, i + 1)) {
				return i;
			}
			int header = wroteHeader(lines, i);
			if (header > 0 && !answeredBelow(lines, i + header)) {
				return i;
			}
			if (DATED_ADDRESS.matcher(line).matches()) {
				return i;
			}
			// "Sent from my iPhone" above an original without a header (Outlook mobile):
			// the new part ends there.
			if (i > 0 && SENT_FROM.matcher(line).matches()) {
				return i;
			}
			// An Outlook block, or a French one opened by its date ("Message du : …").
			if (headerBlockAt(lines, i) || HEADER_SENT.matcher(line).matches() && headerBlockAt(lines, i + 1)) {
				return i;
			}
			if (line.strip().startsWith(">") && onlyQuotesFrom(lines, i)) {
				// The line introducing a trailing quote ends with a colon, in whatever
				// language it is.
				int previous = i - 1;
				while (previous >= 0 && lines.get(previous).isBlank()) {
					previous--;
				}
				return previous > 0 && lines.get(previous).strip().endsWith(":") ? previous : i;
			}
		}
		return lines.size();
	}

	/**
	 * The number of lines of a "wrote:" header starting at {@code i} (a client may wrap
	 * it over two or three), or 0.
	 */
	private static int wroteHeader(List<String> lines, int i) {
		String line = lines.get(i);
		if (line.strip().startsWith(">")) {
			return 0;
		}
		if (WROTE.matcher(line).matches()) {
			return 1;
		}
		if (continues(lines, i + 1)) {
			String joined = line + " " + lines.get(i + 1);
			if (WROTE.matcher(joined).matches()) {
				return 2;
			}
			if (continues(lines, i + 2) && WROTE.matcher(joined + " " + lines.get(i + 2)).matches()) {
				return 3;
			}
		}
		return 0;
	}

	/**
	 * Whether the writer answered below the quote a header introduces (bottom-posting, as
	 * on mailing lists): quoted lines right after it, then, after a blank line, their own
	 * text, not a signature, a list's footer or another header.
	 */
	private static boolean answeredBelow(List<String> lines, int after) {
		int j = after;
		boolean quoted = false;
		while (j < lines.size() && (lines.get(j).isBlank() || lines.get(j).strip().startsWith(">"))) {
			quoted |= lines.get(j).strip().startsWith(">");
			j++;
		}
		// a line the quoting client wrapped follows a quoted line directly: not an answer
		if (!quoted || j >= lines.size() || !lines.get(j - 1).replace(">", "").isBlank()) {
			return false;
		}
		String next = lines.get(j);
		return !(SIGNATURE_DELIMITER.matcher(next).matches() || RULE.matcher(next).matches()
				|| UNDERSCORES.matcher(next).matches() || SENT_FROM.matcher(next).matches() || wroteHeader(lines, j) > 0
				|| headerBlockAt(lines, j) || ORIGINAL.matcher(next).matches());
	}

	/**
	 * A wrapped header goes on with the next line only when it is text, not a blank or a
	 * quote (but the "&gt;:" left over when a client wraps inside an address, as Gmail
	 * does, continues it).
	 */
	private static boolean continues(List<String> lines, int i) {
		if (i >= lines.size() || lines.get(i).isBlank()) {
			return false;
		}
		String next = lines.get(i).strip();
		return !next.startsWith(">") || next.length() <= 2;
	}

	/**
	 * An Outlook-style block: a "From:" line followed closely by
	 * "Sent:"/"Date:"/"To:"/"Subject:" lines.
	 */
	private static boolean headerBlockAt(List<String> lines, int i) {
		if (i >= lines.size() || !HEADER_FROM.matcher(lines.get(i)).matches()) {
			return false;
		}
		int headers = 0;
		for (int j = i + 1; j < Math.min(lines.size(), i + 6); j++) {
			if (HEADER_SENT.matcher(lines.get(j)).matches()) {
				headers++;
			}
		}
		return headers >= 2;
	}

	/**
	 * Whether every non-blank line from {@code i} on is quoted: a trailing quote, not an
	 * inline reply.
	 */
	private static boolean onlyQuotesFrom(List<String> lines, int i) {
		for (int j = i; j < lines.size(); j++) {
			String l = lines.get(j).strip();
			if (SIGNATURE_DELIMITER.matcher(lines.get(j)).matches()) {
				return true; // a mailing list's footer below the quote
			}
			if (!l.isEmpty() && !l.startsWith(">")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Drops a trailing signature: after a "-- " delimiter, or a "Sent from my …" line
	 * near the end.
	 */
	private static List<String> withoutSignature(List<String> lines) {
		int end = lines.size();
		while (end > 0 && (lines.get(end - 1).isBlank() || RULE.matcher(lines.get(end - 1)).matches())) {
			end--;
		}
		for (int i = Math.max(0, end - 12); i < end; i++) {
			if (SIGNATURE_DELIMITER.matcher(lines.get(i)).matches() && i > 0) {
				return lines.subList(0, i);
			}
		}
		return lines.subList(0, end);
	}

}
