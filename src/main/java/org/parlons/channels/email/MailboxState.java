package org.parlons.channels.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where each mailbox's fetching stands: the folder's UID validity and the highest UID
 * stored. It only moves forward after the mails up to it are stored, so a crash makes the
 * next poll fetch a few mails again, which ingestion recognises by their Message-ID: none
 * is missed, none is stored twice.
 */
@Repository
class MailboxState {

	/** The high-water mark of one mailbox. */
	record Mark(long uidValidity, long lastUid) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	MailboxState(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<Mark> of(long inboxId) {
		return jdbc.sql("select uid_validity, last_uid from mailbox_state where inbox_id = ?")
			.param(inboxId)
			.query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	void advance(long inboxId, String folder, long uidValidity, long lastUid) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("merge into mailbox_state m using (select cast(? as bigint) as inbox_id) s on m.inbox_id = s.inbox_id "
				+ "when matched then update set folder = ?, uid_validity = ?, last_uid = ?, updated_at = ? "
				+ "when not matched then insert (inbox_id, folder, uid_validity, last_uid, updated_at) values (s.inbox_id, ?, ?, ?, ?)")
			.params(inboxId, folder, uidValidity, lastUid, now, folder, uidValidity, lastUid, now)
			.update();
	}

}
