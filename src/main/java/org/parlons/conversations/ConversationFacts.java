package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What other modules read of conversations over time: how many a customer opened, the clocks service levels
 * run on, which are still open, which snoozes are over.
 */
@Repository
public class ConversationFacts {

	private final JdbcClient jdbc;

	private final Customers customers;

	ConversationFacts(JdbcClient jdbc, Customers customers) {
		this.jdbc = jdbc;
		this.customers = customers;
	}

	/** How many conversations the customer (and the profiles merged into it) opened since then. */
	public long openedSince(long customerId, Instant since) {
		return jdbc.sql("select count(*) from conversation where customer_id = any(:customers) and created_at >= :since")
			.param("customers", customers.aliasesOf(customerId).toArray(Long[]::new))
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** What service-level clocks read from a conversation. */
	public record ServiceClock(long id, long inboxId, String status, String priority, Instant createdAt,
			@Nullable Instant lastIncomingAt, @Nullable Instant firstReplyAt, @Nullable Instant lastReplyAt,
			@Nullable Instant resolvedAt) {
	}

	public Optional<ServiceClock> clockOf(long id) {
		return jdbc.sql("select c.id, c.inbox_id, c.status, c.priority, c.created_at, c.last_incoming_at, c.first_reply_at, "
				+ "c.last_reply_at, (select max(e.created_at) from conversation_event e where e.conversation_id = c.id "
				+ "and e.type = 'resolved') from conversation c where c.id = ?")
			.param(id)
			.query((rs, n) -> new ServiceClock(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
					instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))))
			.optional();
	}

	/** The conversations of these inboxes opened since then and not resolved. */
	public List<Long> unresolvedOpenedSince(Collection<Long> inboxIds, Instant since) {
		if (inboxIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id from conversation where inbox_id = any(:inboxes) and status <> 'RESOLVED' "
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

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
