package org.parlons.channels.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures in the {@code sha256=<hex>} form GitHub and Meta use, over "timestamp.body" so
 * a captured delivery cannot be replayed later with a new timestamp.
 */
public final class WebhookSignature {

	private WebhookSignature() {
	}

	public static String sign(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '.');
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
		byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
	}

}
