package org.parlons.channels.api;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.DeliveryResult;

/**
 * Reads an HTTP answer as a delivery outcome: 2xx sent; 408, 429 and 5xx retried (after
 * {@code Retry-After} when given); any other 4xx failed for good.
 */
public final class HttpOutcome {

	private HttpOutcome() {
	}

	public static DeliveryResult of(int status, @Nullable String retryAfter, @Nullable String body, Clock clock) {
		if (status >= 200 && status < 300) {
			return new DeliveryResult.Sent(null);
		}
		// the target's body is never shown: agents read this reason in the timeline
		String reason = "HTTP " + status + ", " + FailureReason.of(body);
		if (status == 408 || status == 429 || status >= 500) {
			return new DeliveryResult.Retry(reason, retryAfter(retryAfter, clock));
		}
		return new DeliveryResult.Failed(reason);
	}

	static @Nullable Duration retryAfter(@Nullable String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration d = Duration.between(clock.instant(), at.toInstant());
				return d.isNegative() ? Duration.ZERO : d;
			}
			catch (RuntimeException unparsable) {
				return null;
			}
		}
	}

}
