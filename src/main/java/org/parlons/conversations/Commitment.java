package org.parlons.conversations;

import java.math.BigDecimal;

/**
 * A goodwill gesture given as a structured action with a reply (a refund, a credit), not
 * only written in its text: governance checks it against the agent's mandate like an
 * amount in the text.
 */
public record Commitment(BigDecimal amount, String currency) {

	public Commitment {
		if (amount == null || amount.signum() <= 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 10) {
			throw new IllegalArgumentException("A gesture's amount is positive, with at most two decimals");
		}
		if (currency == null || !currency.strip().toUpperCase(java.util.Locale.ROOT).matches("[A-Z]{3}")) {
			throw new IllegalArgumentException("A gesture needs an ISO 4217 currency such as EUR");
		}
		currency = currency.strip().toUpperCase(java.util.Locale.ROOT);
	}

	@Override
	public String toString() {
		return amount.stripTrailingZeros().toPlainString() + " " + currency;
	}

}
