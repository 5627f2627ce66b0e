package org.parlons.listening;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.parlons.language.Sentiment;
import org.parlons.language.Terms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the listening dashboard shows for a period: volume per day from the hourly
 * rollups, tonality per message and per author (each person once, with its interval), the
 * loudest authors, and the mentions themselves for the drill-down.
 */
@Service
public class ListeningFigures {

	/**
	 * The period (from inclusive, to exclusive) and the optional filters; {@code inbox}
	 * keeps the mentions of one inbox (its public messages and what searches with its
	 * account found); {@code within}, when given, keeps those of the inboxes the reader
	 * may see (feeds and imports belong to no inbox, so they are left out).
	 */
	public record Filter(Instant from, Instant to, @Nullable String network, @Nullable String language,
			@Nullable String label, @Nullable String author, @Nullable Long topic, @Nullable Long inbox,
			@Nullable Set<Long> within) {

		public Filter(Instant from, Instant to, @Nullable String network, @Nullable String language,
				@Nullable String label, @Nullable String author, @Nullable Long topic) {
			this(from, to, network, language, label, author, topic, null, null);
		}

		public Filter(Instant from, Instant to, @Nullable String network, @Nullable String language,
				@Nullable String label, @Nullable String author) {
			this(from, to, network, language, label, author, null, null, null);
		}

		/**
		 * Whether the filter keeps some sources only (an inbox, the reader's inboxes).
		 */
		boolean bySource() {
			return inbox != null || within != null;
		}

		/** The same filter over another period. */
		public Filter during(Instant newFrom, Instant newTo) {
			return new Filter(newFrom, newTo, network, language, label, author, topic, inbox, within);
		}

	}

	public record Day(LocalDate day, int mentions, int positive, int negative) {
	}

	public record Author(String key, String name, int mentions, double meanSentiment) {
	}

	/**
	 * A period's figures; {@code sampleDenominator} is 1 when the per-person figures and
	 * the loudest authors count everyone, n when they are estimated on a random 1/n of
	 * the authors (per-person figures) and of the mentions (the loudest authors, whose
	 * counts are then the sample's times n).
	 */
	public record Summary(int mentions, List<Day> days, Tonality.@Nullable Result tonality, List<Author> loudest,
			int sampleDenominator) {
	}

	/**
	 * A slice of the period's mentions (a network or a language) with its positive and
	 * negative parts.
	 */
	public record Share(String key, int mentions, int positive, int negative) {
	}

	/**
	 * What the hourly rollups alone answer, however many mentions the period holds: the
	 * days, per-message shares, and the split by network and by language.
	 */
	public record Volume(int mentions, int positive, int negative, List<Day> days, List<Share> networks,
			List<Share> languages) {
	}

	/**
	 * A mention for the drill-down, with what the network said of its audience when it
	 * said it (the people it reached, its engagements, its author's followers).
	 */
	public record Mention(long id, String network, @Nullable String author, String authorKey, String text,
			String language, double sentiment, Sentiment.Label label, @Nullable String url, Instant publishedAt,
			@Nullable Long conversationId, @Nullable Long reach, @Nullable Long engagements,
			@Nullable Long authorFollowers) {
	}

	private final JdbcClient jdbc;

	ListeningFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Beyond this many rows, per-person figures read a sample of the authors (see
	 * {@link Samples}).
	 */
	static final long PER_PERSON_ROWS = 40_000;

	public Summary summary(Filter f) {
		return summary(f, PER_PERSON_ROWS);
	}

