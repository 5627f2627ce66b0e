package org.parlons.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS proxy (forwarded headers honoured): HSTS and Secure cookies; and whatever
 * Host a request names, redirects stay relative.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=native", "spring.datasource.hikari.maximum-pool-size=5" })
@DirtiesContext // a context of its own: closed after, so its connections go back to
				// PostgreSQL
class BehindProxyTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRequestTheProxyReceivedOverTlsGetsHstsAndASecureSessionCookie() throws Exception {
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "203.0.113.9")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(page.headers().allValues("Set-Cookie"))
			.anyMatch(c -> c.startsWith("JSESSIONID") && c.contains("Secure"));

		HttpResponse<String> plain = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void theHostARequestNamesIsNeverWrittenIntoARedirect() throws Exception {
		for (String header : new String[] { "X-Forwarded-Host" }) {
			HttpResponse<String> redirect = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/inbox"))
					.header(header, "evil.example")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(redirect.statusCode()).isEqualTo(302);
			assertThat(redirect.headers().firstValue("Location").orElse("")).isEqualTo("/login");
		}
	}

}
