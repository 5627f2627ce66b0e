package org.parlons.channels.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Replies waiting for delivery. A row is claimed with a lease before sending: if the node
 * dies while sending, the lease expires and another attempt is made (at least once;
 * receivers dedupe by id).
 */
@Repository
class Outbox {

	/** One reply (a message) or one brand post to deliver. */
	record Entry(long id, @Nullable Long messageId, @Nullable Long postId, long inboxId, int attempts) {
	}

	static final String PENDING = "PENDING";

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	private final Clock clock;

	Outbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Adds a reply once; a second call for the same message (a republished event) adds
	 * nothing.
	 */
	void enqueue(long messageId, long inboxId) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("insert into outbox (message_id, inbox_id, status, attempts, next_attempt_at, created_at) "
				+ "values (?, ?, 'PENDING', 0, ?, ?) on conflict do nothing")
			.params(messageId, inboxId, now, now)
			.update();
	}

	List<Entry> due(int limit) {
		return jdbc.sql(
				"select id, message_id, post_id, inbox_id, attempts from outbox where status in ('PENDING', 'SENDING') "
						+ "and next_attempt_at <= ? order by next_attempt_at, id limit ?")
			.params(Timestamp.from(clock.instant()), limit)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class),
					rs.getLong(4), rs.getInt(5)))
			.list();
	}

	/** Takes the entry for {@code lease}; false when another worker took it first. */
	boolean claim(Entry entry, Duration lease) {
		Instant now = clock.instant();
		return jdbc
			.sql("update outbox set status = 'SENDING', attempts = attempts + 1, next_attempt_at = ? "
					+ "where id = ? and attempts = ? and status in ('PENDING', 'SENDING') and next_attempt_at <= ?")
			.params(Timestamp.from(now.plus(lease)), entry.id(), entry.attempts(), Timestamp.from(now))
			.update() == 1;
	}

	void sent(long id) {
		jdbc.sql("update outbox set status = 'SENT', delivered_at = ?, last_error = null where id = ?")
			.params(Timestamp.from(clock.instant()), id)
			.update();
	}

	void retryAt(long id, Instant at, String error) {
		jdbc.sql("update outbox set status = 'PENDING', next_attempt_at = ?, last_error = ? where id = ?")
			.params(Timestamp.from(at), truncate(error), id)
			.update();
	}

	void failed(long id, String error) {
		jdbc.sql("update outbox set status = 'FAILED', last_error = ? where id = ?")
			.params(truncate(error), id)
			.update();
	}

	private static String truncate(String text) {
		return text.length() > 2000 ? text.substring(0, 2000) : text;
	}

}
