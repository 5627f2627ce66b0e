package org.parlons.channels.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature
 * (https://www.twilio.com/docs/usage/security#validating-requests): the full URL Twilio
 * called, followed by every POST parameter name and value sorted by name, signed with
 * HMAC-SHA1 under the account's auth token, in Base64.
 */
final class TwilioSignature {

	private TwilioSignature() {
	}

	static String sign(String authToken, String url, Map<String, List<String>> params) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params)
			.forEach((name, values) -> values.stream().sorted().forEach(v -> data.append(name).append(v)));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
