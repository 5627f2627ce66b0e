package org.parlons.platform;

import java.nio.charset.StandardCharsets;

/**
 * HMAC-SHA256 signatures in the {@code sha256=<hex>} form GitHub and Meta use, over
 * "timestamp.body" so a captured delivery cannot be replayed later with a new timestamp.
 */
public final class WebhookSignature {

	private WebhookSignature() {
	}

	public static String sign(String secret, String timestamp, byte[] body) {
		return "sha256=" + Crypto.hmacSha256Hex(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
	}

	public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
		return Crypto.sameText(sign(secret, timestamp, body), signature);
	}

}
