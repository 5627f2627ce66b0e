package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.parlons.platform.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Prepared answers agents insert by shortcut.
 */
@Repository
public class CannedResponses {

	/** One prepared answer. */
	public record Canned(long id, String shortcut, String title, String text) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	CannedResponses(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Canned create(String shortcut, String title, String text) {
		String clean = shortcut.strip().toLowerCase();
		if (!clean.matches("[a-z0-9_-]{1,60}")) {
			throw new InvalidRequestException("A shortcut is 1 to 60 letters, digits, - or _");
		}
		if (jdbc.sql("select count(*) from canned_response where shortcut = ?")
			.param(clean)
			.query(Long.class)
			.single() > 0) {
			throw InvalidRequestException.conflict("The shortcut " + clean + " is taken");
		}
		jdbc.sql("insert into canned_response (shortcut, title, text, created_at) values (?, ?, ?, ?)")
			.params(clean, title.strip(), text.strip(), Timestamp.from(clock.instant()))
			.update();
		return all().stream().filter(c -> c.shortcut().equals(clean)).findFirst().orElseThrow();
	}

	public List<Canned> all() {
		return jdbc.sql("select id, shortcut, title, text from canned_response order by shortcut")
			.query((rs, n) -> new Canned(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	public void delete(long id) {
		jdbc.sql("delete from canned_response where id = ?").param(id).update();
	}

}
