package org.parlons.channels.social;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.FailureReason;
import org.parlons.channels.DeliveryResult;
import org.parlons.channels.api.HttpOutcome;
import org.parlons.platform.Json;
import org.springframework.stereotype.Component;

/**
 * Calls to a social network's HTTP API, answered as plain data: no exception for a
 * network failure, so a connector can turn every outcome into a delivery result (retry,
 * with the network's Retry-After, or fail for good).
 */
@Component
public class PlatformHttp {

	/** What the network answered; status 0 when it could not be reached. */
	public record Answer(int status, String body, @Nullable String retryAfter, Map<String, String> headers) {

		public Answer(int status, String body, @Nullable String retryAfter) {
			this(status, body, retryAfter, Map.of());
		}

		/** A response header, whatever its case. */
		public @Nullable String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		public boolean ok() {
			return status >= 200 && status < 300;
		}

		public Map<String, Object> json() {
			try {
				return Json.readMap(body);
			}
			catch (RuntimeException ex) {
				return Map.of();
			}
		}

	}

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Clock clock;

	PlatformHttp(Clock clock) {
		this.clock = clock;
	}

	public Answer postJson(String url, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
		return send(request, headers);
	}

	public Answer postForm(String url, Map<String, String> form, Map<String, String> headers) {
		String encoded = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encoded));
		return send(request, headers);
	}

	/** A file of a multipart request. */
	public record FilePart(String field, String name, String contentType, byte[] bytes) {
	}

	/**
	 * POSTs multipart/form-data: text fields, then files, their names in UTF-8 (RFC 7578,
	 * with an ASCII fallback).
	 */
	public Answer postMultipart(String url, Map<String, String> fields, List<FilePart> files,
			Map<String, String> headers) {
		String boundary = "parlons-" + java.util.UUID.randomUUID();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.util.function.Consumer<String> text = t -> out.writeBytes(t.getBytes(StandardCharsets.UTF_8));
		fields.forEach((name, value) -> text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		for (FilePart file : files) {
			String ascii = file.name().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
			text.accept("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
					+ "\"; filename=\"" + ascii + "\"; filename*=UTF-8''"
					+ URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20") + "\r\nContent-Type: "
					+ file.contentType() + "\r\n\r\n");
			out.writeBytes(file.bytes());
			text.accept("\r\n");
		}
		text.accept("--" + boundary + "--\r\n");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
		return send(request, headers);
	}

	/** POSTs raw bytes of a type (a blob to a network's store). */
	public Answer postBytes(String url, String contentType, byte[] bytes, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), headers);
	}

	public Answer putJson(String url, Object body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))), headers);
	}

	public Answer delete(String url, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
	}

	/** Null when the network accepted a moderation call, else what it said. */
	public static @Nullable String refusal(String network, Answer answer) {
		return answer.ok() ? null : network + " refused (" + answer.status() + "): " + FailureReason.of(answer.body());
	}

	/** The start of an answer's body, short enough for a log line or a health message. */
	public Answer get(String url, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
	}

	/**
	 * The usual reading of an answer: 2xx sent, 408/429/5xx and no answer retried, other
	 * 4xx failed.
	 */
	public DeliveryResult outcome(Answer answer, @Nullable String channelId) {
		if (answer.status() == 0) {
			return new DeliveryResult.Retry(answer.body(), null);
		}
		DeliveryResult result = HttpOutcome.of(answer.status(), answer.retryAfter(), answer.body(), clock);
		return result instanceof DeliveryResult.Sent ? new DeliveryResult.Sent(channelId) : result;
	}

	/** A file fetched from a network: its bytes and the type it was served as. */
	public record Download(byte[] bytes, String contentType) {
	}

	/**
	 * GETs a file, at most {@code maxBytes} of it: empty when the network does not answer
	 * 200, or the file is larger.
	 */
	public java.util.Optional<Download> download(String url, Map<String, String> headers, long maxBytes) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		headers.forEach(request::header);
		request.header("User-Agent", "Parlons/1").timeout(Duration.ofSeconds(60));
		try {
			HttpResponse<java.io.InputStream> response = http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (java.io.InputStream in = response.body()) {
				if (response.statusCode() != 200) {
					return java.util.Optional.empty();
				}
				byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
				if (bytes.length > maxBytes) {
					return java.util.Optional.empty();
				}
				return java.util.Optional.of(new Download(bytes,
						response.headers().firstValue("Content-Type").orElse("application/octet-stream")));
			}
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return java.util.Optional.empty();
		}
	}

	/** The most a customer's file may weigh to be kept (WhatsApp's own limit). */
	public static final long MAX_FILE = 100L * 1024 * 1024;

	/**
	 * A customer's file a network publishes at the address its payload gave
	 * ({@code "mastodon:https://…"}), fetched without the inbox's credentials: only over
	 * https, or from the host the inbox's {@code apiBaseUrl} names (a stand-in on this
	 * machine); empty for anything else.
	 */
	public java.util.Optional<Download> published(org.parlons.conversations.Inbox inbox,
			org.parlons.conversations.Attachment file) {
		String prefix = inbox.channel() + ":";
		String ref = file.url();
		if (ref == null || !ref.startsWith(prefix)) {
			return java.util.Optional.empty();
		}
		URI uri;
		try {
			uri = URI.create(ref.substring(prefix.length()));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
		return fetchable(inbox.settings(), uri) ? download(uri.toString(), Map.of(), MAX_FILE)
				: java.util.Optional.empty();
	}

	static boolean fetchable(Map<String, Object> settings, URI uri) {
		if (uri.getHost() == null) {
			return false;
		}
		if ("https".equals(uri.getScheme())) {
			return true;
		}
		Object configured = settings.get("apiBaseUrl");
		if (configured == null || configured.toString().isBlank()) {
			return false;
		}
		URI base = URI.create(configured.toString().strip());
		return java.util.Objects.equals(base.getScheme(), uri.getScheme())
				&& java.util.Objects.equals(base.getHost(), uri.getHost()) && base.getPort() == uri.getPort();
	}

	/**
	 * A file's name from the last segment of the address it is published at, else its
	 * kind ("image").
	 */
	public static String fileName(String url, String kind) {
		String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		String last = path.substring(path.lastIndexOf('/') + 1);
		return last.matches("[\\w.-]{1,120}\\.[A-Za-z0-9]{2,5}") ? last : kind;
	}

	private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
		headers.forEach(request::header);
		request.header("User-Agent", "Parlons/1").timeout(Duration.ofSeconds(15));
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, String> received = new HashMap<>();
			response.headers().map().forEach((k, v) -> {
				if (!v.isEmpty()) {
					received.put(k.toLowerCase(Locale.ROOT), v.get(0));
				}
			});
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null), received);
		}
		catch (IOException ex) {
			return new Answer(0, "unreachable: " + ex.getClass().getSimpleName() + " " + ex.getMessage(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted", null);
		}
	}

	/**
	 * The API host of a connector: the network's own unless {@code apiBaseUrl} points at
	 * another.
	 */
	public static String baseUrl(Map<String, Object> settings, String official) {
		Object configured = settings.get("apiBaseUrl");
		String base = configured == null || configured.toString().isBlank() ? official : configured.toString().strip();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** Checks an {@code apiBaseUrl} setting when present. */
	public static void checkBaseUrl(Map<String, Object> settings, Map<String, Object> prepared) {
		Object configured = settings.get("apiBaseUrl");
		if (configured == null || configured.toString().isBlank()) {
			return;
		}
		URI uri;
		try {
			uri = URI.create(configured.toString().strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("apiBaseUrl is not a URL: " + configured);
		}
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new IllegalArgumentException("apiBaseUrl must be an http or https URL");
		}
		prepared.put("apiBaseUrl", uri.toString());
	}

	/** A required text setting, trimmed. */
	public static String required(Map<String, Object> settings, String name) {
		Object value = settings.get(name);
		if (value == null || value.toString().isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value.toString().strip();
	}

}
