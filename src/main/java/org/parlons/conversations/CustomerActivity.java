package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What customers did with the service, many profiles at a time, for segments and scores:
 * messages written, conversations opened, service levels missed, ratings given. Each
 * figure is keyed by the profile it is stored under (a merged profile keeps its own); the
 * caller adds a person's profiles up. Erased conversations count no more.
 */
@Repository
public class CustomerActivity {

	/** A sum and how many values made it. */
	public record Tally(double sum, long count) {

		public Tally plus(Tally other) {
			return new Tally(sum + other.sum, count + other.count);
		}

	}

	private final JdbcClient jdbc;

	CustomerActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Messages the profiles wrote (machines' excluded), on a channel if given, since
	 * then.
	 */
	public Map<Long, Long> messages(Collection<Long> profiles, @Nullable String channel, Instant since) {
		return counts(
				"select c.customer_id, count(*) from message m join conversation c on c.id = m.conversation_id "
						+ (channel == null ? "" : "join inbox i on i.id = c.inbox_id and i.channel = :channel ")
						+ "where c.customer_id = any(:ids) and c.erased_at is null and m.direction = 'in' "
						+ "and m.automated = false and m.sent_at >= :since group by c.customer_id",
				profiles, channel, since);
	}

	/** Conversations the profiles' opened, on a channel if given, since then. */
	public Map<Long, Long> conversations(Collection<Long> profiles, @Nullable String channel, Instant since) {
		return counts("select c.customer_id, count(*) from conversation c "
				+ (channel == null ? "" : "join inbox i on i.id = c.inbox_id and i.channel = :channel ")
				+ "where c.customer_id = any(:ids) and c.erased_at is null and c.created_at >= :since "
				+ "group by c.customer_id", profiles, channel, since);
	}

	/** Service levels missed in the profiles' conversations since then. */
	public Map<Long, Long> breaches(Collection<Long> profiles, Instant since) {
		return counts(
				"select c.customer_id, count(*) from conversation_event e join conversation c "
						+ "on c.id = e.conversation_id where c.customer_id = any(:ids) and c.erased_at is null "
						+ "and e.type = 'sla-breached' and e.created_at >= :since group by c.customer_id",
				profiles, null, since);
	}

	/** The satisfaction ratings (1 to 5) the profiles gave since then. */
	public Map<Long, Tally> ratings(Collection<Long> profiles, Instant since) {
		Map<Long, Tally> tallies = new HashMap<>();
		if (!profiles.isEmpty()) {
			jdbc.sql("select customer_id, sum(score), count(*) from satisfaction where customer_id = any(:ids) "
					+ "and score is not null and rated_at >= :since group by customer_id")
				.param("ids", profiles.toArray(Long[]::new))
				.param("since", Timestamp.from(since))
				.query((rs, n) -> tallies.put(rs.getLong(1), new Tally(rs.getDouble(2), rs.getLong(3))))
				.list();
		}
		return tallies;
	}

	/**
	 * A message a customer wrote, as a reader in order sees it.
	 *
	 * @param id the message's number
	 * @param customerId the profile of its conversation
	 * @param channel its inbox's channel
	 * @param opening whether it opened its conversation
	 * @param automated whether a machine wrote it
	 */
	public record Written(long id, long customerId, String channel, boolean opening, boolean automated) {
	}

	/**
	 * The customers' messages after that one and up to {@code upTo}
	 * ({@link #lastWritten}), oldest first.
	 */
	public List<Written> writtenAfter(long afterId, long upTo, int limit) {
		return jdbc
			.sql("select m.id, c.customer_id, i.channel, m.id = (select min(f.id) from message f "
					+ "where f.conversation_id = m.conversation_id and f.direction = 'in'), m.automated from message m "
					+ "join conversation c on c.id = m.conversation_id join inbox i on i.id = c.inbox_id "
					+ "where m.id > ? and m.id <= ? and m.direction = 'in' order by m.id fetch first ? rows only")
			.params(afterId, upTo, limit)
			.query((rs, n) -> new Written(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
					rs.getBoolean(5)))
			.list();
	}

	/**
	 * A message between a customer and the brand, as the professional network reads it.
	 *
	 * @param id the message's number
	 * @param customerId the profile of its conversation
	 * @param inbound whether the customer wrote it (else an agent did)
	 * @param agentId who wrote it, or, for an inbound one, who had the conversation
	 * @param channel its inbox's channel
	 * @param visibility public or private
	 * @param copies the addresses it was copied to (an email's Cc)
	 * @param answeredCustomerId for a public message, the profile of the customer whose
	 * message it answers, when another customer wrote it
	 * @param automated whether a machine wrote it
	 * @param sentAt when it was sent
	 */
	public record Exchange(long id, long customerId, boolean inbound, @Nullable Long agentId, String channel,
			String visibility, List<String> copies, @Nullable Long answeredCustomerId, boolean automated,
			Instant sentAt) {
	}

	/**
	 * The messages, both ways, after that one and up to {@code upTo}
	 * ({@link #lastWritten}), oldest first: held, rejected or failed replies aside, which
	 * reach nobody (one held then approved is not read again).
	 */
	public List<Exchange> exchangesAfter(long afterId, long upTo, int limit) {
		return jdbc
			.sql("select m.id, c.customer_id, m.direction, coalesce(m.agent_id, c.assignee_id), i.channel, "
					+ "m.visibility, m.copies, pc.customer_id, m.automated, m.sent_at from message m "
					+ "join conversation c on c.id = m.conversation_id join inbox i on i.id = c.inbox_id "
					+ "left join message p on m.in_reply_to is not null and m.visibility = 'public' "
					+ "and p.inbox_id = m.inbox_id and p.external_id = m.in_reply_to and p.direction = 'in' "
					+ "left join conversation pc on pc.id = p.conversation_id and pc.customer_id <> c.customer_id "
					+ "where m.id > ? and m.id <= ? and c.erased_at is null "
					+ "and (m.direction = 'in' or m.status in ('queued', 'sent', 'delivered', 'read')) "
					+ "order by m.id fetch first ? rows only")
			.params(afterId, upTo, limit)
			.query((rs, n) -> new Exchange(rs.getLong(1), rs.getLong(2), "in".equals(rs.getString(3)),
					rs.getObject(4, Long.class), rs.getString(5), rs.getString(6),
					rs.getString(7) == null || rs.getString(7).isBlank() ? List.of()
							: List.of(rs.getString(7).trim().split("\\s+")),
					rs.getObject(8, Long.class), rs.getBoolean(9), rs.getTimestamp(10).toInstant()))
			.list();
	}

	/**
	 * The last message stored before {@code settled}: a reader that keeps its place by id
	 * and leaves the last seconds alone skips none whose transaction commits after a
	 * later one's.
	 */
	public long lastWritten(Instant settled) {
		return jdbc.sql("select coalesce(max(id), 0) from message where created_at < ?")
			.param(Timestamp.from(settled))
			.query(Long.class)
			.single();
	}

	/** A customer's latest conversation and who has it. */
	public record Latest(long conversationId, @Nullable Long assigneeId) {
	}

	/** The latest conversation of these profiles, erased ones aside. */
	public java.util.Optional<Latest> latestConversation(Collection<Long> profiles) {
		if (profiles.isEmpty()) {
			return java.util.Optional.empty();
		}
		return jdbc
			.sql("select id, assignee_id from conversation where customer_id = any(:ids) and erased_at is null "
					+ "order by last_message_at desc, id desc fetch first 1 rows only")
			.param("ids", profiles.toArray(Long[]::new))
			.query((rs, n) -> new Latest(rs.getLong(1), (Long) rs.getObject(2, Long.class)))
			.optional();
	}

	/** The profile a conversation belongs to. */
	public java.util.Optional<Long> customerOf(long conversationId) {
		return jdbc.sql("select customer_id from conversation where id = ?")
			.param(conversationId)
			.query(Long.class)
			.optional();
	}

	/** The channel of a conversation's inbox: where an action offered in it is made. */
	public @Nullable String channelOf(long conversationId) {
		return jdbc.sql("select i.channel from conversation c join inbox i on i.id = c.inbox_id where c.id = ?")
			.param(conversationId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private Map<Long, Long> counts(String sql, Collection<Long> profiles, @Nullable String channel, Instant since) {
		Map<Long, Long> counts = new HashMap<>();
		if (profiles.isEmpty()) {
			return counts;
		}
		var query = jdbc.sql(sql).param("ids", profiles.toArray(Long[]::new)).param("since", Timestamp.from(since));
		if (channel != null) {
			query = query.param("channel", channel);
		}
		query.query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
		return counts;
	}

}
