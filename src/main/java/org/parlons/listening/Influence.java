package org.parlons.listening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An author's influence from what their messages were observed to do, not from their
 * follower count: over a period, the people their mentions reached and the engagements
 * (likes, replies, shares) they drew, {@value #METHOD}. Where a network gives no reach
 * but the author's followers are known, the followers stand in for the reach of that
 * message and the score says it is estimated. Per topic, only the author's mentions of
 * that topic count.
 */
@Service
public class Influence {

	public static final String METHOD = "score = 10 × log10(1 + reach + 10 × engagements): 0 for a voice nobody saw, "
			+ "30 for about a thousand people reached, 50 for a hundred thousand; an engagement weighs ten views";

	/** How far back a profile's influence looks. */
	public static final Duration WINDOW = Duration.ofDays(90);

	/** One author's observed figures over a period and the score they make. */
	public record Voice(String authorKey, @Nullable String author, int mentions, long reach, long engagements,
			@Nullable Long followers, int estimatedReach, double meanSentiment, double score) {

		/** Whether part of the reach stands on follower counts. */
		public boolean estimated() {
			return estimatedReach > 0;
		}

	}

	/** An author's influence in one topic ({@code topicId} null: all their mentions). */
	public record TopicVoice(@Nullable Long topicId, @Nullable String topic, Voice voice) {
	}

	private static final String FIGURES = "count(*), sum(coalesce(m.reach, m.author_followers, 0)), "
			+ "sum(coalesce(m.engagement, 0)), max(m.author_followers), "
			+ "sum(case when m.reach is null and m.author_followers is not null then 1 else 0 end), avg(m.sentiment)";

	private final JdbcClient jdbc;

	private final Topics topics;

	private final Clock clock;

	Influence(JdbcClient jdbc, Topics topics, Clock clock) {
		this.jdbc = jdbc;
		this.topics = topics;
		this.clock = clock;
	}

	/** The score of observed reach and engagements. */
	public static double score(long reach, long engagements) {
		return 10 * Math.log10(1 + (double) reach + 10 * (double) engagements);
	}

	/** The loudest voices by influence over a period, in one topic or all. */
	public List<Voice> top(@Nullable Long topicId, Instant from, Instant to, int limit) {
		return top(topicId, null, from, to, limit);
	}

	/** The top voices among the mentions of one inbox (when {@code inboxId} is given). */
	public List<Voice> top(@Nullable Long topicId, @Nullable Long inboxId, Instant from, Instant to, int limit) {
		return top(topicId, inboxId, null, from, to, limit);
	}

	/**
	 * The top voices among the mentions of one inbox (when {@code inboxId} is given) and
	 * of the reader's inboxes (when {@code within} is given).
	 */
	public List<Voice> top(@Nullable Long topicId, @Nullable Long inboxId, @Nullable Set<Long> within, Instant from,
			Instant to, int limit) {
		String sql = "select m.author_key, max(m.author), " + FIGURES + " from mention m "
				+ (topicId == null ? "" : "join mention_topic t on t.mention_id = m.id and t.topic_id = :topic ")
				+ "where m.published_at >= :from and m.published_at < :to "
				+ (inboxId == null ? "" : "and m.source_id = :inbox and m.source = '" + Mentions.INBOX + "' ")
				+ (within == null ? "" : "and m.source_id = any(:within) and m.source = '" + Mentions.INBOX + "' ")
				+ "group by m.author_key "
				+ "order by sum(coalesce(m.reach, m.author_followers, 0)) + 10 * sum(coalesce(m.engagement, 0)) desc, "
				+ "count(*) desc, m.author_key limit :limit";
		var spec = jdbc.sql(sql)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit);
		if (topicId != null) {
			spec = spec.param("topic", topicId);
		}
		if (inboxId != null) {
			spec = spec.param("inbox", inboxId);
		}
		if (within != null) {
			spec = spec.param("within", within.toArray(Long[]::new));
		}
		return spec.query((rs, n) -> voice(rs.getString(1), rs.getString(2), rs, 3)).list();
	}

	/**
	 * An author's influence over a period: over all their mentions first, then per topic
	 * they wrote on.
	 */
	public List<TopicVoice> of(String authorKey, Instant from, Instant to) {
		List<TopicVoice> out = new ArrayList<>();
		jdbc.sql("select max(m.author), " + FIGURES + " from mention m where m.author_key = ? and m.published_at >= ? "
				+ "and m.published_at < ? having count(*) > 0")
			.params(authorKey, Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> out.add(new TopicVoice(null, null, voice(authorKey, rs.getString(1), rs, 2))))
			.list();
		if (out.isEmpty()) {
			return out;
		}
		jdbc.sql("select t.topic_id, max(m.author), " + FIGURES
				+ " from mention m join mention_topic t on t.mention_id = m.id "
				+ "where m.author_key = ? and m.published_at >= ? and m.published_at < ? group by t.topic_id")
			.params(authorKey, Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> {
				long topicId = rs.getLong(1);
				out.add(new TopicVoice(topicId, topics.find(topicId).map(Topics.Topic::name).orElse(null),
						voice(authorKey, rs.getString(2), rs, 3)));
				return null;
			})
			.list();
		out.subList(1, out.size()).sort((a, b) -> Double.compare(b.voice().score(), a.voice().score()));
		return out;
	}

	/**
	 * A customer's influence over the last {@link #WINDOW}, from the mentions written as
	 * them.
	 */
	public List<TopicVoice> ofCustomer(long customerId) {
		Instant now = clock.instant();
		return of(Mentions.customerKey(customerId), now.minus(WINDOW), now);
	}

	/**
	 * A customer's overall score over the last {@link #WINDOW}; 0 when they wrote nothing
	 * public.
	 */
	public double scoreOfCustomer(long customerId) {
		List<TopicVoice> voices = ofCustomer(customerId);
		return voices.isEmpty() ? 0 : voices.get(0).voice().score();
	}

	/** A voice from the {@link #FIGURES} columns, the first at {@code first}. */
	private static Voice voice(String key, @Nullable String author, ResultSet rs, int first) throws SQLException {
		long reach = rs.getLong(first + 1);
		long engagements = rs.getLong(first + 2);
		Long followers = rs.getObject(first + 3) == null ? null : rs.getLong(first + 3);
		return new Voice(key, author, rs.getInt(first), reach, engagements, followers, rs.getInt(first + 4),
				rs.getDouble(first + 5), score(reach, engagements));
	}

}
