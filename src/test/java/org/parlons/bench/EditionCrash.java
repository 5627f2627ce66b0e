package org.parlons.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of {@code scripts/edition-crash-test.sh}, against a running Parlons and a
 * {@link org.parlons.testing.MastodonDouble}: an edition scheduled seconds ahead, then
 * what became of it. Each step prints {@code RESULT name value}; the administrator signs
 * in with {@code PARLONS_ADMIN_EMAIL} and {@code PARLONS_ADMIN_PASSWORD}.
 */
public final class EditionCrash {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "setup" -> setup(args[1], args[2], Integer.parseInt(args[3]));
			case "state" -> state(args[1], Long.parseLong(args[2]));
			case "network" -> network(args[1]);
			case "atom" -> atom(args[1], args[2]);
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	/**
	 * A Mastodon inbox, a feed source, and an edition of its item due in {@code seconds}.
	 */
	static void setup(String base, String network, int seconds) throws Exception {
		long inbox = call(base, "POST", "/api/v1/inboxes", Map.of("name", "Teleo", "channel", "mastodon", "instanceUrl",
				"https://piaille.example", "accessToken", "tok", "apiBaseUrl", network))
			.get("id")
			.asLong();
		call(base, "POST", "/api/v1/curation/sources", Map.of("kind", "feed", "url", network + "/feeds/news"));
		long item = call(base, "GET", "/api/v1/curation/items", null).get("items").get(0).get("id").asLong();
		String title = "Édition du " + Instant.now();
		long edition = call(base, "POST", "/api/v1/editions",
				Map.of("title", title, "headlineItemId", item, "briefItemIds", List.of(), "inboxIds", List.of(inbox),
						"publishAt", Instant.now().plusSeconds(seconds).toString()))
			.get("id")
			.asLong();
		JsonNode publishing = call(base, "POST", "/api/v1/editions/" + edition + "/publish", Map.of());
		System.out.println("RESULT edition " + edition);
		System.out.println("RESULT status " + publishing.get("status").asString());
		System.out.println("RESULT title " + title.replace(' ', '_'));
	}

	/** The edition's status and its post's. */
	static void state(String base, long edition) throws Exception {
		JsonNode e = call(base, "GET", "/api/v1/editions/" + edition, null);
		System.out.println("RESULT status " + e.get("status").asString());
		JsonNode post = e.get("posts").get(0);
		System.out.println("RESULT post " + (post.get("status").isNull() ? "none" : post.get("status").asString()));
	}

	/** What the network holds: statuses made, and posts asked for (repeats included). */
	static void network(String network) throws Exception {
		JsonNode n = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(network + "/double/statuses")).build(),
				HttpResponse.BodyHandlers.ofString())
			.body());
		System.out.println("RESULT statuses " + n.get("statuses").asLong());
		System.out.println("RESULT posts " + n.get("posts").asLong());
	}

	/** How many entries of the public Atom feed carry the title. */
	static void atom(String base, String title) throws Exception {
		String feed = HTTP
			.send(HttpRequest.newBuilder(URI.create(base + "/editions.atom")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		String wanted = "<title>" + title.replace('_', ' ') + "</title>";
		int count = 0;
		for (int at = feed.indexOf(wanted); at >= 0; at = feed.indexOf(wanted, at + 1)) {
			count++;
		}
		System.out.println("RESULT atom_entries " + count);
	}

	private static JsonNode call(String base, String method, String path, Object body) throws Exception {
		String auth = System.getenv("PARLONS_ADMIN_EMAIL") + ":" + System.getenv("PARLONS_ADMIN_PASSWORD");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
			.header("Accept", "application/json");
		if (body == null) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

}
