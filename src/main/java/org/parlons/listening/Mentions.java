package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The mentions: public messages from the inboxes and feed entries, each scored once,
 * unique per source. Storing one also counts it in its hour's rollup, in the same
 * transaction, so figures over any period are sums of hours.
 */
@Repository
public class Mentions {

	/** A mention about to be stored. */
	public record NewMention(String source, long sourceId, String network, String externalId, @Nullable String author,
			String authorKey, String text, String language, double sentiment, Sentiment.Label label,
			@Nullable String url, Instant publishedAt, @Nullable Long conversationId, Audience audience) {

		public NewMention(String source, long sourceId, String network, String externalId, @Nullable String author,
				String authorKey, String text, String language, double sentiment, Sentiment.Label label,
				@Nullable String url, Instant publishedAt, @Nullable Long conversationId) {
			this(source, sourceId, network, externalId, author, authorKey, text, language, sentiment, label, url,
					publishedAt, conversationId, Audience.UNKNOWN);
		}

	}

	/**
	 * What the network says about a mention's audience, each figure null when it does not
	 * say: the people shown it, the engagements it drew (likes, replies, shares), the
	 * author's followers.
	 */
	public record Audience(@Nullable Long reach, @Nullable Long engagements, @Nullable Long followers) {

		public static final Audience UNKNOWN = new Audience(null, null, null);

	}

	/**
	 * Mentions of the source {@code inbox}: an inbox's public messages, and what searches
	 * with its account found.
	 */
	public static final String INBOX = "inbox";

	/** Mentions of the source {@code import}: sent by another tool over the API. */
	public static final String IMPORTED = "import";

	/**
	 * The author key of a customer's mentions: a person counted once across all their
	 * messages.
	 */
	public static String customerKey(long customerId) {
		return "customer:" + customerId;
	}

	/** The customer profile an author key names, none for a key of another kind. */
	public static @Nullable Long customerOf(String authorKey) {
		return authorKey.matches("customer:\\d{1,18}") ? Long.valueOf(authorKey.substring("customer:".length())) : null;
	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	Mentions(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores the mentions not stored yet and counts them in their hour and day; one
	 * stored before without a conversation (found by a network search) is linked to the
	 * conversation now given. Answers how many were new.
	 */
	public int saveAll(List<NewMention> mentions) {
		if (mentions.isEmpty()) {
			return 0;
		}
		int[][] counts = insertAbsent(mentions);
		Counted counted = new Counted();
		int i = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				counted.add(mentions.get(i++), count > 0);
			}
		}
		counted.store();
		return counted.stored;
	}

