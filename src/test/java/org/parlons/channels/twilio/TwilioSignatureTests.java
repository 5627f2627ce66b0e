package org.parlons.channels.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature against Twilio's own published vector (the example of its webhook
 * security page, used by every official SDK's tests), not against itself.
 */
class TwilioSignatureTests {

	private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	@Test
	void matchesTwilioDocumentedExample() {
		Map<String, List<String>> params = new LinkedHashMap<>();
		params.put("To", List.of("+18005551212"));
		params.put("CallSid", List.of("CA1234567890ABCDE"));
		params.put("Digits", List.of("1234"));
		params.put("From", List.of("+14158675309"));
		params.put("Caller", List.of("+14158675309"));

		assertThat(TwilioSignature.sign("12345", URL, params)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
		params.put("Digits", List.of("9999"));
		assertThat(TwilioSignature.sign("12345", URL, params)).isNotEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
	}

}
