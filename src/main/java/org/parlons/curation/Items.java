package org.parlons.curation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.parlons.listening.Heard;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The articles the sources found: one item per article whatever the number of sources and
 * addresses ({@link Canonical}), with its sources, its tonality, and its reach and
 * influence where listening knows them; a triage (keep, discard) with the curator's note;
 * and suggestions ranked by what the brand hears, each with its reasons.
 */
@Service
public class Items {

	/** Where an item stands in the triage. */
	public enum Status {

		NEW, KEPT, DISCARDED;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Status fromApi(String value) {
			for (Status s : values()) {
				if (s.api().equals(value.strip().toLowerCase(Locale.ROOT))) {
					return s;
				}
			}
			throw Refusals.invalid("curation.item.status", "An item is new, kept or discarded, not '" + value + "'",
					value);
		}

	}

	/** An article as a source found it. */
	record Found(String url, String title, String summary, @Nullable String author, @Nullable Instant published,
			@Nullable String language, @Nullable Double sentiment, @Nullable String label, @Nullable Long reach,
			@Nullable Double influence) {
	}

	/**
	 * An item.
	 *
	 * @param id its number
	 * @param url the address first found
	 * @param canonicalUrl the address without what tracks the reader
	 * @param title its title
	 * @param summary its summary, as text
	 * @param author its author
	 * @param language its language
	 * @param sentiment its tonality score, -1 to 1
	 * @param label its tonality
	 * @param reach how many people it reached, where listening knows
	 * @param influence the influence of its voice, where listening knows
	 * @param publishedAt when it was published
	 * @param foundAt when a source first found it
	 * @param status new, kept or discarded
	 * @param note the curator's insight
	 * @param sources the sources that found it
	 */
	public record Item(long id, String url, String canonicalUrl, String title, @Nullable String summary,
			@Nullable String author, String language, double sentiment, String label, @Nullable Long reach,
			@Nullable Double influence, Instant publishedAt, Instant foundAt, Status status, @Nullable String note,
			List<Long> sources) {
	}

	/**
	 * Why an item is suggested: a bundle code and its arguments, said in the reader's
	 * language by the pages and the API.
	 *
	 * @param code the bundle key
	 * @param arguments its arguments
	 */
	public record Reason(String code, List<Object> arguments) {
	}

	/**
	 * A suggested item.
	 *
	 * @param item the item
	 * @param score its rank score (see {@link #suggestions})
	 * @param reasons why
	 */
	public record Suggestion(Item item, double score, List<Reason> reasons) {
	}

	/**
	 * Fewer words than this are too common a text to say two addresses are one article.
	 */
	static final int HASHED_WORDS = 12;

	static final Duration HALF_LIFE = Duration.ofHours(24);

	static final Duration SUGGESTED_WITHIN = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final SentimentAnalyser analyser;

	private final Heard heard;

	private final TransactionTemplate tx;

	private final Clock clock;