	/** Inserts those not stored yet: 1 for each inserted, 0 for each already there. */
	private int[][] insertAbsent(List<NewMention> mentions) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.batchUpdate("insert into mention (source, source_id, network, external_id, author, author_key, "
				+ "text, language, sentiment, label, url, published_at, conversation_id, created_at, reach, engagement, "
				+ "author_followers) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
				mentions, 500, (ps, m) -> {
					ps.setString(1, m.source());
					ps.setLong(2, m.sourceId());
					ps.setString(3, m.network());
					ps.setString(4, m.externalId());
					ps.setString(5, m.author());
					ps.setString(6, m.authorKey());
					ps.setString(7, m.text());
					ps.setString(8, m.language());
					ps.setDouble(9, m.sentiment());
					ps.setString(10, m.label().api());
					ps.setString(11, m.url());
					ps.setTimestamp(12, Timestamp.from(m.publishedAt()));
					ps.setObject(13, m.conversationId(), Types.BIGINT);
					ps.setTimestamp(14, now);
					ps.setObject(15, m.audience().reach(), Types.BIGINT);
					ps.setObject(16, m.audience().engagements(), Types.BIGINT);
					ps.setObject(17, m.audience().followers(), Types.BIGINT);
				});
	}

	/** What the new mentions add to the rollups and samples, and the old ones to link. */
	private final class Counted {

		final RollupCounts hours = new RollupCounts(ChronoUnit.HOURS);

		final RollupCounts days = new RollupCounts(ChronoUnit.DAYS);

		final RollupCounts sourceDays = new RollupCounts(ChronoUnit.DAYS, RollupCounts.SOURCE);

		final List<Object[]> sampled = new ArrayList<>();

		final List<Object[]> linked = new ArrayList<>();

		int stored;

		void add(NewMention m, boolean isNew) {
			if (!isNew) {
				// already stored, and counted before: a search may have found the post
				// before it reached the inbox
				if (m.conversationId() != null) {
					linked.add(new Object[] { m.conversationId(), m.externalId(), m.source(), m.sourceId() });
				}
				return;
			}
			stored++;
			hours.count(m.publishedAt(), m.network(), m.language(), m.label());
			days.count(m.publishedAt(), m.network(), m.language(), m.label());
			sourceDays.count(List.of(m.source(), m.sourceId()), m.publishedAt(), m.network(), m.language(), m.label());
			for (int level = 1; level <= Samples.authorLevel(m.authorKey()); level++) {
				sampled.add(new Object[] { level, m.externalId(), m.source(), m.sourceId() });
			}
			for (int level = 1; level <= Samples.mentionLevel(m.source(), m.externalId()); level++) {
				sampled.add(new Object[] { Samples.BY_MENTION + level, m.externalId(), m.source(), m.sourceId() });
			}
		}

		void store() {
			if (stored > 0) {
				// Writers of the rollups take turns (the collector, feeds and imports run
				// at once): two inserting the same new hour would otherwise fail one.
				jdbc.queryForList("select position from listening_cursor where name = 'rollups' for update");
			}
			hours.addTo(jdbc, "mention_hourly", "hour_start");
			days.addTo(jdbc, "mention_daily", "day_start");
			sourceDays.addTo(jdbc, "mention_source_daily", "day_start");
			jdbc.batchUpdate("insert into mention_sample (level, mention_id, published_at, network, language, "
					+ "author_key, author, label, sentiment, source, source_id) select ?, id, published_at, network, "
					+ "language, author_key, author, label, sentiment, source, source_id from mention "
					+ "where external_id = ? and source = ? and source_id = ?", sampled);
			jdbc.batchUpdate("update mention set conversation_id = ? where external_id = ? and source = ? "
					+ "and source_id = ? and conversation_id is null", linked);
		}

	}

	/** A stored mention as other modules read it, in the order it was stored. */
	public record Posted(long id, String network, String externalId, String authorKey, String text,
			@Nullable String url, Instant publishedAt) {
	}

	/**
	 * The mentions stored after that one and before {@code settled}, oldest first: a
	 * reader that keeps its place by id and leaves the last seconds alone does not skip a
	 * mention whose transaction commits after a later one's.
	 */
	public List<Posted> after(long afterId, Instant settled, int limit) {
		return jdbc.query(
				"select id, network, external_id, author_key, text, url, published_at from mention where id > ? "
						+ "and created_at < ? order by id limit ?",
				(rs, n) -> new Posted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getTimestamp(7).toInstant()),
				afterId, Timestamp.from(settled), limit);
	}

	/**
	 * The sentiment scores of what those authors published over a period, the latest
	 * first, at most {@code limit}.
	 */
	public List<Double> scoresOf(java.util.Collection<String> authorKeys, Instant from, Instant to, int limit) {
		if (authorKeys.isEmpty()) {
			return List.of();
		}
		String keys = String.join(", ", java.util.Collections.nCopies(authorKeys.size(), "?"));
		List<Object> args = new ArrayList<>(authorKeys);
		args.add(Timestamp.from(from));
		args.add(Timestamp.from(to));
		args.add(limit);
		return jdbc.query(
				"select sentiment from mention where author_key in (" + keys + ") and published_at >= ? "
						+ "and published_at < ? order by published_at desc limit ?",
				(rs, n) -> rs.getDouble(1), args.toArray());
	}

	/** The last mention stored before {@code settled}, 0 when none. */
	public long lastId(Instant settled) {
		Long last = jdbc.queryForObject("select max(id) from mention where created_at < ?", Long.class,
				Timestamp.from(settled));
		return last == null ? 0 : last;
	}

	/**
	 * Stores imported mentions; one imported before takes the new audience figures (reach
	 * and engagements grow after a post is published). Answers how many were new and how
	 * many updated.
	 */
	public int[] importAll(List<NewMention> mentions) {
		int[][] updated = jdbc
			.batchUpdate("update mention set reach = coalesce(?, reach), engagement = coalesce(?, engagement), "
					+ "author_followers = coalesce(?, author_followers) where external_id = ? and source = ? and source_id = ?",
					mentions, 500, (ps, m) -> {
						ps.setObject(1, m.audience().reach(), Types.BIGINT);
						ps.setObject(2, m.audience().engagements(), Types.BIGINT);
						ps.setObject(3, m.audience().followers(), Types.BIGINT);
						ps.setString(4, m.externalId());
						ps.setString(5, m.source());
						ps.setLong(6, m.sourceId());
					});
		int changed = 0;
		for (int[] chunk : updated) {
			for (int count : chunk) {
				changed += count > 0 ? 1 : 0;
			}
		}
		return new int[] { saveAll(mentions), changed };
	}

}
