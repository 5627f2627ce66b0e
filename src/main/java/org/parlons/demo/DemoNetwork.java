package org.parlons.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the networks the demo's social inboxes talk to, on the loopback
 * interface: WhatsApp's Cloud API ({@code POST /v…/{phone-number-id}/messages}) and a
 * Mastodon instance (statuses, mentions, the account), answering as they do, so the
 * demo's replies go through the real connectors and come back sent. The inboxes point at
 * it with their {@code apiBaseUrl} setting. After the seeding, the Mastodon stand-in has
 * one new mention, which the real poller brings in. Runs only with the demo.
 */
@Component
class DemoNetwork {

	/** The live mention's id, above every recorded one. */
	static final String LIVE_MENTION = "990000000000000001";

	private static final Logger log = LoggerFactory.getLogger(DemoNetwork.class);

	private final @Nullable HttpServer server;

	private final AtomicLong ids = new AtomicLong(1_000_000);

	private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();

	private volatile @Nullable Map<String, Object> liveMention;

	DemoNetwork(DemoSettings settings) throws IOException {
		if (!settings.enabled()) {
			this.server = null;
			return;
		}
		HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.networkPort()), 0);
		http.createContext("/", this::answer);
		http.start();
		this.server = http;
		log.info("Demo network (WhatsApp and Mastodon stand-in): http://127.0.0.1:{}", port());
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	private int port() {
		HttpServer http = server;
		if (http == null) {
			throw new IllegalStateException("The demo network runs only with parlons.demo.enabled=true");
		}
		return http.getAddress().getPort();
	}

	/** What the connectors sent, in order (a WhatsApp message, a Mastodon status). */
	List<Map<String, Object>> sent() {
		return List.copyOf(sent);
	}

	/** A customer mentions the brand on Mastodon, now: the next poll brings it in. */
	void mention(String acct, String name, String text) {
		liveMention = Map.of("id", LIVE_MENTION, "type", "mention", "created_at", Instant.now().toString(), "status",
				Map.of("id", LIVE_MENTION, "created_at", Instant.now().toString(), "visibility", "public", "content",
						"<p>" + org.springframework.web.util.HtmlUtils.htmlEscape(text, "UTF-8") + "</p>", "account",
						Map.of("id", "77", "acct", acct, "display_name", name), "media_attachments", List.of()));
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath();
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			boolean post = "POST".equals(exchange.getRequestMethod());
			if (post && path.matches("/v[0-9.]+/[0-9]+/messages")) {
				sent.add(Map.of("network", "whatsapp", "body", body));
				reply(exchange, 200, Map.of("messaging_product", "whatsapp", "messages",
						List.of(Map.of("id", "wamid.demo" + ids.incrementAndGet()))));
			}
			else if (post && path.equals("/api/v1/statuses")) {
				sent.add(Map.of("network", "mastodon", "body", body));
				String id = String.valueOf(ids.incrementAndGet());
				reply(exchange, 200, Map.of("id", id, "url", "https://piaille.fr/@teleo/" + id));
			}
			else if (post && path.matches("/api/v1/statuses/[0-9]+/favourite")) {
				reply(exchange, 200, Map.of("id", path.split("/")[4], "favourited", true));
			}
			else if (path.equals("/api/v1/notifications")) {
				// the connector itself skips what it read before (min_id)
				Map<String, Object> mention = liveMention;
				reply(exchange, 200, mention == null ? List.of() : List.of(mention));
			}
			else if (path.equals("/api/v1/accounts/verify_credentials")) {
				reply(exchange, 200, Map.of("id", "1", "acct", "teleo", "followers_count", 4180));
			}
			else if (path.equals("/api/v2/search")) {
				reply(exchange, 200, Map.of("statuses", List.of()));
			}
			else if (path.startsWith("/api/v1/accounts/") || path.startsWith("/api/v1/timelines/")) {
				reply(exchange, 200, List.of());
			}
			else {
				reply(exchange, 404, Map.of("error", "The demo network does not know " + path));
			}
		}
	}

	private static void reply(HttpExchange exchange, int status, Object json) throws IOException {
		byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@PreDestroy
	void stop() {
		HttpServer http = server;
		if (http != null) {
			http.stop(0);
		}
	}

}
