package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What other modules read of conversations over time: how many a customer opened, the
 * clocks service levels run on, which are still open, which snoozes are over.
 */
@Repository
public class ConversationFacts {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Customers customers;

	ConversationFacts(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Customers customers) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.customers = customers;
	}

	/**
	 * How many conversations the customer (and the profiles merged into it) opened since
	 * then.
	 */
	public long openedSince(long customerId, Instant since) {
		return jdbc
			.sql("select count(*) from conversation where customer_id = any(:customers) and created_at >= :since")
			.param("customers", customers.aliasesOf(customerId).toArray(Long[]::new))
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/**
	 * How many conversations those profiles opened in the period.
	 */
	public long openedBetween(java.util.Collection<Long> profiles, Instant from, Instant to) {
		if (profiles.isEmpty()) {
			return 0;
		}
		return jdbc
			.sql("select count(*) from conversation where customer_id in (:ids) and created_at >= :from "
					+ "and created_at < :to")
			.param("ids", List.copyOf(profiles))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(Long.class)
			.single();
	}

	/** How many profiles opened a conversation in the period. */
	public long customersWhoOpened(Instant from, Instant to) {
		return jdbc.sql("select count(distinct customer_id) from conversation where created_at >= ? and created_at < ?")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(Long.class)
			.single();
	}

	/**
	 * What a customer wrote to the brand over a period: their messages (by a person, not
	 * automated), how many asked something (hold a question mark), and the texts of the
	 * latest private ones (the public ones are listening's mentions).
	 */
	public record Written(long messages, long questions, List<String> latestPrivate) {
	}

	public Written writtenBy(java.util.Collection<Long> profiles, Instant from, Instant to, int limit) {
		if (profiles.isEmpty()) {
			return new Written(0, 0, List.of());
		}
		String mine = "from message m join conversation c on c.id = m.conversation_id where c.customer_id in (:ids) "
				+ "and m.direction = 'in' and m.automated = false and m.sent_at >= :from and m.sent_at < :to";
		Long[] ids = profiles.toArray(Long[]::new);
		long[] counts = jdbc
			.sql("select count(*), coalesce(sum(case when m.text like :question then 1 else 0 end), 0) " + mine)
			.param("ids", java.util.Arrays.asList(ids))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("question", "%?%")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		List<String> texts = jdbc
			.sql("select m.text " + mine + " and m.visibility = 'PRIVATE' order by m.sent_at desc limit :limit")
			.param("ids", java.util.Arrays.asList(ids))
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit)
			.query(String.class)
			.list();
		return new Written(counts[0], counts[1], texts);
	}

	/**
	 * What service-level clocks read from a conversation.
	 *
	 * @param startedByAgent an agent wrote first: no first response is owed
	 * @param automatedOnly the customer's side holds automated mail alone (auto-replies,
	 * bounces): no answer is owed
	 */
	public record ServiceClock(long id, long inboxId, String status, String priority, Instant createdAt,
			@Nullable Instant lastIncomingAt, @Nullable Instant firstReplyAt, @Nullable Instant lastReplyAt,
			@Nullable Instant resolvedAt, boolean startedByAgent, boolean automatedOnly) {
	}

	/**
	 * Whether a person wrote in the conversation: a conversation of auto-replies, bounces
	 * and list mail alone owes no answer.
	 */
	private static final String HUMAN_WROTE = "exists (select 1 from message h where h.conversation_id = c.id "
			+ "and h.direction = 'in' and h.automated = false)";

	public Optional<ServiceClock> clockOf(long id) {
		return jdbc
			.sql("select c.id, c.inbox_id, c.status, c.priority, c.created_at, c.last_incoming_at, c.first_reply_at, "
					+ "c.last_reply_at, (select max(e.created_at) from conversation_event e where e.conversation_id = c.id "
					+ "and e.type = 'resolved'), c.started_by, " + HUMAN_WROTE + ", exists (select 1 from message a "
					+ "where a.conversation_id = c.id and a.direction = 'in') from conversation c where c.id = ?")
			.param(id)
			.query((rs, n) -> new ServiceClock(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
					instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getObject(10) != null,
					rs.getBoolean(12) && !rs.getBoolean(11)))
			.optional();
	}

	/** The conversations of these inboxes opened since then and not resolved. */
	public List<Long> unresolvedOpenedSince(Collection<Long> inboxIds, Instant since) {
		if (inboxIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("select id from conversation where inbox_id = any(:inboxes) and status <> 'RESOLVED' "
					+ "and created_at >= :since")
			.param("inboxes", inboxIds.toArray(Long[]::new))
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.list();
	}

	/** The snoozed conversations whose time has come. */
	public List<Long> snoozeOver(Instant now) {
		return jdbc.sql("select id from conversation where status = 'SNOOZED' and snoozed_until <= ?")
			.param(Timestamp.from(now))
			.query(Long.class)
			.list();
	}

	/**
	 * Whose a conversation is now: its inbox, team and assignee (0 for none), as reports
	 * attribute it.
	 */
	public record Attribution(long inboxId, long teamId, long assigneeId) {
	}

	/** A conversation and a moment of its life: opened, first answered, resolved. */
	public record Moment(long conversationId, Attribution owner, Instant createdAt, Instant at, Priority priority) {
	}

	/** The conversations opened in the period, {@code at} their opening. */
	public void opened(Instant from, Instant to, Consumer<Moment> each) {
		moments("c.created_at", "conversation c where c.created_at >= ? and c.created_at < ?", from, to, each);
	}

	/** A conversation's first-response clock: opened, and first answered if it was. */
	public record FirstResponse(long conversationId, Attribution owner, Instant createdAt,
			@org.jspecify.annotations.Nullable Instant answeredAt, Priority priority) {
	}

	/**
	 * Every conversation a customer opened in the period, answered or not, with its first
	 * reply if any: what service-level attainment is measured over (a conversation an
	 * agent started owes no first response, nor one of automated mail alone).
	 */
	public void firstResponses(Instant from, Instant to, Consumer<FirstResponse> each) {
		jdbcTemplate.query("select c.id, c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), c.created_at, "
				+ "c.first_reply_at, c.priority from conversation c where c.created_at >= ? and c.created_at < ? "
				+ "and c.started_by is null and " + HUMAN_WROTE, rs -> {
					Timestamp answered = rs.getTimestamp(6);
					each.accept(new FirstResponse(rs.getLong(1),
							new Attribution(rs.getLong(2), rs.getLong(3), rs.getLong(4)),
							rs.getTimestamp(5).toInstant(), answered == null ? null : answered.toInstant(),
							Priority.valueOf(rs.getString(7))));
				}, Timestamp.from(from), Timestamp.from(to));
	}

	/** A customer who wrote again after an answer, and when the next answer came. */
	public record NextWait(long conversationId, Attribution owner, Instant askedAt, Instant answeredAt) {
	}

	/**
	 * Every next response given in the period: an agent's reply that reached the
	 * customer, after an earlier one, answering a person's message written since that
	 * earlier reply; waited from the first such message.
	 */
	public void nextResponses(Instant from, Instant to, Consumer<NextWait> each) {
		String answers = "from message m where m.conversation_id = r.conversation_id and m.direction = 'out' "
				+ "and m.agent_id is not null and m.status in " + MessageStatus.REACHED_CUSTOMER_SQL;
		jdbcTemplate.query("select c.id, c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), x.sent_at, "
				+ "(select min(i.sent_at) from message i where i.conversation_id = x.conversation_id "
				+ "and i.direction = 'in' and i.automated = false and i.sent_at > x.previous and i.sent_at <= x.sent_at) "
				+ "from (select r.conversation_id, r.sent_at, (select max(m.sent_at) " + answers
				+ " and m.sent_at < r.sent_at) previous from message r where r.direction = 'out' "
				+ "and r.agent_id is not null and r.status in " + MessageStatus.REACHED_CUSTOMER_SQL
				+ " and r.sent_at >= ? and r.sent_at < ?) x join conversation c on c.id = x.conversation_id "
				+ "where x.previous is not null", rs -> {
					Timestamp asked = rs.getTimestamp(6);
					if (asked != null) {
						each.accept(new NextWait(rs.getLong(1),
								new Attribution(rs.getLong(2), rs.getLong(3), rs.getLong(4)), asked.toInstant(),
								rs.getTimestamp(5).toInstant()));
					}
				}, Timestamp.from(from), Timestamp.from(to));
	}

	/** The conversations first answered in the period, {@code at} the first reply. */
	public void firstAnswered(Instant from, Instant to, Consumer<Moment> each) {
		moments("c.first_reply_at",
				"conversation c where c.first_reply_at >= ? and c.first_reply_at < ? and c.started_by is null and "
						+ HUMAN_WROTE,
				from, to, each);
	}

	/**
	 * Each resolution in the period (a conversation resolved twice counts twice),
	 * {@code at} the resolution.
	 */
	public void resolved(Instant from, Instant to, Consumer<Moment> each) {
		moments("e.created_at", "conversation_event e join conversation c on c.id = e.conversation_id "
				+ "where e.type = 'resolved' and e.created_at >= ? and e.created_at < ?", from, to, each);
	}

	private void moments(String at, String fromWhere, Instant from, Instant to, Consumer<Moment> each) {
		jdbcTemplate.query("select c.id, c.inbox_id, coalesce(c.team_id, 0), coalesce(c.assignee_id, 0), c.created_at, "
				+ at + ", c.priority from " + fromWhere, rs -> {
					each.accept(new Moment(rs.getLong(1), new Attribution(rs.getLong(2), rs.getLong(3), rs.getLong(4)),
							rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
							Priority.valueOf(rs.getString(7))));
				}, Timestamp.from(from), Timestamp.from(to));
	}

	/** Whose each of these conversations is now. */
	public Map<Long, Attribution> attributionOf(Collection<Long> conversationIds) {
		Map<Long, Attribution> found = new HashMap<>();
		if (!conversationIds.isEmpty()) {
			jdbc.sql("select id, inbox_id, coalesce(team_id, 0), coalesce(assignee_id, 0) from conversation "
					+ "where id = any(:ids)")
				.param("ids", conversationIds.toArray(Long[]::new))
				.query((rs, n) -> found.put(rs.getLong(1),
						new Attribution(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
				.list();
		}
		return found;
	}

	/** How many conversations are not resolved, per owner. */
	public Map<Attribution, Long> backlog() {
		Map<Attribution, Long> found = new HashMap<>();
		jdbc.sql("select inbox_id, coalesce(team_id, 0), coalesce(assignee_id, 0), count(*) from conversation "
				+ "where status <> 'RESOLVED' group by inbox_id, team_id, assignee_id")
			.query((rs, n) -> found.merge(new Attribution(rs.getLong(1), rs.getLong(2), rs.getLong(3)), rs.getLong(4),
					Long::sum))
			.list();
		return found;
	}

	/**
	 * How many open or pending conversations each of these agents holds (none: absent).
	 */
	public Map<Long, Long> openWork(Collection<Long> agentIds) {
		Map<Long, Long> found = new HashMap<>();
		if (!agentIds.isEmpty()) {
			jdbc.sql("select assignee_id, count(*) from conversation where assignee_id = any(:ids) "
					+ "and status in ('OPEN', 'PENDING') group by assignee_id")
				.param("ids", agentIds.toArray(Long[]::new))
				.query((rs, n) -> found.put(rs.getLong(1), rs.getLong(2)))
				.list();
		}
		return found;
	}

	/** A customer's public message, to be answered in public. */
	public record Asked(long conversationId, Instant at) {
	}

	/**
	 * Those of the public messages that were answered, each with who answered (0 for
	 * nobody named): a public reply of the brand in the same conversation, at or after
	 * it, that reached the customer (sent, delivered or read; never queued, held,
	 * rejected or failed). The one definition the inbox and the reports share.
	 */
	public Map<Asked, Long> answeredPublicly(Collection<Asked> asked) {
		Map<Asked, Long> answered = new HashMap<>();
		List<Asked> all = List.copyOf(asked);
		String reply = "from message r where r.conversation_id = k.c and r.direction = 'out' "
				+ "and r.visibility = 'PUBLIC' and r.sent_at >= k.at and r.status in "
				+ MessageStatus.REACHED_CUSTOMER_SQL;
		for (int start = 0; start < all.size(); start += 1000) {
			List<Asked> chunk = all.subList(start, Math.min(all.size(), start + 1000));
			jdbc.sql("select k.c, k.at, (select coalesce(r.agent_id, 0) " + reply
					+ " order by r.sent_at, r.id limit 1) from unnest(:conversations, :ats) k(c, at) "
					+ "where exists (select 1 " + reply + ")")
				.param("conversations", chunk.stream().map(Asked::conversationId).toArray(Long[]::new))
				.param("ats", chunk.stream().map(a -> Timestamp.from(a.at())).toArray(Timestamp[]::new))
				.query((rs, n) -> answered.put(new Asked(rs.getLong(1), rs.getTimestamp(2).toInstant()), rs.getLong(3)))
				.list();
		}
		return answered;
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
