package org.parlons.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.Json;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * The scores' definitions and their points: each scoring event is one line keyed by what
 * it was (a message, a rating…), so that an event delivered twice scores once. A score's
 * value is the sum of its points, each halved every half-life since it was earned,
 * capped.
 */
@Repository
class ScorePoints {

	/**
	 * A rule: what earns points, and how often.
	 *
	 * @param event "message", "conversation" (one opened), "rating" or "mention" (a
	 * public message heard by listening)
	 * @param channel only on this channel (message and conversation), if given
	 * @param minRating only ratings of at least this (rating), if given
	 * @param points what it earns, negative to take away
	 * @param per "always" (every event), "once" (once per customer) or a window (P1D: at
	 * most once a day)
	 */
	record Rule(String event, @Nullable String channel, @Nullable Integer minRating, double points, String per) {
	}

	/**
	 * A threshold: what happens when the score reaches it, once until it falls below
	 * again.
	 *
	 * @param at the value
	 * @param tag tag the customer with this
	 * @param segmentId add the customer to this snapshot segment
	 * @param tellOwner tell the agent of the customer's latest conversation
	 */
	record Threshold(double at, @Nullable String tag, @Nullable Long segmentId, boolean tellOwner) {
	}

	/**
	 * A score.
	 *
	 * @param id its number
	 * @param name its name, as conditions name it ({@code score.loyalty})
	 * @param halfLife how long until a point is worth half, none for no decay
	 * @param cap the most it can be worth, none for no cap
	 * @param rules what earns points
	 * @param thresholds what happens at which value
	 * @param createdAt when it was made
	 */
	record Score(long id, String name, @Nullable Duration halfLife, @Nullable Double cap, List<Rule> rules,
			List<Threshold> thresholds, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Clock clock;

	ScorePoints(JdbcClient jdbc, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.clock = clock;
	}

	long create(String name, @Nullable Duration halfLife, @Nullable Double cap, List<Rule> rules,
			List<Threshold> thresholds) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("insert into score (name, half_life_hours, cap, rules, thresholds, created_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(name, halfLife == null ? null : (int) halfLife.toHours(), cap, Json.write(rules),
					Json.write(thresholds), java.sql.Timestamp.from(clock.instant()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	List<Score> all() {
		return jdbc.sql("select * from score order by name").query((rs, n) -> score(rs)).list();
	}

	Optional<Score> byName(String name) {
		return jdbc.sql("select * from score where name = ?").param(name).query((rs, n) -> score(rs)).optional();
	}

	Optional<Score> find(long id) {
		return jdbc.sql("select * from score where id = ?").param(id).query((rs, n) -> score(rs)).optional();
	}

	void delete(long id) {
		jdbc.sql("delete from score where id = ?").param(id).update();
	}

	/** Earns the points once for that key; answers whether they were new. */
	boolean add(long scoreId, long profileId, String key, double points, Instant at) {
		try {
			return jdbc
				.sql("insert into score_point (score_id, customer_id, event_key, points, scored_at) "
						+ "select ?, ?, ?, ?, ? where not exists (select 1 from score_point "
						+ "where score_id = ? and customer_id = ? and event_key = ?)")
				.params(scoreId, profileId, key, points, at.getEpochSecond(), scoreId, profileId, key)
				.update() == 1;
		}
		catch (DuplicateKeyException raced) {
			return false;
		}
	}

	/**
	 * The value of the score for each person, over their merged profiles, decayed to now.
	 */
	Map<Long, Object> values(String name, Collection<Long> persons) {
		Map<Long, Object> values = new HashMap<>();
		Score score = byName(name).orElse(null);
		if (score == null || persons.isEmpty()) {
			return values;
		}
		Map<Long, Set<Long>> aliases = customers.aliasesOfEach(persons);
		Map<Long, Long> personOf = new HashMap<>();
		aliases.forEach((person, profiles) -> profiles.forEach(p -> personOf.put(p, person)));
		String decay = score.halfLife() == null ? "points"
				: "points * power(0.5, (cast(:now as double precision) - scored_at) / :halfLife)";
		var query = jdbc
			.sql("select customer_id, sum(" + decay + ") from score_point where score_id = :score "
					+ "and customer_id = any(:ids) group by customer_id")
			.param("score", score.id())
			.param("ids", personOf.keySet().toArray(Long[]::new));
		if (score.halfLife() != null) {
			query = query.param("now", clock.instant().getEpochSecond())
				.param("halfLife", (double) score.halfLife().toSeconds());
		}
		query
			.query((rs, n) -> values.merge(personOf.get(rs.getLong(1)), rs.getDouble(2),
					(a, b) -> (Double) a + (Double) b))
			.list();
		if (score.cap() != null) {
			values.replaceAll((k, v) -> Math.min((Double) v, score.cap()));
		}
		return values;
	}

	/** Marks a threshold crossed; answers whether it was not already. */
	boolean cross(long scoreId, long customerId, double threshold) {
		try {
			return jdbc
				.sql("insert into score_crossing (score_id, customer_id, threshold, crossed_at) select ?, ?, ?, ? "
						+ "where not exists (select 1 from score_crossing where score_id = ? and customer_id = ? "
						+ "and threshold = ?)")
				.params(scoreId, customerId, threshold, java.sql.Timestamp.from(clock.instant()), scoreId, customerId,
						threshold)
				.update() == 1;
		}
		catch (DuplicateKeyException raced) {
			return false;
		}
	}

	/** Re-arms a threshold the score fell below. */
	void uncross(long scoreId, long customerId, double threshold) {
		jdbc.sql("delete from score_crossing where score_id = ? and customer_id = ? and threshold = ?")
			.params(scoreId, customerId, threshold)
			.update();
	}

	/** Forgets every point of these profiles: an objection to profiling, an erasure. */
	void forget(Collection<Long> profiles) {
		if (!profiles.isEmpty()) {
			Long[] ids = profiles.toArray(Long[]::new);
			jdbc.sql("delete from score_point where customer_id = any(:ids)").param("ids", ids).update();
			jdbc.sql("delete from score_crossing where customer_id = any(:ids)").param("ids", ids).update();
		}
	}

	private static Score score(java.sql.ResultSet rs) throws java.sql.SQLException {
		Integer hours = (Integer) rs.getObject("half_life_hours", Integer.class);
		Double cap = (Double) rs.getObject("cap", Double.class);
		return new Score(rs.getLong("id"), rs.getString("name"), hours == null ? null : Duration.ofHours(hours), cap,
				Json.read(rs.getString("rules"), new TypeReference<List<Rule>>() {
				}), Json.read(rs.getString("thresholds"), new TypeReference<List<Threshold>>() {
				}), rs.getTimestamp("created_at").toInstant());
	}

}