	Items(JdbcClient jdbc, SentimentAnalyser analyser, Heard heard, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.analyser = analyser;
		this.heard = heard;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Takes what a source found: each article becomes an item unless one already holds it
	 * (same canonical address, or the same text at another one), and the source is added
	 * to its sources.
	 * @return how many items are new
	 */
	int found(long sourceId, List<Found> found) {
		int added = 0;
		for (Found f : found) {
			Optional<String> canonical = Canonical.url(f.url());
			if (canonical.isEmpty() || f.title().isBlank() && f.summary().isBlank()) {
				continue;
			}
			Integer isNew = tx.execute(s -> take(sourceId, f, canonical.get()) ? 1 : 0);
			added += isNew == null ? 0 : isNew;
		}
		return added;
	}

	private boolean take(long sourceId, Found f, String canonical) {
		String hash = Canonical.contentHash(f.title(), f.summary());
		Optional<Long> existing = byUrl(canonical);
		if (existing.isEmpty() && words(f.title() + " " + f.summary()) >= HASHED_WORDS) {
			existing = jdbc
				.sql("select id from curation_item where content_hash = ? order by id fetch first 1 rows only")
				.param(hash)
				.query(Long.class)
				.optional();
		}
		boolean created = false;
		long id;
		if (existing.isPresent()) {
			id = existing.get();
			if (f.reach() != null) {
				jdbc.sql("update curation_item set reach = greatest(coalesce(reach, 0), ?), "
						+ "influence = greatest(coalesce(influence, 0), ?) where id = ?")
					.params(f.reach(), f.influence() == null ? 0 : f.influence(), id)
					.update();
			}
		}
		else {
			try {
				id = insert(f, canonical, hash);
				created = true;
			}
			catch (DuplicateKeyException raced) {
				id = byUrl(canonical).orElseThrow();
			}
		}
		jdbc.sql("insert into curation_item_source (item_id, source_id, url, found_at) select ?, ?, ?, ? "
				+ "where not exists (select 1 from curation_item_source where item_id = ? and source_id = ?)")
			.params(id, sourceId, clip(f.url(), 2000), Timestamp.from(clock.instant()), id, sourceId)
			.update();
		return created;
	}

	private long insert(Found f, String canonical, String hash) {
		String language = f.language();
		double sentiment;
		String label;
		if (f.sentiment() != null && f.label() != null && language != null) {
			sentiment = f.sentiment();
			label = f.label();
		}
		else {
			Sentiment s = analyser.analyse((f.title() + "\n" + f.summary()).strip(), null);
			language = s.language();
			sentiment = s.score();
			label = s.label().api();
		}
		Instant now = clock.instant();
		Instant published = f.published() == null || f.published().isAfter(now) ? now : f.published();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into curation_item (canonical_url, content_hash, url, title, summary, author, language, "
				+ "sentiment, label, reach, influence, published_at, found_at, status) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')")
			.params(clip(canonical, 2000), hash, clip(f.url(), 2000),
					clip(f.title().isBlank() ? f.summary() : f.title(), 1000),
					f.summary().isBlank() ? null : clip(f.summary(), 10000),
					f.author() == null ? null : clip(f.author(), 300), clip(language, 8), sentiment, label, f.reach(),
					f.influence(), Timestamp.from(published), Timestamp.from(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private Optional<Long> byUrl(String canonical) {
		return jdbc.sql("select id from curation_item where canonical_url = ?")
			.param(clip(canonical, 2000))
			.query(Long.class)
			.optional();
	}

	private static int words(String text) {
		String stripped = text.strip();
		return stripped.isEmpty() ? 0 : stripped.split("[^\\p{L}\\p{N}]+").length;
	}

	private static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

	/** Items, newest first, of one status or all, from {@code offset}. */
	public List<Item> list(@Nullable Status status, int offset, int limit) {
		List<Item> items = jdbc
			.sql(SELECT + (status == null ? "" : " where status = '" + status.api() + "'")
					+ " order by published_at desc, id desc offset ? rows fetch next ? rows only")
			.params(offset, limit)
			.query(Items::item)
			.list();
		return withSources(items);
	}

	public Optional<Item> find(long id) {
		return jdbc.sql(SELECT + " where id = ?")
			.param(id)
			.query(Items::item)
			.optional()
			.map(i -> withSources(List.of(i)).get(0));
	}

	public Item get(long id) {
		return find(id)
			.orElseThrow(() -> NotFoundException.said("curation.item.unknown", "No item " + id, String.valueOf(id)));
	}

	/** The items of these ids, in no order. */
	public Map<Long, Item> all(List<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Item> out = new HashMap<>();
		withSources(jdbc.sql(SELECT + " where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(Items::item)
			.list()).forEach(i -> out.put(i.id(), i));
		return out;
	}

	/** The curator keeps or discards an item, with their insight. */
	public Item triage(long id, Status status, @Nullable String note, long agentId) {
		get(id);
		if (note != null && note.length() > 4000) {
			throw Refusals.invalid("curation.item.note", "A note is at most 4,000 characters");
		}
		jdbc.sql("update curation_item set status = ?, note = coalesce(?, note), triaged_by = ?, triaged_at = ? "
				+ "where id = ?")
			.params(status.api(), note == null ? null : note.strip(), agentId, Timestamp.from(clock.instant()), id)
			.update();
		return get(id);
	}

	/**
	 * The items worth an edition, best first: the new and kept ones of the last seven
	 * days, ranked by score = w × ½^(age / 24 h) × (1 + t) × (1 + i / 100), where w is
	 * the sum of the weights of the sources that found it, t is 0.25 for each listening
	 * topic it is about (two at most) plus, for a topic bursting now, its z-score over
	 * the alert level (at most 3), and i the influence of its voice where listening knows
	 * it. These constants are stated choices, not fitted.
	 */
	public List<Suggestion> suggestions(int limit) {
		Instant now = clock.instant();
		List<Item> candidates = withSources(jdbc
			.sql(SELECT + " where status <> 'discarded' and published_at >= ? order by published_at desc "
					+ "fetch first 2000 rows only")
			.param(Timestamp.from(now.minus(SUGGESTED_WITHIN)))
			.query(Items::item)
			.list());
		Map<Long, Double> weights = new HashMap<>();
		jdbc.sql("select id, weight from curation_source")
			.query((rs, n) -> weights.put(rs.getLong(1), rs.getDouble(2)))
			.list();
		Map<Long, Heard.Heat> heat = new LinkedHashMap<>();
		heard.heat().forEach(h -> heat.put(h.topicId(), h));
		List<Suggestion> out = new ArrayList<>();
		for (Item item : candidates) {
			List<Reason> reasons = new ArrayList<>();
			double weight = item.sources().stream().mapToDouble(s -> weights.getOrDefault(s, 1.0)).sum();
			if (weight == 0) {
				weight = 1;
			}
			reasons.add(new Reason("curation.reason.sources", List.of(item.sources().size(), round(weight))));
			double hours = Math.max(0, Duration.between(item.publishedAt(), now).toMinutes() / 60.0);
			reasons.add(new Reason("curation.reason.recent", List.of((long) Math.floor(hours))));
			double topics = 0;
			int about = 0;
			for (long topicId : heard.topicsOf(item.title() + "\n" + (item.summary() == null ? "" : item.summary()))) {
				Heard.Heat h = heat.get(topicId);
				if (h == null) {
					continue;
				}
				if (about++ < 2) {
					topics += 0.25;
				}
				if (h.bursting()) {
					topics += Math.min(h.zScore() / org.parlons.listening.Bursts.ALERT, 3);
					reasons
						.add(new Reason("curation.reason.burst", List.of(h.name(), h.lastDay(), round(h.expected()))));
				}
				else {
					reasons.add(new Reason("curation.reason.topic", List.of(h.name())));
				}
			}
			double influence = item.influence() == null ? 0 : item.influence();
			if (influence > 0) {
				reasons.add(new Reason("curation.reason.influence", List.of(round(influence))));
			}
			double score = weight * Math.pow(0.5, hours / (HALF_LIFE.toMinutes() / 60.0)) * (1 + topics)
					* (1 + influence / 100);
			out.add(new Suggestion(item, score, reasons));
		}
		out.sort(Comparator.comparingDouble(Suggestion::score).reversed().thenComparing(s -> -s.item().id()));
		return out.size() > limit ? out.subList(0, limit) : out;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private List<Item> withSources(List<Item> items) {
		if (items.isEmpty()) {
			return items;
		}
		Map<Long, List<Long>> sources = new HashMap<>();
		jdbc.sql("select item_id, source_id from curation_item_source where item_id = any(:ids) order by source_id")
			.param("ids", items.stream().map(Item::id).toArray(Long[]::new))
			.query((rs, n) -> sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return items.stream()
			.map(i -> new Item(i.id(), i.url(), i.canonicalUrl(), i.title(), i.summary(), i.author(), i.language(),
					i.sentiment(), i.label(), i.reach(), i.influence(), i.publishedAt(), i.foundAt(), i.status(),
					i.note(), List.copyOf(sources.getOrDefault(i.id(), List.of()))))
			.toList();
	}

	private static final String SELECT = "select id, url, canonical_url, title, summary, author, language, sentiment, "
			+ "label, reach, influence, published_at, found_at, status, note from curation_item";

	private static Item item(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getDouble(8), rs.getString(9), rs.getObject(10, Long.class),
				rs.getObject(11, Double.class), rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(),
				Status.fromApi(rs.getString(14)), rs.getString(15), List.of());
	}

}
