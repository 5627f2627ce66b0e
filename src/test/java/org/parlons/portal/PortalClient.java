package org.parlons.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.parlons.testing.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's browser as far as the customer space's JSON is concerned: it keeps the
 * cookies it is given and follows redirects, nothing else.
 */
public final class PortalClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	public PortalClient(int port) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** A customer signed in through an invitation the admin issued. */
	public static PortalClient signedIn(TestApi admin, int port, long customer) {
		var invitation = admin.post("/api/v1/customers/" + customer + "/portal-invitations", java.util.Map.of());
		if (invitation.status() != 201) {
			throw new AssertionError("no invitation: " + invitation);
		}
		PortalClient browser = new PortalClient(port);
		String url = invitation.body().get("url").asString();
		Opened opened = browser.open("http://localhost:" + port + java.net.URI.create(url).getRawPath());
		if (opened.status() != 200) {
			throw new AssertionError("not signed in: " + opened.status());
		}
		return browser;
	}

	/**
	 * Opens a link as a browser does, redirects followed: the final status and address.
	 */
	public Opened open(String url) {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return new Opened(r.statusCode(), r.uri().getPath(), r.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Opened(int status, String path, String body) {
	}

	boolean signedIn() {
		return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("parlons-portal"));
	}

	String cookieValue(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals(name))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	public TestApi.Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public TestApi.Response post(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
	}

	TestApi.Response put(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	TestApi.Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
	}

	/**
	 * Submits a form of the page at {@code page} to {@code action}, with its CSRF field.
	 */
	public Opened submitTo(String page, String action, Map<String, String> fields) {
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(open(base + page).body());
		Map<String, String> all = new java.util.LinkedHashMap<>(fields);
		if (csrf.find()) {
			all.put("_csrf", csrf.group(1));
		}
		String form = all.entrySet()
			.stream()
			.map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
					+ java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
			.collect(java.util.stream.Collectors.joining("&"));
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + action))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			return new Opened(r.statusCode(), r.uri().getPath(), r.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	TestApi.Response postWithHeaders(String path, Object body, Map<String, String> headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		headers.forEach(b::header);
		return send(b);
	}

	/**
	 * Submits a page's form as a browser would: the page at {@code url} is read first for
	 * its CSRF field, then the fields are posted to the same address.
	 */
	Opened submit(String url, Map<String, String> fields) {
		String target = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		return submitTo(url.substring(base.length()), target.substring(base.length()), fields);
	}

	private TestApi.Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String type = r.headers().firstValue("Content-Type").orElse("");
			JsonNode body = !type.contains("json") || r.body().isBlank() ? null : JSON.readTree(r.body());
			return new TestApi.Response(r.statusCode(), body, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