	/**
	 * The period's volume (rollups), tonality per message (rollups, exact), per person
	 * and the loudest authors (from every mention while the period holds at most
	 * {@code perPersonRows} of them, else from hashed random samples, said in
	 * {@link Summary#sampleDenominator}).
	 */
	Summary summary(Filter f, long perPersonRows) {
		List<Day> days = days(f);
		int total = days.stream().mapToInt(Day::mentions).sum();
		int level = level(f, total, perPersonRows);
		List<Tonality.AuthorCounts> counts = rows("author_key, sum(case when label = 'positive' then 1 else 0 end), "
				+ "sum(case when label = 'negative' then 1 else 0 end), sum(case when label = 'neutral' then 1 else 0 end)",
				f, level, " group by author_key")
			.query((rs, n) -> new Tonality.AuthorCounts(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.list();
		Tonality.Result tonality = counts.isEmpty() ? null : Tonality.ofCounts(counts);
		if (tonality != null && level > 0) {
			// per message, the rollups are exact: only the per-person part is estimated
			int positive = days.stream().mapToInt(Day::positive).sum();
			int negative = days.stream().mapToInt(Day::negative).sum();
			tonality = new Tonality.Result(total, tonality.authors(),
					new Tonality.Shares((double) positive / total, (double) negative / total,
							(double) (total - positive - negative) / total),
					tonality.perAuthor(), tonality.positiveCi95(), tonality.effectiveSampleSize(),
					tonality.top1PercentShare(), tonality.top10PercentShare());
		}
		return new Summary(total, days, tonality, loudest(f, level), Samples.DENOMINATOR[level]);
	}

	/**
	 * The different people who wrote the period's mentions, measured with sketches: per
	 * network, over all of them (a person heard on two networks counted once) and day by
	 * day (a person back every day counted once over the period).
	 * {@code sampleDenominator} as in {@link Summary}: over busy periods the figures come
	 * from the hashed author sample, multiplied back; an author is in it or not on every
	 * network and every day, so unions and duplication stay what they are.
	 */
	public record People(long unique, Map<String, Long> perNetwork, long sumOverNetworks, double networkDuplication,
			long sumOverDays, double dayDuplication, int sampleDenominator) {
	}

	public People people(Filter f) {
		int total = days(f).stream().mapToInt(Day::mentions).sum();
		int level = level(f, total, PER_PERSON_ROWS);
		int scale = Samples.DENOMINATOR[level];
		Reach.Groups networks = new Reach.Groups();
		Reach.Groups days = new Reach.Groups();
		rows("network, author_key, published_at", f, level, "").query((ResultSet rs) -> {
			networks.add(rs.getString(1), rs.getString(2));
			days.add(rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString(), rs.getString(2));
		});
		Map<String, Long> perNetwork = new TreeMap<>();
		networks.each().forEach((network, people) -> perNetwork.put(network, people * scale));
		return new People(networks.union() * scale, perNetwork, networks.sum() * scale, networks.duplication(),
				days.sum() * scale, days.duplication(), scale);
	}

	/**
	 * The loudest authors alone (for their CSV), from the sample the summary would read.
	 */
	public Summary loudest(Filter f) {
		List<Day> days = days(f);
		int total = days.stream().mapToInt(Day::mentions).sum();
		int level = level(f, total, PER_PERSON_ROWS);
		return new Summary(total, days, null, loudest(f, level), Samples.DENOMINATOR[level]);
	}

	/**
	 * Which sample level answers: everyone when filtering by author or label, else by the
	 * period's volume.
	 */
	private static int level(Filter f, int total, long perPersonRows) {
		return f.author() != null || f.label() != null ? 0 : Samples.levelFor(total, perPersonRows);
	}

	private List<Author> loudest(Filter f, int level) {
		int scale = Samples.DENOMINATOR[level];
		// the sample keeps keys, not names: the ten names are looked up afterwards
		return rows("author_key, " + (level == 0 ? "max(author)" : "null") + ", count(*), avg(sentiment)", f,
				level == 0 ? 0 : Samples.BY_MENTION + level,
				" group by author_key order by count(*) desc, author_key limit 10")
			.query((rs, n) -> new Author(rs.getString(1),
					rs.getString(2) == null ? nameOf(rs.getString(1)) : rs.getString(2), rs.getInt(3) * scale,
					rs.getDouble(4)))
			.list();
	}

	/**
	 * The period's mention rows (level 0) or those of a sample level, filtered like the
	 * dashboard.
	 */
	private JdbcClient.StatementSpec rows(String columns, Filter f, int level, String tail) {
		return level == 0
				? where(new StringBuilder(
						"select " + columns + " from mention where published_at >= :from and published_at < :to"), f,
						Table.MENTION, tail)
				: where(new StringBuilder("select " + columns + " from mention_sample where level = " + level
						+ " and published_at >= :from and published_at < :to"
						+ (f.topic() == null ? ""
								: " and mention_id in (select mention_id from mention_topic where topic_id = :topic)")),
						f, Table.SAMPLE, tail);
	}

	/**
	 * An author's name as their latest mention gives it (the sample covers keys, not
	 * names); else the key.
	 */
	private String nameOf(String authorKey) {
		return jdbc
			.sql("select author from mention where author_key = ? and author is not null "
					+ "order by published_at desc limit 1")
			.param(authorKey)
			.query(String.class)
			.optional()
			.orElse(authorKey);
	}

	/** The period's volume from the hourly rollups only (never the mention rows). */
	public Volume volume(Filter f) {
		Map<LocalDate, int[]> byDay = new TreeMap<>();
		Map<String, int[]> networks = new TreeMap<>();
		Map<String, int[]> languages = new TreeMap<>();
		rollups(f, (hour, network, language, counts) -> {
			add(byDay.computeIfAbsent(hour.atOffset(ZoneOffset.UTC).toLocalDate(), k -> new int[3]), counts);
			add(networks.computeIfAbsent(network, k -> new int[3]), counts);
			add(languages.computeIfAbsent(language, k -> new int[3]), counts);
		});
		List<Day> days = daysOf(f, byDay);
		int[] total = new int[3];
		days.forEach(d -> add(total, new int[] { d.mentions(), d.positive(), d.negative() }));
		return new Volume(total[0], total[1], total[2], days, shares(networks), shares(languages));
	}

	private static void add(int[] into, int[] counts) {
		for (int i = 0; i < 3; i++) {
			into[i] += counts[i];
		}
	}

	private static List<Share> shares(Map<String, int[]> counts) {
		return counts.entrySet()
			.stream()
			.map(e -> new Share(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
			.sorted(java.util.Comparator.comparingInt(Share::mentions).reversed())
			.toList();
	}

	private interface RollupRow {

		void accept(Instant hour, String network, String language, int[] counts);

	}

	/**
	 * Every rollup row of the period: of the topic's rollups when the filter names a
	 * topic, of the inbox's when it names an inbox. Periods are whole UTC days, so the
	 * daily rollups answer: a year is a few thousand rows whatever the volume. No rollup
	 * is kept per topic and inbox together: that pair counts the mention rows.
	 */
	private void rollups(Filter f, RollupRow row) {
		if (f.topic() != null && f.bySource()) {
			where(new StringBuilder("select published_at, network, language, label from mention "
					+ "where published_at >= :from and published_at < :to"), f, Table.MENTION)
				.query((rs, n) -> {
					Sentiment.Label label = Sentiment.Label.fromApi(rs.getString(4));
					row.accept(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), new int[] { 1,
							label == Sentiment.Label.POSITIVE ? 1 : 0, label == Sentiment.Label.NEGATIVE ? 1 : 0 });
					return null;
				})
				.list();
			return;
		}
		String columns = "select day_start, network, language, mentions, positive, negative from ";
		StringBuilder sql = new StringBuilder(f.topic() != null
				? columns + "topic_daily where topic_id = :topic and day_start >= :from and day_start < :to"
				: f.bySource() ? columns + "mention_source_daily where day_start >= :from and day_start < :to"
						: columns + "mention_daily where day_start >= :from and day_start < :to");
		where(sql, f, f.bySource() ? Table.SOURCE_ROLLUP : Table.ROLLUP).query((rs, n) -> {
			row.accept(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					new int[] { rs.getInt(4), rs.getInt(5), rs.getInt(6) });
			return null;
		}).list();
	}

	private static List<Day> daysOf(Filter f, Map<LocalDate, int[]> byDay) {
		List<Day> days = new ArrayList<>();
		LocalDate end = f.to().atOffset(ZoneOffset.UTC).toLocalDate(); // exclusive
		for (LocalDate day = f.from().atOffset(ZoneOffset.UTC).toLocalDate(); day.isBefore(end)
				&& days.size() < 800; day = day.plusDays(1)) {
			int[] d = byDay.getOrDefault(day, new int[3]);
			days.add(new Day(day, d[0], d[1], d[2]));
		}
		return days;
	}

	/**
	 * Every day of the period (UTC, at most 800) with its mentions, read from the hourly
	 * rollups.
	 */
	public List<Day> days(Filter f) {
		Map<LocalDate, int[]> byDay = new TreeMap<>();
		rollups(f, (hour, network, language, counts) -> add(
				byDay.computeIfAbsent(hour.atOffset(ZoneOffset.UTC).toLocalDate(), k -> new int[3]), counts));
		return daysOf(f, byDay);
	}

	public List<Mention> mentions(Filter f, int page, int size) {
		StringBuilder sql = new StringBuilder(
				"select " + MENTION_COLUMNS + " from mention " + "where published_at >= :from and published_at < :to");
		return where(sql, f, Table.MENTION, " order by published_at desc, id desc limit :size offset :offset")
			.param("size", size)
			.param("offset", page * size)
			.query(ListeningFigures::mention)
			.list();
	}

	private static final String MENTION_COLUMNS = "id, network, author, author_key, text, language, sentiment, label, url, "
			+ "published_at, conversation_id, reach, engagement, author_followers";

	private static Mention mention(ResultSet rs, int row) throws java.sql.SQLException {
		return new Mention(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getDouble(7), Sentiment.Label.fromApi(rs.getString(8)), rs.getString(9),
				rs.getTimestamp(10).toInstant(), rs.getObject(11, Long.class), rs.getObject(12, Long.class),
				rs.getObject(13, Long.class), rs.getObject(14, Long.class));
	}

	/** The most mentions one verbatim export takes. */
	public static final int MAX_SELECTED = 1_000;

	/**
	 * The chosen mentions (a verbatim export), newest first; ids that do not exist are
	 * left out.
	 */
	public List<Mention> selected(java.util.Collection<Long> ids, @Nullable Set<Long> within) {
		if (ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() > MAX_SELECTED) {
			throw new IllegalArgumentException("At most " + MAX_SELECTED + " mentions at once");
		}
		return jdbc
			.sql("select " + MENTION_COLUMNS + " from mention where id = any(:ids)"
					+ (within == null ? "" : " and source = '" + Mentions.INBOX + "' and source_id = any(:within)")
					+ " order by published_at desc, id desc")
			.param("ids", ids.toArray(Long[]::new))
			.param("within", within == null ? new Long[0] : within.toArray(Long[]::new))
			.query(ListeningFigures::mention)
			.list();
	}

	/** The most texts read for the terms of a period: the newest ones. */
	public static final int TERMS_SAMPLE = 50_000;

	/**
	 * The hashtags and keywords of the period's newest {@link #TERMS_SAMPLE} mentions,
	 * texts only.
	 */
	public Terms.Top terms(Filter f, int limit) {
		List<String> texts = where(
				new StringBuilder("select text from mention where published_at >= :from and published_at < :to"), f,
				Table.MENTION, " order by published_at desc, id desc limit :size")
			.param("size", TERMS_SAMPLE)
			.query(String.class)
			.list();
		return Terms.top(texts, limit);
	}

	public long count(Filter f) {
		return where(
				new StringBuilder("select count(*) from mention where published_at >= :from and published_at < :to"), f,
				Table.MENTION)
			.query(Long.class)
			.single();
	}

	/**
	 * What a query reads: the mention rows (every filter applies), a sample (topic
	 * handled by the caller), the daily rollups (network and language only) or the
	 * rollups per source (and the inbox).
	 */
	private enum Table {

		MENTION, SAMPLE, ROLLUP, SOURCE_ROLLUP;

		boolean hasSource() {
			return this != ROLLUP;
		}

	}

	private JdbcClient.StatementSpec where(StringBuilder sql, Filter f, Table table) {
		return where(sql, f, table, "");
	}

	private JdbcClient.StatementSpec where(StringBuilder sql, Filter f, Table table, String tail) {
		boolean raw = table == Table.MENTION;
		if (f.network() != null) {
			sql.append(" and network = :network");
		}
		if (f.language() != null) {
			sql.append(" and language = :language");
		}
		if (raw && f.label() != null) {
			sql.append(" and label = :label");
		}
		if (raw && f.author() != null) {
			sql.append(" and author_key = :author");
		}
		if (raw && f.topic() != null) {
			sql.append(" and id in (select mention_id from mention_topic where topic_id = :topic)");
		}
		if (table.hasSource() && f.inbox() != null) {
			sql.append(" and source_id = :inbox and source = '" + Mentions.INBOX + "'");
		}
		if (table.hasSource() && f.within() != null) {
			sql.append(" and source_id = any(:within) and source = '" + Mentions.INBOX + "'");
		}
		sql.append(tail);
		JdbcClient.StatementSpec spec = jdbc.sql(sql.toString())
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()));
		if (f.network() != null) {
			spec = spec.param("network", f.network());
		}
		if (f.language() != null) {
			spec = spec.param("language", f.language());
		}
		if (raw && f.label() != null) {
			spec = spec.param("label", f.label());
		}
		if (raw && f.author() != null) {
			spec = spec.param("author", f.author());
		}
		if (f.topic() != null) {
			spec = spec.param("topic", f.topic());
		}
		if (table.hasSource() && f.inbox() != null) {
			spec = spec.param("inbox", f.inbox());
		}
		if (table.hasSource() && f.within() != null) {
			spec = spec.param("within", f.within().toArray(Long[]::new));
		}
		return spec;
	}

}
