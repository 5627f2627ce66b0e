package org.parlons.platform;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HMAC-SHA256 in hex, the scheme of Meta's {@code X-Hub-Signature-256}, against a
 * published vector of the same scheme (GitHub's webhook documentation: secret "It's a
 * Secret to Everybody", payload "Hello, World!") and RFC 4231's test case 2.
 */
class CryptoTests {

	@Test
	void matchesPublishedVectors() {
		assertThat(Crypto.hmacSha256Hex("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
		assertThat(Crypto.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

}
