package org.parlons.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the running server: what an integrator's code does, nothing
 * mocked.
 */
public final class TestApi {

	public static final String ADMIN_EMAIL = "admin@test.local";

	public static final String ADMIN_PASSWORD = "admin-password-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String authorization;

	private final Map<String, String> headers;

	private TestApi(String base, String authorization) {
		this(base, authorization, Map.of());
	}

	private TestApi(String base, String authorization, Map<String, String> headers) {
		this.base = base;
		this.authorization = authorization;
		this.headers = headers;
	}

	/** The same client, sending one more header with every request. */
	public TestApi withHeader(String name, String value) {
		Map<String, String> more = new java.util.LinkedHashMap<>(headers);
		more.put(name, value);
		return new TestApi(base, authorization, more);
	}

	/**
	 * A response: the status, the body as JSON (null when empty), and the content type.
	 */
	public record Response(int status, JsonNode body, String contentType) {

		public long id(String field) {
			return body.get(field).asLong();
		}

	}

	public static TestApi asAdmin(int port) {
		return basic(port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	public static TestApi basic(int port, String email, String password) {
		return new TestApi("http://localhost:" + port, "Basic "
				+ Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public static TestApi bearer(int port, String token) {
		return new TestApi("http://localhost:" + port, "Bearer " + token);
	}

	public static TestApi anonymous(int port) {
		return new TestApi("http://localhost:" + port, null);
	}

	public Response get(String path) {
		return send(builder(path).GET());
	}

	public Response post(String path, Object body) {
		String json = body instanceof String s ? s : JSON.writeValueAsString(body);
		return send(builder(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** POSTs a body as it is, its Content-Type given by {@link #withHeader}. */
	public Response postRaw(String path, String body) {
		return send(builder(path).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response postText(String path, String csv) {
		return send(builder(path).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
	}

	/** POSTs JSON and answers the body as text (a CSV export). */
	public String postForText(String path, Object body) {
		try {
			return HTTP
				.send(builder(path).header("Content-Type", "application/json")
					.header("Accept", "*/*")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String getText(String path) {
		try {
			return HTTP.send(builder(path).header("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A file of a multipart request. */
	public record FilePart(String field, String name, String contentType, byte[] bytes) {

		/**
		 * The smallest real PNG (one pixel), a picture field "files" of a reply sends.
		 */
		public static final byte[] PNG = java.util.Base64.getDecoder()
			.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

		/** A one-pixel PNG picture named {@code name}, as a reply's composer sends it. */
		public static FilePart png(String name) {
			return new FilePart("files", name, "image/png", PNG);
		}

	}

	/** POSTs multipart/form-data: text fields, then files, as a browser sends them. */
	public Response postMultipart(String path, Map<String, String> fields, java.util.List<FilePart> files) {
		String boundary = "parlons-" + java.util.UUID.randomUUID();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.util.function.Consumer<String> text = t -> out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
		fields.forEach((name, value) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		for (FilePart file : files) {
			text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
					+ "\"; filename=\"" + file.name() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
			out.writeBytes(file.bytes());
			text.accept("\r\n");
		}
		text.accept("--" + boundary + "--\r\n");
		return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
	}

	public Response delete(String path) {
		return send(builder(path).DELETE());
	}

	public Response put(String path, Object body) {
		return send(builder(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	public Response patch(String path, Object body) {
		return send(builder(path).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	/** Creates an API inbox and returns its id. */
	public long createApiInbox(String name, Map<String, Object> extra) {
		var body = new java.util.LinkedHashMap<String, Object>(Map.of("name", name, "channel", "api"));
		body.putAll(extra);
		Response r = post("/api/v1/inboxes", body);
		if (r.status() != 201) {
			throw new AssertionError("inbox not created: " + r);
		}
		return r.id("id");
	}

	/** Creates an agent and returns its id. */
	public long createAgent(String email, String role, String password) {
		Response r = post("/api/v1/agents",
				Map.of("email", email, "name", email.split("@")[0], "password", password, "role", role));
		if (r.status() != 201) {
			throw new AssertionError("agent not created: " + r);
		}
		return r.id("id");
	}

	/** A JSON text read as a tree. */
	public static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static Map<String, Object> inbound(String externalId, String authorId, String text) {
		return Map.of("externalId", externalId, "author", Map.of("externalId", authorId, "name", "Client " + authorId),
				"text", text, "sentAt", java.time.OffsetDateTime.now().toString(), "visibility", "private");
	}

	private HttpRequest.Builder builder(String path) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json");
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		headers.forEach(b::header);
		return b;
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String type = r.headers().firstValue("Content-Type").orElse("");
			// a CSV or a page has no JSON body: its status is what the caller reads
			boolean json = type.isEmpty() || type.contains("json");
			JsonNode body = !json || r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
			return new Response(r.statusCode(), body, type);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
