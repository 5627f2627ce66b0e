package org.parlons.advocacy;

import java.math.BigDecimal;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Refusals;

/**
 * What binds a member to the brand: nothing paid, something in kind, or money. A paid or
 * in-kind member must disclose the relation on every post about the brand (FTC 16 CFR
 * 255; in France, law 2023-451 art. 5: "Publicité" or "Collaboration commerciale").
 *
 * @param kind unpaid, in kind or paid
 * @param amount what is paid, or the value of what is given; required when paid
 * @param currency ISO 4217, with an amount
 * @param disclosure the wording this contract asks for on top of the accepted ones
 * ({@link Disclosure}), or none
 */
public record Contract(Kind kind, @Nullable BigDecimal amount, @Nullable String currency, @Nullable String disclosure) {

	/** What the member receives. */
	public enum Kind {

		UNPAID, IN_KIND, PAID;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Kind of(String api) {
			try {
				return valueOf(api.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw Refusals.invalid("advocacy.contract.kind",
						"contract.kind: one of unpaid, in_kind, paid, not '" + api + "'", api);
			}
		}

	}

	public static final Contract UNPAID = new Contract(Kind.UNPAID, null, null, null);

	public Contract {
		if (amount != null && amount.signum() < 0) {
			throw Refusals.invalid("advocacy.contract.amount", "contract.amount cannot be negative");
		}
		if (kind == Kind.PAID && (amount == null || amount.signum() == 0)) {
			throw Refusals.invalid("advocacy.contract.paid", "contract.amount: a paid contract says how much");
		}
		if (amount != null && (currency == null || !currency.matches("[A-Z]{3}"))) {
			throw Refusals.invalid("advocacy.contract.currency",
					"contract.currency: an amount needs an ISO 4217 currency such as EUR");
		}
		if (disclosure != null) {
			disclosure = disclosure.isBlank() ? null : disclosure.strip();
		}
		if (disclosure != null && disclosure.length() > 200) {
			throw Refusals.invalid("advocacy.contract.disclosure", "contract.disclosure: at most 200 characters");
		}
	}

	/** Whether the member's posts about the brand must say the relation. */
	public boolean requiresDisclosure() {
		return kind != Kind.UNPAID;
	}

}
