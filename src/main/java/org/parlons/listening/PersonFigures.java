package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What listening heard from known people, many profiles at a time, for segments: their
 * public messages, the tonality of those, their influence and topics. Keyed by the
 * profile the mentions are filed under ({@link Mentions#customerKey}); the caller adds a
 * person's merged profiles up.
 */
@Repository
public class PersonFigures {

	/**
	 * A profile's public messages in a window.
	 *
	 * @param mentions how many
	 * @param sentimentSum the sum of their tonality scores (-1 to 1 each)
	 * @param reach their reach, followers where the reach is unknown
	 * @param engagements their engagements
	 */
	public record Heard(long mentions, double sentimentSum, long reach, long engagements) {

		public Heard plus(Heard other) {
			return new Heard(mentions + other.mentions, sentimentSum + other.sentimentSum, reach + other.reach,
					engagements + other.engagements);
		}

		/** Listening's influence score over the same figures. */
		public double influence() {
			return Influence.score(reach, engagements);
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PersonFigures(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * What each profile wrote in public since then; profiles heard of never are left out.
	 */
	public Map<Long, Heard> heard(Collection<Long> profiles, Instant since) {
		Map<Long, Heard> heard = new HashMap<>();
		if (!profiles.isEmpty()) {
			jdbc.sql("select author_key, count(*), sum(sentiment), sum(coalesce(reach, author_followers, 0)), "
					+ "sum(coalesce(engagement, 0)) from mention where author_key = any(:keys) "
					+ "and published_at >= :since and published_at <= :now group by author_key")
				.param("keys", keys(profiles))
				.param("since", Timestamp.from(since))
				.param("now", Timestamp.from(clock.instant()))
				.query((rs, n) -> heard.put(profile(rs.getString(1)),
						new Heard(rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5))))
				.list();
		}
		return heard;
	}

	/** The topics of what each profile wrote in public since then. */
	public Map<Long, Set<String>> topics(Collection<Long> profiles, Instant since) {
		Map<Long, Set<String>> topics = new HashMap<>();
		if (!profiles.isEmpty()) {
			jdbc.sql(
					"select distinct m.author_key, t.name from mention m join mention_topic mt on mt.mention_id = m.id "
							+ "join listening_topic t on t.id = mt.topic_id where m.author_key = any(:keys) "
							+ "and m.published_at >= :since")
				.param("keys", keys(profiles))
				.param("since", Timestamp.from(since))
				.query((rs, n) -> topics.computeIfAbsent(profile(rs.getString(1)), k -> new TreeSet<>())
					.add(rs.getString(2)))
				.list();
		}
		return topics;
	}

	private static String[] keys(Collection<Long> profiles) {
		return profiles.stream().map(Mentions::customerKey).toArray(String[]::new);
	}

	private static long profile(String key) {
		return java.util.Objects.requireNonNull(Mentions.customerOf(key));
	}

}
