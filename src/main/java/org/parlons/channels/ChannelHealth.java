package org.parlons.channels;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The state of each inbox's connector as people see it: connected, failing (the last
 * error, since when, how many times, when it is tried next) or disabled. A failing
 * mailbox is never silently dead.
 */
@Repository
public class ChannelHealth {

	/** What a person is told about a connector. */
	public enum State {

		UNKNOWN, CONNECTED, FAILING, DISABLED;

		public String api() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** The last known status of one inbox's connector. */
	public record Status(long inboxId, State state, @Nullable String lastError, @Nullable Instant lastErrorAt,
			@Nullable Instant lastSuccessAt, int failures, @Nullable Instant nextAttemptAt) {

		public static Status unknown(long inboxId) {
			return new Status(inboxId, State.UNKNOWN, null, null, null, 0, null);
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	ChannelHealth(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Status of(long inboxId) {
		return find(inboxId).orElse(Status.unknown(inboxId));
	}

	public Map<Long, Status> all() {
		Map<Long, Status> all = new HashMap<>();
		jdbc.sql("select inbox_id, state, last_error, last_error_at, last_success_at, failures, next_attempt_at "
				+ "from channel_health")
			.query(ChannelHealth::map)
			.list()
			.forEach(s -> all.put(s.inboxId(), s));
		return all;
	}

	/** The connector worked: connected, the failure count starts again. */
	public void succeeded(long inboxId) {
		Timestamp now = Timestamp.from(clock.instant());
		upsert(inboxId,
				"update set state = 'CONNECTED', last_success_at = ?, failures = 0, next_attempt_at = null, "
						+ "updated_at = ?",
				new Object[] { now, now },
				"insert (inbox_id, state, last_success_at, failures, updated_at) values (s.inbox_id, 'CONNECTED', ?, 0, ?)",
				new Object[] { now, now });
	}

	/** The connector failed: failing, with the error, and when it will be tried again. */
	public Status failed(long inboxId, String error, Instant nextAttempt) {
		Timestamp now = Timestamp.from(clock.instant());
		String message = error.length() > 1900 ? error.substring(0, 1900) + "…" : error;
		upsert(inboxId,
				"update set state = 'FAILING', last_error = ?, last_error_at = ?, failures = h.failures + 1, "
						+ "next_attempt_at = ?, updated_at = ?",
				new Object[] { message, now, Timestamp.from(nextAttempt), now },
				"insert (inbox_id, state, last_error, last_error_at, failures, next_attempt_at, updated_at) "
						+ "values (s.inbox_id, 'FAILING', ?, ?, 1, ?, ?)",
				new Object[] { message, now, Timestamp.from(nextAttempt), now });
		return of(inboxId);
	}

	/** Switched off by an administrator: not polled, shown as disabled. */
	public void disabled(long inboxId) {
		Timestamp now = Timestamp.from(clock.instant());
		upsert(inboxId, "update set state = 'DISABLED', next_attempt_at = null, updated_at = ?", new Object[] { now },
				"insert (inbox_id, state, failures, updated_at) values (s.inbox_id, 'DISABLED', 0, ?)",
				new Object[] { now });
	}

	private void upsert(long inboxId, String update, Object[] updateParams, String insert, Object[] insertParams) {
		Object[] params = new Object[1 + updateParams.length + insertParams.length];
		params[0] = inboxId;
		System.arraycopy(updateParams, 0, params, 1, updateParams.length);
		System.arraycopy(insertParams, 0, params, 1 + updateParams.length, insertParams.length);
		jdbc.sql(
				"merge into channel_health h using (select cast(? as bigint) as inbox_id) s on h.inbox_id = s.inbox_id "
						+ "when matched then " + update + " when not matched then " + insert)
			.params(params)
			.update();
	}

	private Optional<Status> find(long inboxId) {
		return jdbc
			.sql("select inbox_id, state, last_error, last_error_at, last_success_at, failures, next_attempt_at "
					+ "from channel_health where inbox_id = ?")
			.param(inboxId)
			.query(ChannelHealth::map)
			.optional();
	}

	private static Status map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Status(rs.getLong(1), State.valueOf(rs.getString(2)), rs.getString(3), instant(rs.getTimestamp(4)),
				instant(rs.getTimestamp(5)), rs.getInt(6), instant(rs.getTimestamp(7)));
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
