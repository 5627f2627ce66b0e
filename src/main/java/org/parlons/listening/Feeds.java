package org.parlons.listening;

import org.parlons.platform.Leases;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.parlons.platform.Scheduling;
import org.parlons.platform.WebFeeds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * RSS and Atom feeds of blogs, news and review sites (read with Rome), each entry a
 * mention: title and summary as its text, its author (or the feed) as the author, its
 * link to open it. A feed may keep only the entries naming the brand (keywords). Feeds
 * are read with conditional requests ({@link WebFeeds}).
 */
@Service
public class Feeds {

	/**
	 * A feed read for mentions.
	 *
	 * @param id its number
	 * @param name its name
	 * @param url its address
	 * @param keywords words an item must hold
	 * @param lastReadAt when it was last read
	 * @param lastError what went wrong then, if anything
	 */
	public record Feed(long id, String name, String url, List<String> keywords, @Nullable Instant lastReadAt,
			@Nullable String lastError) {
	}

	private final JdbcClient jdbc;

	private final Mentions mentions;

	private final SentimentAnalyser analyser;

	private final Clock clock;

	private final WebFeeds web;

	private final Leases leases;

	Feeds(Leases leases, JdbcClient jdbc, Mentions mentions, SentimentAnalyser analyser, Clock clock, WebFeeds web) {
		this.web = web;
		this.leases = leases;
		this.jdbc = jdbc;
		this.mentions = mentions;
		this.analyser = analyser;
		this.clock = clock;
	}

	public long add(String name, String url, List<String> keywords) {
		URI uri = URI.create(url.strip());
		if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new IllegalArgumentException("url must be an http or https address");
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into feed (name, url, keywords, created_at) values (?, ?, ?, ?)")
			.params(name.strip(), uri.toString(), keywords.isEmpty() ? null : String.join("\n", keywords),
					Timestamp.from(clock.instant()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public List<Feed> all() {
		return jdbc.sql("select id, name, url, keywords, last_read_at, last_error from feed order by id")
			.query((rs, n) -> new Feed(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4) == null ? List.of() : Arrays.asList(rs.getString(4).split("\n")),
					rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getString(6)))
			.list();
	}

	public boolean remove(long id) {
		return jdbc.sql("delete from feed where id = ?").param(id).update() > 0;
	}

	@Scheduled(fixedDelayString = "#{" + ListeningSettings.BEAN + ".feedInterval()}",
			initialDelayString = "#{" + ListeningSettings.BEAN + ".feedFirstRead()}", scheduler = Scheduling.NETWORK)
	void readAll() {
		if (!leases.hold("job:feeds")) {
			return;
		}
		all().forEach(this::read);
	}

	/** Reads one feed now; answers how many new mentions it gave. */
	public int read(Feed feed) {
		try {
			var stored = jdbc.sql("select etag, last_modified from feed where id = ?")
				.param(feed.id())
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.single();
			WebFeeds.Fetched response = web.fetch(feed.url(), stored[0], stored[1], "Parlons/1 (+listening)");
			if (response.status() == 304) {
				done(feed.id(), stored[0], stored[1], null);
				return 0;
			}
			if (response.status() != 200) {
				done(feed.id(), stored[0], stored[1], "HTTP " + response.status());
				return 0;
			}
			SyndFeed parsed = web.syndicated(response.body());
			List<Mentions.NewMention> found = new ArrayList<>();
			for (SyndEntry entry : parsed.getEntries()) {
				Mentions.NewMention m = mention(feed, parsed, entry);
				if (m != null) {
					found.add(m);
				}
			}
			int added = mentions.saveAll(found);
			done(feed.id(), response.etag(), response.lastModified(), null);
			return added;
		}
		catch (Exception ex) {
			done(feed.id(), null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			return 0;
		}
	}

	private Mentions.@Nullable NewMention mention(Feed feed, SyndFeed parsed, SyndEntry entry) {
		String title = entry.getTitle() == null ? "" : entry.getTitle().strip();
		String summary = entry.getDescription() == null ? ""
				: Jsoup.parse(entry.getDescription().getValue() == null ? "" : entry.getDescription().getValue())
					.text();
		String text = (title + (summary.isEmpty() ? "" : "\n\n" + summary)).strip();
		if (text.isEmpty() || !feed.keywords().isEmpty() && feed.keywords()
			.stream()
			.noneMatch(k -> text.toLowerCase(Locale.ROOT).contains(k.toLowerCase(Locale.ROOT)))) {
			return null;
		}
		String id = entry.getUri() != null ? entry.getUri() : entry.getLink() != null ? entry.getLink() : title;
		String author = entry.getAuthor() != null && !entry.getAuthor().isBlank() ? entry.getAuthor().strip()
				: parsed.getTitle();
		Instant published = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
				: entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : clock.instant();
		Sentiment s = analyser.analyse(text, null);
		return new Mentions.NewMention("feed", feed.id(), "rss", id.length() > 500 ? id.substring(0, 500) : id, author,
				"feed:" + feed.id() + ":" + (author == null ? "" : author.toLowerCase(Locale.ROOT)), text, s.language(),
				s.score(), s.label(), entry.getLink(), published, null);
	}

	private void done(long id, @Nullable String etag, @Nullable String lastModified, @Nullable String error) {
		jdbc.sql(
				"update feed set etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), last_read_at = ?, "
						+ "last_error = ? where id = ?")
			.params(etag, lastModified, Timestamp.from(clock.instant()), error, id)
			.update();
	}

}
