package org.parlons.channels.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.api.HttpOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class HttpOutcomeTests {

	final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void retriesServerErrorsAndRateLimitsHonouringRetryAfter() {
		assertThat(HttpOutcome.of(503, null, "", clock)).isInstanceOf(DeliveryResult.Retry.class);
		var limited = (DeliveryResult.Retry) HttpOutcome.of(429, "120", "", clock);
		assertThat(limited.after()).isEqualTo(Duration.ofMinutes(2));
		var dated = (DeliveryResult.Retry) HttpOutcome.of(503, "Mon, 23 Nov 2026 10:05:00 GMT", "", clock);
		assertThat(dated.after()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void failsClientErrorsForGoodAndAcceptsSuccess() {
		assertThat(HttpOutcome.of(400, null, "bad", clock)).isInstanceOf(DeliveryResult.Failed.class);
		assertThat(HttpOutcome.of(404, null, "", clock)).isInstanceOf(DeliveryResult.Failed.class);
		assertThat(HttpOutcome.of(204, null, "", clock)).isInstanceOf(DeliveryResult.Sent.class);
	}

}
