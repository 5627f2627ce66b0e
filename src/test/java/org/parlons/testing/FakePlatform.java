package org.parlons.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A social network's API on a local port, for connector tests: it records every request
 * and answers what the test scripts (by default 200 with an empty JSON object). Point an
 * inbox's {@code apiBaseUrl} at {@link #url()}.
 */
public final class FakePlatform implements AutoCloseable {

	/** One request as the platform received it. */
	public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			List<String> values = headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(List.of());
			return values.isEmpty() ? null : values.get(0);
		}

	}

	/** What the platform answers. */
	public record Answer(int status, String body, Map<String, String> headers) {

		public static Answer json(int status, String body) {
			return new Answer(status, body, Map.of());
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Function<Request, Answer> script = r -> Answer.json(200, "{}");

	public FakePlatform() {
		this(0);
	}

	/** On this port (0: any free one). */
	public FakePlatform(int port) {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // streams
																						// stay
																						// open
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", exchange -> {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery(),
					Map.copyOf(exchange.getRequestHeaders()),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			requests.add(request);
			Answer answer = script.apply(request);
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
			exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		server.start();
	}

	/** A path answered by its own handler (a stream that stays open, say). */
	public void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
		server.createContext(path, handler);
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public void answer(Function<Request, Answer> script) {
		this.script = script;
	}

	public List<Request> requests() {
		return new ArrayList<>(requests);
	}

	/** The requests whose path ends with the given suffix. */
	public List<Request> to(String pathSuffix) {
		return requests().stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
