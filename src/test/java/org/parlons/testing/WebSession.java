package org.parlons.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session without the browser: signs in through the form and posts the UI's
 * forms with their CSRF token, as a person's open tab would.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final int port;

	private String csrf = "";

	private WebSession(int port) {
		this.port = port;
	}

	/** Signs in; fails unless the form sends the person to the inbox. */
	public static WebSession signIn(int port, String email, String password) {
		WebSession s = new WebSession(port);
		s.csrf = s.csrfOf("/login");
		var answer = s.send("POST", "/login", Map.of("username", email, "password", password));
		if (answer.statusCode() != 302 || !answer.headers().firstValue("Location").orElse("").contains("/inbox")) {
			throw new AssertionError("sign-in of " + email + " answered " + answer.statusCode() + " "
					+ answer.headers().firstValue("Location").orElse(""));
		}
		s.csrf = s.csrfOf("/inbox");
		return s;
	}

	/** The status of a page: 200, 403, or 302 to the sign-in. */
	public HttpResponse<String> get(String path) {
		return send("GET", path, Map.of());
	}

	/** Posts a form as the page would, with the session's CSRF token. */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		return send("POST", path, form);
	}

	private String csrfOf(String path) {
		Matcher m = CSRF.matcher(get(path).body());
		return m.find() ? m.group(1) : "";
	}

	private HttpResponse<String> send(String method, String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		if (method.equals("POST")) {
			body = body + (body.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		request = method.equals("POST") ? request.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)) : request.GET();
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
