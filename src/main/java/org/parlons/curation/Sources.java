package org.parlons.curation;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.Heard;
import org.parlons.listening.Topics;
import org.parlons.platform.Leases;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.platform.Scheduling;
import org.parlons.platform.WebFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the curator reads, each with a weight: a feed (RSS, Atom, JSON Feed; many at once
 * from an OPML file) or a listening topic (the mentions it tags that point somewhere: a
 * topic's keywords may be hashtags and accounts, fed by the network searches). Read as
 * listening reads: conditional requests, and after a failure an exponential backoff (the
 * server's Retry-After when longer), the health shown on the source.
 */
@Service
public class Sources {

	private static final Logger log = LoggerFactory.getLogger(Sources.class);

	/** How a source is read. */
	public enum Kind {

		FEED, TOPIC;

		public String api() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public static Kind fromApi(String value) {
			for (Kind k : values()) {
				if (k.api().equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
					return k;
				}
			}
			throw Refusals.invalid("curation.source.kind", "A source is a feed or a topic, not '" + value + "'", value);
		}

	}

	/**
	 * A source.
	 *
	 * @param id its number
	 * @param kind feed or topic
	 * @param name its name
	 * @param url a feed's address
	 * @param topicId a topic's number
	 * @param weight how much what it finds counts in suggestions (1 is usual)
	 * @param lastReadAt when it was last read
	 * @param nextReadAt when it is read next
	 * @param failures failed readings in a row
	 * @param lastError what went wrong last, if the last reading failed
	 * @param found how many items it found
	 */
	public record Source(long id, Kind kind, String name, @Nullable String url, @Nullable Long topicId, double weight,
			@Nullable Instant lastReadAt, Instant nextReadAt, int failures, @Nullable String lastError, long found) {

		/** Whether its last reading went well (or it was never read). */
		public boolean healthy() {
			return lastError == null;
		}

	}

	static final Duration MAX_BACKOFF = Duration.ofHours(6);

	private final JdbcClient jdbc;

	private final WebFeeds web;

	private final Items items;

	private final Topics topics;

	private final Heard heard;

	private final Leases leases;

	private final CurationSettings settings;

	private final Clock clock;

	Sources(JdbcClient jdbc, WebFeeds web, Items items, Topics topics, Heard heard, Leases leases,
			CurationSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.web = web;
		this.items = items;
		this.topics = topics;
		this.heard = heard;
		this.leases = leases;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A new source, read at once.
	 * @param url a feed's address (kind feed)
	 * @param topicId a listening topic (kind topic)
	 */
	public Source add(Kind kind, @Nullable String name, @Nullable String url, @Nullable Long topicId,
			@Nullable Double weight) {
		double w = weight == null ? 1.0 : weight;
		if (!(w > 0 && w <= 100)) {
			throw Refusals.invalid("curation.source.weight", "A source's weight is above 0 and at most 100");
		}
		String address = null;
		Long topic = null;
		String label;
		if (kind == Kind.FEED) {
			if (url == null || Canonical.url(url).isEmpty()) {
				throw Refusals.invalid("curation.source.url", "A feed's address is an http or https URL");
			}
			address = url.strip();
			label = name == null || name.isBlank() ? address : name.strip();
		}
		else {
			Topics.Topic found = topicId == null ? null : topics.find(topicId).orElse(null);
			if (found == null) {
				throw Refusals.invalid("curation.source.topic", "A topic source names a listening topic");
			}
			topic = found.id();
			label = name == null || name.isBlank() ? found.name() : name.strip();
		}
		if (label.length() > 300) {
			label = label.substring(0, 300);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into curation_source (kind, name, url, ref_id, weight, next_read_at, created_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
				.params(kind.api(), label, address, topic, w, Timestamp.from(clock.instant()),
						Timestamp.from(clock.instant()))
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw Refusals.conflict("curation.source.exists", "This source is already read", label);
		}
		Source source = get(keys.getKeyAs(Number.class).longValue());
		read(source);
		return get(source.id());
	}

	/**
	 * The feeds of an OPML file (every {@code outline} with an {@code xmlUrl}, however
	 * nested), each added unless already read.
	 * @return those added
	 */
	public List<Source> importOpml(byte[] opml, @Nullable Double weight) {
		List<String[]> feeds = new ArrayList<>();
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			NodeList outlines = factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(opml))
				.getElementsByTagName("outline");
			for (int i = 0; i < outlines.getLength(); i++) {
				Element outline = (Element) outlines.item(i);
				if (!outline.getAttribute("xmlUrl").isBlank()) {
					String title = outline.getAttribute("title").isBlank() ? outline.getAttribute("text")
							: outline.getAttribute("title");
					feeds.add(new String[] { title, outline.getAttribute("xmlUrl") });
				}
			}
		}
		catch (Exception ex) {
			throw Refusals.invalid("curation.opml", "Not an OPML file: " + ex.getMessage());
		}
		if (feeds.isEmpty()) {
			throw Refusals.invalid("curation.opml.empty", "The OPML file names no feed (outline xmlUrl)");
		}
		List<Source> added = new ArrayList<>();
		for (String[] feed : feeds) {
			if (Canonical.url(feed[1]).isEmpty() || exists(feed[1])) {
				continue;
			}
			added.add(add(Kind.FEED, feed[0], feed[1], null, weight));
		}
		return added;
	}

	private boolean exists(String url) {
		return jdbc.sql("select count(*) from curation_source where kind = 'feed' and url = ?")
			.param(url.strip())
			.query(Long.class)
			.single() > 0;
	}

	public List<Source> all() {
		return jdbc.sql(SELECT + " order by name, id").query(Sources::source).list();
	}

	public Optional<Source> find(long id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query(Sources::source).optional();
	}

	public Source get(long id) {
		return find(id).orElseThrow(
				() -> NotFoundException.said("curation.source.unknown", "No source " + id, String.valueOf(id)));
	}

	/** A new weight for a source. */
	public Source weigh(long id, double weight) {
		if (!(weight > 0 && weight <= 100)) {
			throw Refusals.invalid("curation.source.weight", "A source's weight is above 0 and at most 100");
		}
		get(id);
		jdbc.sql("update curation_source set weight = ? where id = ?").params(weight, id).update();
		return get(id);
	}

	/** Stops reading a source; its items stay, without it among their sources. */
	public void remove(long id) {
		get(id);
		jdbc.sql("delete from curation_source where id = ?").param(id).update();
	}

	@Scheduled(fixedDelayString = "#{" + CurationSettings.BEAN + ".readInterval()}", initialDelayString = "PT5S",
			scheduler = Scheduling.NETWORK)
	void readDue() {
		if (!leases.hold("job:curation-sources")) {
			return;
		}
		List<Source> due = jdbc.sql(SELECT + " where next_read_at <= ? order by next_read_at")
			.param(Timestamp.from(clock.instant()))
			.query(Sources::source)
			.list();
		due.forEach(this::read);
	}

	/**
	 * Reads one source now; a failure is written on it (and it is read again later, each
	 * time later), never thrown.
	 * @return how many new items it gave
	 */
	public int read(Source source) {
		try {
			int added = source.kind() == Kind.FEED ? readFeed(source) : readTopic(source);
			jdbc.sql("update curation_source set last_read_at = ?, next_read_at = ?, failures = 0, last_error = null, "
					+ "found = found + ? where id = ?")
				.params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant().plus(settings.readEvery())),
						added, source.id())
				.update();
			return added;
		}
		catch (Unreadable ex) {
			failed(source, ex.getMessage(), ex.retryAfter);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("Source {} failed", source.id(), ex);
			failed(source, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
		return 0;
	}

	private int readFeed(Source source) throws Exception {
		String[] stored = jdbc.sql("select etag, last_modified from curation_source where id = ?")
			.param(source.id())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
		WebFeeds.Fetched fetched = web.fetch(source.url(), stored[0], stored[1], "Parlons/1 (+curation)");
		if (fetched.status() == 304) {
			return 0;
		}
		if (fetched.status() != 200) {
			throw new Unreadable("HTTP " + fetched.status(), fetched.retryAfter());
		}
		List<Items.Found> found = new ArrayList<>();
		for (WebFeeds.Entry entry : web.entries(fetched.body())) {
			if (entry.url() != null) {
				found.add(new Items.Found(entry.url(), entry.title(), entry.summary(), entry.author(),
						entry.published(), null, null, null, null, null));
			}
		}
		int added = items.found(source.id(), found);
		jdbc.sql("update curation_source set etag = ?, last_modified = ? where id = ?")
			.params(fetched.etag(), fetched.lastModified(), source.id())
			.update();
		return added;
	}

	private int readTopic(Source source) {
		long after = jdbc.sql("select position from curation_source where id = ?")
			.param(source.id())
			.query(Long.class)
			.single();
		int added = 0;
		while (true) {
			List<Heard.Echo> echoes = heard.ofTopic(source.topicId(), after, 500);
			if (echoes.isEmpty()) {
				return added;
			}
			List<Items.Found> found = echoes.stream()
				.map(e -> new Items.Found(e.url(), firstLine(e.text()), e.text(), e.author(), e.publishedAt(),
						e.language(), e.sentiment(), e.label(), e.reach(), e.influence()))
				.toList();
			added += items.found(source.id(), found);
			after = echoes.get(echoes.size() - 1).mentionId();
			jdbc.sql("update curation_source set position = ? where id = ?").params(after, source.id()).update();
		}
	}

	private static String firstLine(String text) {
		String line = text.strip().split("\\R", 2)[0];
		return line.length() > 140 ? line.substring(0, 139) + "\u2026" : line;
	}

	private void failed(Source source, String reason, @Nullable Duration retryAfter) {
		int failures = source.failures() + 1;
		Duration wait = settings.readEvery().multipliedBy(1L << Math.min(failures - 1, 10));
		if (wait.compareTo(MAX_BACKOFF) > 0) {
			wait = MAX_BACKOFF;
		}
		if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
			wait = retryAfter;
		}
		jdbc.sql("update curation_source set last_read_at = ?, next_read_at = ?, failures = ?, last_error = ? "
				+ "where id = ?")
			.params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant().plus(wait)), failures,
					reason.length() > 2000 ? reason.substring(0, 2000) : reason, source.id())
			.update();
	}

	/** A reading that failed, with how long the server asked to wait. */
	private static final class Unreadable extends Exception {

		private final transient @Nullable Duration retryAfter;

		Unreadable(String message, @Nullable Duration retryAfter) {
			super(message);
			this.retryAfter = retryAfter;
		}

	}

	private static final String SELECT = "select id, kind, name, url, ref_id, weight, last_read_at, next_read_at, "
			+ "failures, last_error, found from curation_source";

	private static Source source(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp read = rs.getTimestamp(7);
		return new Source(rs.getLong(1), Kind.fromApi(rs.getString(2)), rs.getString(3), rs.getString(4),
				rs.getObject(5, Long.class), rs.getDouble(6), read == null ? null : read.toInstant(),
				rs.getTimestamp(8).toInstant(), rs.getInt(9), rs.getString(10), rs.getLong(11));
	}

}
