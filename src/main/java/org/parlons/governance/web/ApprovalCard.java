package org.parlons.governance.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.parlons.conversations.Message;
import org.parlons.governance.Approvals;

/**
 * What a supervisor needs to decide a held reply in seconds: who the customer is, what
 * they last wrote, the reply with the amounts that went beyond the mandate marked, and
 * why it was held, in the reader's language.
 */
record ApprovalCard(Approvals.Approval approval, String customerName, String inboxName, String requestedBy,
		List<Message> lastFromCustomer, List<Segment> reply, String reason) {

	/** A stretch of the reply, marked when it is what the mandate did not cover. */
	record Segment(String text, boolean marked) {
	}

	/** Money as replies write it: 80 €, 80,50 EUR, €80, $12.50, 30 euros. */
	private static final Pattern MONEY = Pattern.compile(
			"(?:[€$£]\\s?\\d+(?:[.,]\\d{1,2})?)|(?:\\d+(?:[.,]\\d{1,2})?\\s?(?:€|eur(?:os?)?\\b|usd\\b|gbp\\b|chf\\b|\\$|£))",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** What a held reason quotes: the words of a withheld topic, “avocat”. */
	private static final Pattern QUOTED = Pattern.compile("\u201c([^\u201d]{1,100})\u201d");

	/**
	 * The reply cut into stretches; marked: the amounts when the reply was held for a
	 * gesture (an amount beyond the mandate), the words the reason quotes.
	 */
	static List<Segment> segments(String text, boolean heldForAnAmount, String reason) {
		List<String> alternatives = new ArrayList<>();
		if (heldForAnAmount) {
			alternatives.add(MONEY.pattern());
		}
		Matcher quoted = QUOTED.matcher(reason);
		while (quoted.find()) {
			alternatives.add(Pattern.quote(quoted.group(1)));
		}
		List<Segment> out = new ArrayList<>();
		if (alternatives.isEmpty()) {
			out.add(new Segment(text, false));
			return out;
		}
		Matcher m = Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
			.matcher(text);
		int at = 0;
		while (m.find()) {
			if (m.start() > at) {
				out.add(new Segment(text.substring(at, m.start()), false));
			}
			out.add(new Segment(m.group(), true));
			at = m.end();
		}
		if (at < text.length()) {
			out.add(new Segment(text.substring(at), false));
		}
		return out;
	}

}
