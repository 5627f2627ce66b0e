package org.parlons.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

/**
 * A Mastodon instance as the brand's account sees it, on a local port: statuses posted
 * ({@code POST /api/v1/statuses}) are kept and honour {@code Idempotency-Key} as Mastodon
 * does (a repeat answers the status the key made), read back by
 * {@code GET /api/v1/accounts/:id/statuses}; no notifications. It also serves feeds at
 * {@code /feeds/<name>} for curation tests. {@link #main} runs it alone, for the crash
 * script: {@code GET /double/statuses} says how many statuses were made and how many
 * posts asked for them.
 */
public final class MastodonDouble implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FakePlatform platform;

	private final Map<String, Map<String, Object>> byKey = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Map<String, String[]> feeds = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(1000);

	private final AtomicLong posts = new AtomicLong();

	private volatile Duration delay = Duration.ZERO;

	public MastodonDouble() {
		this(0);
	}

	public MastodonDouble(int port) {
		platform = new FakePlatform(port);
		platform.answer(this::answer);
	}

	/** How long each status post waits, made, before it is answered. */
	public MastodonDouble slow(Duration delay) {
		this.delay = delay;
		return this;
	}

	/** Serves a feed at {@code /feeds/<name>}. */
	public String feed(String name, String contentType, String body) {
		feeds.put(name, new String[] { contentType, body });
		return url() + "/feeds/" + name;
	}

	public String url() {
		return platform.url();
	}

	/** The statuses made, in order. */
	public List<Map<String, Object>> statuses() {
		return new ArrayList<>(statuses);
	}

	/** How many status posts were asked for, repeats included. */
	public long posts() {
		return posts.get();
	}

	public List<FakePlatform.Request> requests() {
		return platform.requests();
	}

	private FakePlatform.Answer answer(FakePlatform.Request r) {
		if (r.path().startsWith("/feeds/")) {
			String[] feed = feeds.get(r.path().substring("/feeds/".length()));
			return feed == null ? FakePlatform.Answer.json(404, "{}")
					: new FakePlatform.Answer(200, feed[1], Map.of("Content-Type", feed[0]));
		}
		if (r.method().equals("POST") && r.path().equals("/api/v1/statuses")) {
			posts.incrementAndGet();
			String key = r.header("Idempotency-Key");
			Map<String, Object> status;
			synchronized (this) {
				status = key == null ? null : byKey.get(key);
				if (status == null) {
					status = made(r.json().path("status").asString(""));
					statuses.add(status);
					if (key != null) {
						byKey.put(key, status);
					}
				}
			}
			pause();
			return FakePlatform.Answer.json(200, write(status));
		}
		return switch (r.path()) {
			case "/api/v1/accounts/verify_credentials" ->
				FakePlatform.Answer.json(200, "{\"id\": \"1\", \"acct\": \"teleo\", \"followers_count\": 120}");
			case "/api/v1/accounts/1/statuses" -> FakePlatform.Answer.json(200, write(statuses()));
			case "/double/statuses" ->
				FakePlatform.Answer.json(200, "{\"statuses\": " + statuses.size() + ", \"posts\": " + posts() + "}");
			case "/api/v1/notifications" -> FakePlatform.Answer.json(200, "[]");
			default -> FakePlatform.Answer.json(404, "{\"error\": \"Record not found\"}");
		};
	}

	private Map<String, Object> made(String text) {
		String id = String.valueOf(ids.incrementAndGet());
		Map<String, Object> status = new java.util.LinkedHashMap<>();
		status.put("id", id);
		status.put("url", "https://piaille.example/@teleo/" + id);
		status.put("content", "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>");
		status.put("created_at", Instant.now().toString());
		status.put("favourites_count", 0);
		status.put("reblogs_count", 0);
		status.put("replies_count", 0);
		return status;
	}

	private void pause() {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	@Override
	public void close() {
		platform.close();
	}

	/** Runs the double alone on a port: {@code MastodonDouble <port> [delay ms]}. */
	public static void main(String[] args) throws InterruptedException {
		MastodonDouble d = new MastodonDouble(Integer.parseInt(args[0]));
		if (args.length > 1) {
			d.slow(Duration.ofMillis(Long.parseLong(args[1])));
		}
		d.feed("news", "application/rss+xml", args.length > 2 ? args[2] : "");
		System.out.println("READY " + d.url());
		Thread.currentThread().join();
	}

}
