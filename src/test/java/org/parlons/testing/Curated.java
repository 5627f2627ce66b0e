package org.parlons.testing;

import java.util.List;
import java.util.Map;

/**
 * A published edition for the page walks: a feed on the double, its article kept with a
 * note, an edition of it posted on the double's Mastodon account.
 */
public final class Curated {

	private Curated() {
	}

	/** The pages the walks read, once the edition is made. */
	public static List<String> pages(TestApi admin, MastodonDouble network, String title) {
		String slug = TestApi.unique("lettre");
		String feed = network.feed(slug, "application/rss+xml", """
				<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
				<description>b</description><item><title>%s</title><link>https://blog.example/%s</link>
				<description>Texte.</description></item></channel></rss>
				""".formatted(title, slug));
		admin.post("/api/v1/curation/sources", Map.of("kind", "feed", "url", feed));
		long item = admin.get("/api/v1/curation/items?limit=500")
			.body()
			.get("items")
			.valueStream()
			.filter(i -> i.get("canonicalUrl").asString().equals("https://blog.example/" + slug))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		admin.patch("/api/v1/curation/items/" + item, Map.of("status", "kept", "note", title));
		long inbox = admin
			.post("/api/v1/inboxes", Map.of("name", TestApi.unique("Teleo"), "channel", "mastodon", "instanceUrl",
					"https://piaille.example", "accessToken", "tok", "apiBaseUrl", network.url()))
			.id("id");
		long edition = admin
			.post("/api/v1/editions", Map.of("title", title, "headlineItemId", item, "headlineNote", title,
					"briefItemIds", List.of(), "inboxIds", List.of(inbox)))
			.id("id");
		admin.post("/api/v1/editions/" + edition + "/publish", Map.of());
		return List.of("/curation", "/curation/sources", "/curation/editions", "/curation/editions/" + edition,
				"/curation/calendar", "/editions", "/editions/" + edition);
	}

}
