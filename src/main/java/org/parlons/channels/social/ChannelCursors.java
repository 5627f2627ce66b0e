package org.parlons.channels.social;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How far each polled inbox has been read. Saved after the messages are stored, so a
 * crash in between only reads the same messages again, which ingestion recognises.
 */
@Repository
class ChannelCursors {

	private final JdbcClient jdbc;

	private final Clock clock;

	ChannelCursors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<String> of(long inboxId) {
		return jdbc.sql("select position from channel_cursor where inbox_id = ?")
			.param(inboxId)
			.query(String.class)
			.optional();
	}

	void save(long inboxId, @Nullable String position) {
		jdbc.sql(
				"merge into channel_cursor c using (select cast(? as bigint) as inbox_id) s on c.inbox_id = s.inbox_id "
						+ "when matched then update set position = ?, updated_at = ? "
						+ "when not matched then insert (inbox_id, position, updated_at) values (s.inbox_id, ?, ?)")
			.params(inboxId, position, Timestamp.from(clock.instant()), position, Timestamp.from(clock.instant()))
			.update();
	}

}
