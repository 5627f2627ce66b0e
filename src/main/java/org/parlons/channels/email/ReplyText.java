package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the new part of an email reply: what the person wrote above the quoted history ("On … wrote:",
 * "Le … a écrit :", an Outlook header block, "-----Original Message-----", trailing "&gt;" lines) and
 * above their signature ("-- ", "Sent from my iPhone"). Errs on the side of keeping text: an inline
 * reply (answers between quoted lines) is kept whole, and the full message is always stored beside.
 */
final class ReplyText {

	/** "On Tue, … wrote:" and its translations; may span two lines when a client wraps it. */
	private static final Pattern WROTE = Pattern.compile("(?is)^\\s*[>*]*\\s*("
			+ "on\\b.{0,300}\\bwrote\\s*:|le\\b.{0,300}\\ba\\s+[ée]crit\\s*:|am\\b.{0,300}\\bschrieb.{0,200}:"
			+ "|il\\b.{0,300}\\bha\\s+scritto\\s*:|el\\b.{0,300}\\bescribi[óo]\\s*:|em\\b.{0,300}\\bescreveu\\s*:"
			+ "|op\\b.{0,300}\\bschreef.{0,200}:|(den|p[åa])\\b.{0,300}\\bskrev.{0,200}:|.{0,300}\\bkirjoitti\\s*:"
			+ "|.{0,300}написал(а)?\\s*:|.{0,300}\\bnapisa[łl](a)?\\s*:)\\s*$");

	private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*[>*]*\\s*-{2,}\\s*("
			+ "original message|message d'origine|message original|ursprüngliche nachricht|messaggio originale"
			+ "|mensaje original|mensagem original|oorspronkelijk bericht|opprinnelig melding|oprindelig meddelelse"
			+ "|ursprungligt meddelande|alkuperäinen viesti|forwarded message|message transféré|weitergeleitete nachricht)"
			+ "\\s*-*\\s*$");

	private static final Pattern HEADER_FROM = Pattern.compile(
			"(?i)^\\s*[>*]*\\s*(from|de|von|da|van|fra|från|lähettäjä|od|от|expéditeur)\\s*\\*?\\s*:.*");

	private static final Pattern HEADER_SENT = Pattern.compile("(?i)^\\s*[>*]*\\s*(sent|date|envoyé|envoy[ée] le|gesendet"
			+ "|datum|inviato|data|enviado|enviada|fecha|verzonden|sendt|skickat|lähetetty|wysłano|отправлено|to|à|an|a|til"
			+ "|subject|objet|betreff|oggetto|asunto|assunto|onderwerp|emne|ämne|aihe|temat|тема)\\s*\\*?\\s*:.*");

	private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{20,}\\s*$");

	private static final Pattern SIGNATURE_DELIMITER = Pattern.compile("^\\s*--\\s?$|^\\s*__\\s*$");

	/** "Sent from my iPhone" and kin: a short line without punctuation, so a sentence is not taken for one. */
	private static final Pattern SENT_FROM = Pattern.compile("(?i)^\\s*(sent from|sent with|envoyé de|envoyé depuis"
			+ "|envoyé à partir de|von meinem|inviato da|enviado desde|enviado do|verzonden met|sendt fra|skickat från"
			+ "|lähetetty|get outlook for|téléchargez outlook|obtenir outlook)\\b[^,.;!?]{0,70}(<[^>]*>)?\\s*$");

	private ReplyText() {
	}

	/** The new part of a reply; the whole text when nothing tells where it ends. */
	static String visible(String text) {
		String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
		List<String> lines = new ArrayList<>(List.of(normalised.split("\n", -1)));
		int cut = quoteStart(lines);
		List<String> kept = new ArrayList<>(lines.subList(0, cut));
		kept = withoutSignature(kept);
		String result = String.join("\n", kept).strip();
		// Never show nothing: a reply that is only a quote (or a misread) shows the whole mail.
		return result.isEmpty() ? normalised.strip() : result;
	}

	/** The index of the first line of quoted history, or the number of lines when there is none. */
	private static int quoteStart(List<String> lines) {
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			if (ORIGINAL.matcher(line).matches() || UNDERSCORES.matcher(line).matches() && headerBlockAt(lines, i + 1)) {
				return i;
			}
			if (WROTE.matcher(line).matches() && !line.strip().startsWith(">")) {
				return i;
			}
			// A "wrote:" header wrapped over two or three lines by the sender's client.
			if (i + 1 < lines.size() && startsLikeWrote(line)) {
				String joined = line + " " + lines.get(i + 1);
				if (WROTE.matcher(joined).matches()) {
					return i;
				}
				if (i + 2 < lines.size() && WROTE.matcher(joined + " " + lines.get(i + 2)).matches()) {
					return i;
				}
			}
			if (headerBlockAt(lines, i)) {
				return i;
			}
			if (line.strip().startsWith(">") && onlyQuotesFrom(lines, i)) {
				return i;
			}
		}
		return lines.size();
	}

	private static boolean startsLikeWrote(String line) {
		String l = line.strip().toLowerCase(java.util.Locale.ROOT);
		return l.startsWith("on ") || l.startsWith("le ") || l.startsWith("am ") || l.startsWith("il ")
				|| l.startsWith("el ") || l.startsWith("em ") || l.startsWith("op ") || l.startsWith("den ")
				|| l.startsWith("på ");
	}

	/** An Outlook-style block: a "From:" line followed closely by "Sent:"/"Date:"/"To:"/"Subject:" lines. */
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

	/** Whether every non-blank line from {@code i} on is quoted: a trailing quote, not an inline reply. */
	private static boolean onlyQuotesFrom(List<String> lines, int i) {
		for (int j = i; j < lines.size(); j++) {
			String l = lines.get(j).strip();
			if (!l.isEmpty() && !l.startsWith(">")) {
				return false;
			}
		}
		return true;
	}

	/** Drops a trailing signature: after a "-- " delimiter, or a "Sent from my …" line near the end. */
	private static List<String> withoutSignature(List<String> lines) {
		int end = lines.size();
		while (end > 0 && lines.get(end - 1).isBlank()) {
			end--;
		}
		for (int i = Math.max(0, end - 12); i < end; i++) {
			if (SIGNATURE_DELIMITER.matcher(lines.get(i)).matches() && i > 0) {
				return lines.subList(0, i);
			}
		}
		for (int i = Math.max(0, end - 3); i < end; i++) {
			if (SENT_FROM.matcher(lines.get(i)).matches() && i > 0) {
				return lines.subList(0, i);
			}
		}
		return lines.subList(0, end);
	}

}
