package org.parlons.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Sign-in is throttled, forms need their CSRF token, pages need a session, and health is
 * public.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInSecurityTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void locksAnAccountAfterRepeatedWrongPasswordsEvenWithTheRightOneAfterwards() {
		TestApi admin = TestApi.asAdmin(port);
		String email = unique("target") + "@teleo.test";
		admin.createAgent(email, "agent", "right-password");
		for (int i = 0; i < 5; i++) {
			assertThat(TestApi.basic(port, email, "guess-" + i).get("/api/v1/me").status()).isEqualTo(401);
		}
		var locked = TestApi.basic(port, email, "right-password").get("/api/v1/me");
		assertThat(locked.status()).isEqualTo(401);
		assertThat(locked.body().get("detail").asString()).contains("Too many failed sign-ins");
	}

	@Test
	void refusesAFormPostWithoutItsCsrfToken() throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + TestApi.ADMIN_EMAIL + "&password=" + TestApi.ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void sendsAnonymousVisitorsToTheSignInPage() throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/inbox")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	@Test
	void answersHealthWithoutAuthentication() throws Exception {
		var response = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void describesTheApiWithOpenApiToThoseSignedIn() throws Exception {
		var anonymous = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((TestApi.ADMIN_EMAIL + ":" + TestApi.ADMIN_PASSWORD).getBytes()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/api/v1/inboxes/{inboxId}/inbound").contains("/api/v1/conversations");
	}

}
