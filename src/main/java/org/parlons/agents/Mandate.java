package org.parlons.agents;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What an agent may commit to in the brand's name; for now the largest goodwill gesture.
 */
public record Mandate(@Nullable BigDecimal maxGestureAmount, @Nullable String maxGestureCurrency) {

	public static final Mandate NONE = new Mandate(null, null);

	public Mandate {
		if (maxGestureAmount != null && maxGestureAmount.signum() < 0) {
			throw new IllegalArgumentException("A mandate's gesture limit cannot be negative");
		}
		if (maxGestureAmount != null && (maxGestureCurrency == null || !maxGestureCurrency.matches("[A-Z]{3}"))) {
			throw new IllegalArgumentException("A gesture limit needs an ISO 4217 currency such as EUR");
		}
	}

}
