package org.parlons.channels.social;

import org.junit.jupiter.api.Test;
import org.parlons.channels.FailureReason;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.api.HttpOutcome;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What agents read of a refused delivery: the status and the network's error code, never
 * what the other side wrote in its body.
 */
class ErrorReasonTests {

	@Test
	void keepsTheNetworksCodeAndNothingElseOfTheBody() {
		assertThat(FailureReason.of("{\"error\":{\"code\":190,\"message\":\"token of julie@teleo.fr expired\"}}"))
			.isEqualTo("error code 190");
		assertThat(FailureReason.of("{\"errors\":[{\"code\":88,\"message\":\"Rate limit\"}]}"))
			.isEqualTo("error code 88");
		assertThat(FailureReason.of("{\"ok\":false,\"error_code\":400,\"description\":\"chat 42 not found\"}"))
			.isEqualTo("error code 400");
		assertThat(FailureReason.of("{\"code\":\"<img src=x onerror=alert(1)>\"}"))
			.isEqualTo("error code imgsrcxonerroralert1");
		assertThat(FailureReason.of("<html><script>alert('internal admin page')</script></html>"))
			.isEqualTo("no error code");
		assertThat(FailureReason.of(null)).isEqualTo("no error code");
		assertThat(FailureReason.of("{\"title\":\"Too Many Requests\",\"detail\":\"of account 42\","
				+ "\"type\":\"https://api.twitter.com/2/problems/usage-capped\",\"status\":429}"))
			.isEqualTo("error code usage-capped");
	}

	@Test
	void aWebhookTargetsBodyStaysOutOfTheReason() {
		var failed = (DeliveryResult.Failed) HttpOutcome.of(403, null, "Internal: db password is hunter2",
				Clock.systemUTC());
		assertThat(failed.reason()).isEqualTo("HTTP 403, no error code");
	}

}
