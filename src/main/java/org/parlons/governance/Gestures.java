package org.parlons.governance;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the goodwill gesture a reply promises: an amount of money in a sentence that
 * speaks of a refund, a credit, a compensation or a gift, in French or English ("nous
 * vous remboursons 80 €", "a credit of $25"). The largest such amount is the commitment;
 * an amount in a sentence about something else (the price of a plan) is not.
 */
public final class Gestures {

	/** A promised amount and its ISO currency. */
	public record Gesture(BigDecimal amount, String currency) {
	}

	private static final Pattern KEYWORDS = Pattern
		.compile("(?iu)\\b(rembours\\w*|geste|(?:un|d'un|votre|l')\\s?avoir|crédit\\w*|credit\\w*"
				+ "|dédommag\\w*|indemni\\w*|compens\\w*|offert\\w*|offrons|gratuit\\w*|remise|réduction|ristourne"
				+ "|bon d'achat|refund\\w*|reimburs\\w*|goodwill|voucher|discount|free of charge|gift|waive\\w*)");

	private static final String NUMBER = "(\\d{1,3}(?:[ \\u00a0\\u202f.,]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)";

	private static final Pattern AFTER = Pattern.compile(
			"(?iu)" + NUMBER + "\\s?(€|eur\\b|euros?\\b|\\$|usd\\b|dollars?\\b|£|gbp\\b|livres?\\b|pounds?\\b|chf\\b)");

	private static final Pattern BEFORE = Pattern.compile("(?iu)(€|eur|\\$|usd|£|gbp|chf)\\s?" + NUMBER);

	private Gestures() {
	}

	public static Optional<Gesture> in(String text) {
		Gesture largest = null;
		for (String sentence : text.split("(?<=[.!?\\n])\\s+")) {
			if (!KEYWORDS.matcher(sentence).find()) {
				continue;
			}
			Matcher after = AFTER.matcher(sentence);
			while (after.find()) {
				largest = larger(largest, gesture(after.group(1), after.group(2)));
			}
			Matcher before = BEFORE.matcher(sentence);
			while (before.find()) {
				largest = larger(largest, gesture(before.group(2), before.group(1)));
			}
		}
		return Optional.ofNullable(largest);
	}

	private static Gesture larger(Gesture current, Gesture candidate) {
		return current == null || candidate.amount().compareTo(current.amount()) > 0 ? candidate : current;
	}

	private static Gesture gesture(String number, String currency) {
		return new Gesture(amount(number), currency(currency));
	}

	/** "1 250,50", "1,250.50", "80" and "19.99" read as a person would. */
	static BigDecimal amount(String raw) {
		String n = raw.replaceAll("[\\s\\u00a0\\u202f]", "");
		int comma = n.lastIndexOf(',');
		int dot = n.lastIndexOf('.');
		int decimal = Math.max(comma, dot);
		if (decimal >= 0 && n.length() - decimal - 1 <= 2) {
			String whole = n.substring(0, decimal).replaceAll("[.,]", "");
			return new BigDecimal(whole + "." + n.substring(decimal + 1));
		}
		return new BigDecimal(n.replaceAll("[.,]", ""));
	}

	private static String currency(String symbol) {
		String s = symbol.toLowerCase(Locale.ROOT);
		if (s.equals("€") || s.startsWith("eur")) {
			return "EUR";
		}
		if (s.equals("$") || s.startsWith("usd") || s.startsWith("dollar")) {
			return "USD";
		}
		if (s.equals("£") || s.startsWith("gbp") || s.startsWith("livre") || s.startsWith("pound")) {
			return "GBP";
		}
		return "CHF";
	}

}
