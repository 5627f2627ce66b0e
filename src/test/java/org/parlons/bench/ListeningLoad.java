package org.parlons.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.parlons.listening.Samples;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import static org.parlons.bench.LoadGenerator.result;

/**
 * The listening benchmark: ten million mentions over the last 365 days, the same rows
 * written into PostgreSQL (with the hourly rollups Parlons keeps) and into DuckDB; then
 * the dashboard's figures timed through Parlons' API (from the rollups) next to DuckDB
 * computing the same figures by scanning the raw rows.
 * <p>
 * {@code seed <jdbcUrl> <user> <mentions> <duckdbFile>} then
 * {@code measure <baseUrl> <duckdbFile> <requests>}.
 */
public final class ListeningLoad {

	static final String[] NETWORKS = { "x", "x", "x", "facebook", "facebook", "instagram", "mastodon", "bluesky", "rss",
			"facebook" };

	static final String[] LANGUAGES = { "fr", "fr", "fr", "fr", "fr", "fr", "en", "en", "en", "es" };

	/**
	 * The mentions belong to this many inboxes (the k-th mention to the (k mod
	 * INBOXES)-th), for the inbox filter.
	 */
	static final int INBOXES = 4;

	/** Authors drawn with a heavy tail: a few write a lot, most once or twice. */
	static final int AUTHORS = 2_000_000;

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), args[4]);
			case "measure" -> measure(args[1], args[2], Integer.parseInt(args[3]));
			default -> throw new IllegalArgumentException("unknown step " + args[0]);
		}
	}

	/** One generated mention; the same seed gives the same rows to both databases. */
	record Row(long id, long publishedEpoch, String network, String language, String authorKey, double sentiment,
			String label) {
	}

	static final class Generator {

		private final Random random = new Random(42);

		private final long now;

		private long next;

		Generator(long now) {
			this.now = now;
		}

		Row next() {
			long id = ++next;
			long published = now - (long) (random.nextDouble() * 365 * 86_400);
			String network = NETWORKS[random.nextInt(NETWORKS.length)];
			String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
			long author = (long) (AUTHORS * Math.pow(random.nextDouble(), 3));
			double sentiment = Math.max(-1, Math.min(1, random.nextGaussian() * 0.45 - 0.05));
			String label = sentiment > 0.05 ? "positive" : sentiment < -0.05 ? "negative" : "neutral";
			return new Row(id, published, network, language, network + ":" + author, Math.round(sentiment * 1e4) / 1e4,
					label);
		}

	}

	static void seed(String url, String user, int mentions, String duckdbFile) throws Exception {
		long now = Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond();
		Map<String, int[]> hourly = new HashMap<>();
		Map<String, int[]> daily = new HashMap<>();
		Map<String, int[]> perSource = new HashMap<>();
		long start = System.nanoTime();
		try (Connection pg = DriverManager.getConnection(url, user, "");
				Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckdbFile)) {
			try (Statement s = duck.createStatement()) {
				s.execute("drop table if exists mention");
				s.execute(
						"create table mention (published_at bigint, network varchar, language varchar, author_key varchar, "
								+ "label varchar, sentiment double, source_id bigint)");
			}
			long[] inboxes = new long[INBOXES];
			try (Statement s = pg.createStatement()) {
				for (int k = 0; k < INBOXES; k++) {
					s.executeUpdate("insert into inbox (name, channel, settings, created_at) values ('bench-" + k
							+ "', 'api', '{}', now())", Statement.RETURN_GENERATED_KEYS);
					try (ResultSet keys = s.getGeneratedKeys()) {
						keys.next();
						inboxes[k] = keys.getLong("id");
					}
				}
			}
			CopyManager copy = pg.unwrap(PGConnection.class).getCopyAPI();
			Generator generator = new Generator(now);
			try (DuckDBAppender appender = duck.unwrap(DuckDBConnection.class)
				.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mention")) {
				StringBuilder chunk = new StringBuilder(32 << 20);
				StringBuilder sample = new StringBuilder(4 << 20);
				for (int i = 0; i < mentions; i++) {
					Row r = generator.next();
					String published = Instant.ofEpochSecond(r.publishedEpoch()).toString();
					long inbox = inboxes[(int) (r.id() % INBOXES)];
					chunk.append(r.id())
						.append(",inbox,")
						.append(inbox)
						.append(',')
						.append(r.network())
						.append(",b")
						.append(r.id())
						.append(',')
						.append(r.authorKey())
						.append(',')
						.append(r.authorKey())
						.append(",mention ")
						.append(r.id())
						.append(',')
						.append(r.language())
						.append(',')
						.append(r.sentiment())
						.append(',')
						.append(r.label())
						.append(',')
						.append(published)
						.append(',')
						.append(published)
						.append('\n');
					appender.beginRow();
					appender.append(r.publishedEpoch());
					appender.append(r.network());
					appender.append(r.language());
					appender.append(r.authorKey());
					appender.append(r.label());
					appender.append(r.sentiment());
					appender.append(inbox);
					appender.endRow();
					for (int level = 1; level <= Samples.authorLevel(r.authorKey()); level++) {
						sample(sample, level, r, published, inbox);
					}
					for (int level = 1; level <= Samples.mentionLevel("inbox", "b" + r.id()); level++) {
						sample(sample, Samples.BY_MENTION + level, r, published, inbox);
					}
					count(hourly, r.publishedEpoch() / 3600 * 3600, r);
					count(daily, r.publishedEpoch() / 86_400 * 86_400, r);
					count(perSource, inbox + "," + r.publishedEpoch() / 86_400 * 86_400, r);
					if (chunk.length() > (30 << 20) || i == mentions - 1) {
						copy.copyIn(
								"COPY mention (id, source, source_id, network, external_id, author, author_key, text, "
										+ "language, sentiment, label, published_at, created_at) FROM STDIN WITH (FORMAT csv)",
								new StringReader(chunk.toString()));
						chunk.setLength(0);
						copy.copyIn(
								"COPY mention_sample (level, mention_id, published_at, network, language, author_key, author, "
										+ "label, sentiment, source, source_id) FROM STDIN WITH (FORMAT csv)",
								new StringReader(sample.toString()));
						sample.setLength(0);
					}
				}
			}
			copy.copyIn(
					"COPY mention_hourly (hour_start, network, language, mentions, positive, negative) FROM STDIN WITH "
							+ "(FORMAT csv)",
					new StringReader(csv(hourly)));
			copy.copyIn(
					"COPY mention_daily (day_start, network, language, mentions, positive, negative) FROM STDIN WITH "
							+ "(FORMAT csv)",
					new StringReader(csv(daily)));
			StringBuilder sources = new StringBuilder();
			perSource.forEach((key, c) -> {
				String[] k = key.split(",");
				sources.append("inbox,")
					.append(k[0])
					.append(',')
					.append(Instant.ofEpochSecond(Long.parseLong(k[1])))
					.append(',')
					.append(k[2])
					.append(',')
					.append(k[3])
					.append(',')
					.append(c[0])
					.append(',')
					.append(c[1])
					.append(',')
					.append(c[2])
					.append('\n');
			});
			copy.copyIn(
					"COPY mention_source_daily (source, source_id, day_start, network, language, mentions, positive, "
							+ "negative) FROM STDIN WITH (FORMAT csv)",
					new StringReader(sources.toString()));
			try (Statement s = pg.createStatement()) {
				s.execute("select setval(pg_get_serial_sequence('mention', 'id'), (select max(id) from mention))");
			}
			result("listening_seed_mentions", mentions, "mentions");
			result("listening_seed_hourly_rollup_rows", hourly.size(), "rows");
			result("listening_seed_daily_rollup_rows", daily.size(), "rows");
			result("listening_seed_s", (System.nanoTime() - start) / 1e9, "s");
		}
	}

	private static void sample(StringBuilder into, int level, Row r, String published, long inbox) {
		into.append(level)
			.append(',')
			.append(r.id())
			.append(',')
			.append(published)
			.append(',')
			.append(r.network())
			.append(',')
			.append(r.language())
			.append(',')
			.append(r.authorKey())
			.append(',')
			.append(r.authorKey())
			.append(',')
			.append(r.label())
			.append(',')
			.append(r.sentiment())
			.append(",inbox,")
			.append(inbox)
			.append('\n');
	}

	private static void count(Map<String, int[]> rollup, Object periodStart, Row r) {
		int[] c = rollup.computeIfAbsent(periodStart + "," + r.network() + "," + r.language(), k -> new int[3]);
		c[0]++;
		c[1] += "positive".equals(r.label()) ? 1 : 0;
		c[2] += "negative".equals(r.label()) ? 1 : 0;
	}

	private static String csv(Map<String, int[]> rollup) {
		StringBuilder rows = new StringBuilder();
		rollup.forEach((key, c) -> {
			String[] k = key.split(",");
			rows.append(Instant.ofEpochSecond(Long.parseLong(k[0])))
				.append(',')
				.append(k[1])
				.append(',')
				.append(k[2])
				.append(',')
				.append(c[0])
				.append(',')
				.append(c[1])
				.append(',')
				.append(c[2])
				.append('\n');
		});
		return rows.toString();
	}

	static void measure(String base, String duckdbFile, int requests) throws Exception {
		String auth = LoadGenerator.token(base);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, String> queries = new java.util.LinkedHashMap<>();
		queries.put("volume_30d", "/api/v1/listening/volume?from=" + today.minusDays(29) + "&to=" + today);
		queries.put("volume_365d", "/api/v1/listening/volume?from=" + today.minusDays(364) + "&to=" + today);
		queries.put("volume_30d_x_fr",
				"/api/v1/listening/volume?from=" + today.minusDays(29) + "&to=" + today + "&network=x&language=fr");
		long inbox = benchInbox(base, auth);
		queries.put("volume_365d_inbox",
				"/api/v1/listening/volume?from=" + today.minusDays(364) + "&to=" + today + "&inbox=" + inbox);
		for (var q : queries.entrySet()) {
			double[] ms = time(base + q.getValue(), auth, 20, requests);
			result("api_" + q.getKey() + "_p50_ms", ms[ms.length / 2], "ms");
			result("api_" + q.getKey() + "_p99_ms", ms[(int) Math.ceil(ms.length * 0.99) - 1], "ms");
		}
		// the whole summary: per-person tonality (bootstrap over authors) and the loudest
		// authors, from the samples
		for (int days : new int[] { 1, 7, 30, 365 }) {
			double[] ms = time(base + "/api/v1/listening/summary?from=" + today.minusDays(days - 1) + "&to=" + today,
					auth, 5, Math.max(20, requests / 4));
			result("api_summary_" + days + "d_p50_ms", ms[ms.length / 2], "ms");
			result("api_summary_" + days + "d_p99_ms", ms[(int) Math.ceil(ms.length * 0.99) - 1], "ms");
		}
		// one inbox's quarter of the mentions: its rollups per source and its part of the
		// samples
		for (int days : new int[] { 30, 365 }) {
			double[] ms = time(base + "/api/v1/listening/summary?from=" + today.minusDays(days - 1) + "&to=" + today
					+ "&inbox=" + inbox, auth, 5, Math.max(20, requests / 4));
			result("api_summary_" + days + "d_inbox_p50_ms", ms[ms.length / 2], "ms");
			result("api_summary_" + days + "d_inbox_p99_ms", ms[(int) Math.ceil(ms.length * 0.99) - 1], "ms");
		}
		double[] reach = time(base + "/api/v1/listening/reach?from=" + today.minusDays(364) + "&to=" + today, auth, 5,
				Math.max(20, requests / 4));
		result("api_reach_365d_p50_ms", reach[reach.length / 2], "ms");
		result("api_reach_365d_p99_ms", reach[(int) Math.ceil(reach.length * 0.99) - 1], "ms");

		long end = today.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
		try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckdbFile)) {
			result("duckdb_volume_30d_median_ms", duck(duck, end - 30 * 86_400L, end, null, null), "ms");
			result("duckdb_volume_365d_median_ms", duck(duck, end - 365 * 86_400L, end, null, null), "ms");
			result("duckdb_volume_30d_x_fr_median_ms", duck(duck, end - 30 * 86_400L, end, "x", "fr"), "ms");
			result("duckdb_volume_365d_inbox_median_ms", duck(duck, end - 365 * 86_400L, end, null, null, inbox), "ms");
			for (int days : new int[] { 1, 7, 30, 365 }) {
				result("duckdb_per_person_and_loudest_" + days + "d_median_ms",
						duckPeople(duck, end - days * 86_400L, end), "ms");
			}
		}
	}

	/**
	 * What the summary's per-person part needs, from every raw row: each author's
	 * positive, negative and neutral counts, and the ten loudest authors; the median of 5
	 * runs after one warm-up.
	 */
	private static double duckPeople(Connection duck, long from, long to) throws Exception {
		double[] perPerson = new double[6];
		for (int i = 0; i < perPerson.length; i++) {
			long t = System.nanoTime();
			for (String sql : new String[] { "select author_key, count(*) filter (where label = 'positive'), "
					+ "count(*) filter (where label = 'negative'), count(*) filter (where label = 'neutral') from mention "
					+ "where published_at >= ? and published_at < ? group by author_key",
					"select author_key, count(*), "
							+ "avg(sentiment) from mention where published_at >= ? and published_at < ? group by author_key "
							+ "order by count(*) desc, author_key limit 10" }) {
				try (PreparedStatement p = duck.prepareStatement(sql)) {
					p.setLong(1, from);
					p.setLong(2, to);
					try (ResultSet rs = p.executeQuery()) {
						while (rs.next()) {
							rs.getInt(2);
						}
					}
				}
			}
			perPerson[i] = (System.nanoTime() - t) / 1e6;
		}
		double[] timed = Arrays.copyOfRange(perPerson, 1, perPerson.length);
		Arrays.sort(timed);
		return timed[timed.length / 2];
	}

	private static double[] time(String url, String auth, int warmUp, int requests) throws Exception {
		for (int i = 0; i < warmUp; i++) {
			LoadGenerator.get(url, auth);
		}
		double[] ms = new double[requests];
		for (int i = 0; i < requests; i++) {
			long t = System.nanoTime();
			int status = LoadGenerator.get(url, auth);
			ms[i] = (System.nanoTime() - t) / 1e6;
			if (status != 200) {
				throw new IllegalStateException(url + " answered " + status);
			}
		}
		Arrays.sort(ms);
		return ms;
	}

	/**
	 * The volume figures by scanning the raw rows: per day, per network and per language
	 * with the positive and negative counts (three grouping sets, one scan); the median
	 * of 11 runs after one warm-up.
	 */
	private static double duck(Connection duck, long from, long to, String network, String language) throws Exception {
		return duck(duck, from, to, network, language, null);
	}

	private static double duck(Connection duck, long from, long to, String network, String language, Long inbox)
			throws Exception {
		String sql = "select published_at // 86400 as day, network, language, count(*), count(*) filter (where label = "
				+ "'positive'), count(*) filter (where label = 'negative') from mention where published_at >= ? and "
				+ "published_at < ?" + (network == null ? "" : " and network = ?")
				+ (language == null ? "" : " and language = ?") + (inbox == null ? "" : " and source_id = " + inbox)
				+ " group by grouping sets ((day), (network), (language))";
		double[] ms = new double[12];
		for (int i = 0; i < ms.length; i++) {
			long t = System.nanoTime();
			try (PreparedStatement p = duck.prepareStatement(sql)) {
				int k = 1;
				p.setLong(k++, from);
				p.setLong(k++, to);
				if (network != null) {
					p.setString(k++, network);
				}
				if (language != null) {
					p.setString(k, language);
				}
				try (ResultSet rs = p.executeQuery()) {
					while (rs.next()) {
						rs.getLong(4);
					}
				}
			}
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		double[] timed = Arrays.copyOfRange(ms, 1, ms.length);
		Arrays.sort(timed);
		return timed[timed.length / 2];
	}

	/** The id of the first of the benchmark's inboxes, as the API lists them. */
	private static long benchInbox(String base, String auth) throws Exception {
		String body = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/inboxes"))
				.header("Authorization", auth)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		for (tools.jackson.databind.JsonNode inbox : tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(body)) {
			if ("bench-0".equals(inbox.get("name").asString())) {
				return inbox.get("id").asLong();
			}
		}
		throw new IllegalStateException("no bench-0 inbox in " + body);
	}

	private ListeningLoad() {
	}

}
