package org.parlons.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds of the web as listening and curation read them: fetched with conditional requests
 * (ETag, Last-Modified), so an unchanged feed costs one short answer, and read whatever
 * their format: RSS and Atom (with Rome) or JSON Feed 1.1.
 */
@Component
public class WebFeeds {

	/**
	 * What a fetch brought back.
	 *
	 * @param status the HTTP status (304: unchanged)
	 * @param body the feed, on 200
	 * @param etag its ETag, to send next time
	 * @param lastModified its Last-Modified, to send next time
	 * @param retryAfter how long the server asked to wait, if it did
	 */
	public record Fetched(int status, byte[] body, @Nullable String etag, @Nullable String lastModified,
			@Nullable Duration retryAfter) {
	}

	/**
	 * One entry of a feed, whatever its format.
	 *
	 * @param id the entry's own id (guid, atom:id, id), else its link
	 * @param url its link
	 * @param title its title, possibly empty
	 * @param summary its summary or content as text, possibly empty
	 * @param author its author, or the feed's title
	 * @param published when it was published (or updated), null when the feed says not
	 */
	public record Entry(String id, @Nullable String url, String title, String summary, @Nullable String author,
			@Nullable Instant published) {
	}

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/** A conditional GET of the feed. */
	public Fetched fetch(String url, @Nullable String etag, @Nullable String lastModified, String userAgent)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("User-Agent", userAgent)
			.header("Accept",
					"application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8");
		if (etag != null) {
			request.header("If-None-Match", etag);
		}
		if (lastModified != null) {
			request.header("If-Modified-Since", lastModified);
		}
		HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		Duration retryAfter = response.headers()
			.firstValue("Retry-After")
			.filter(v -> v.strip().matches("[0-9]{1,6}"))
			.map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
			.orElse(null);
		return new Fetched(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null),
				response.headers().firstValue("Last-Modified").orElse(null), retryAfter);
	}

	/**
	 * The feed's entries: a JSON Feed when the body is a JSON object, else RSS or Atom.
	 * @throws IllegalArgumentException when it is none of them
	 */
	public List<Entry> entries(byte[] body) {
		String start = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).stripLeading();
		if (start.startsWith("\uFEFF")) {
			start = start.substring(1).stripLeading();
		}
		return start.startsWith("{") ? jsonFeed(body) : syndication(body);
	}

	/** Rome's parsed feed (RSS or Atom), for readers that need more than the entries. */
	public SyndFeed syndicated(byte[] body) {
		try {
			return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
		}
		catch (FeedException | IOException ex) {
			throw new IllegalArgumentException("Not an RSS or Atom feed: " + ex.getMessage(), ex);
		}
	}

	private List<Entry> syndication(byte[] body) {
		SyndFeed feed = syndicated(body);
		List<Entry> out = new ArrayList<>();
		for (SyndEntry e : feed.getEntries()) {
			String summary = e.getDescription() != null && e.getDescription().getValue() != null
					? e.getDescription().getValue()
					: e.getContents().isEmpty() || e.getContents().get(0).getValue() == null ? ""
							: e.getContents().get(0).getValue();
			String link = e.getLink();
			String id = e.getUri() != null && !e.getUri().isBlank() ? e.getUri() : link;
			if (id == null) {
				continue;
			}
			String author = e.getAuthor() != null && !e.getAuthor().isBlank() ? e.getAuthor().strip() : feed.getTitle();
			Instant published = e.getPublishedDate() != null ? e.getPublishedDate().toInstant()
					: e.getUpdatedDate() != null ? e.getUpdatedDate().toInstant() : null;
			out.add(new Entry(id, link, e.getTitle() == null ? "" : Jsoup.parse(e.getTitle()).text(),
					Jsoup.parse(summary).text(), author, published));
		}
		return out;
	}

	/** JSON Feed 1.1 (jsonfeed.org): items with id, url, title, summary or content. */
	private List<Entry> jsonFeed(byte[] body) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a JSON Feed: " + ex.getMessage(), ex);
		}
		if (!root.path("version").asString("").startsWith("https://jsonfeed.org/version/")) {
			throw new IllegalArgumentException("Not a JSON Feed: no jsonfeed.org version");
		}
		String feedAuthor = firstAuthor(root);
		List<Entry> out = new ArrayList<>();
		for (JsonNode item : root.path("items")) {
			String url = text(item, "url");
			String id = text(item, "id") != null ? text(item, "id") : url;
			if (id == null) {
				continue;
			}
			String summary = text(item, "summary") != null ? text(item, "summary")
					: text(item, "content_text") != null ? text(item, "content_text")
							: text(item, "content_html") != null ? Jsoup.parse(text(item, "content_html")).text() : "";
			String author = firstAuthor(item);
			out.add(new Entry(id, url, text(item, "title") == null ? "" : text(item, "title"), summary,
					author != null ? author : feedAuthor != null ? feedAuthor : text(root, "title"),
					date(text(item, "date_published") != null ? text(item, "date_published")
							: text(item, "date_modified"))));
		}
		return out;
	}

	private static @Nullable String firstAuthor(JsonNode node) {
		JsonNode authors = node.path("authors");
		if (authors.isArray() && !authors.isEmpty()) {
			return text(authors.get(0), "name");
		}
		return text(node.path("author"), "name");
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() && !value.asString().isBlank() ? value.asString().strip() : null;
	}

	private static @Nullable Instant date(@Nullable String rfc3339) {
		if (rfc3339 == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(rfc3339).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
