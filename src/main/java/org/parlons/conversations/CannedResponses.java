package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Prepared answers agents insert by shortcut ({@code /shortcut} in the composer), for
 * everyone or for one team, with variables ({@link CannedText}).
 */
@Repository
public class CannedResponses {

	/**
	 * A canned reply.
	 *
	 * @param id its number
	 * @param shortcut what follows "/" in the reply box
	 * @param title its name
	 * @param text the reply, with variables such as {{customer.firstName}}
	 * @param teamId the team it is for; everyone's when none
	 */
	public record Canned(long id, String shortcut, String title, String text, @Nullable Long teamId) {
	}

	private static final String COLUMNS = "select id, shortcut, title, text, team_id from canned_response ";

	private final JdbcClient jdbc;

	private final Clock clock;

	CannedResponses(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Canned create(String shortcut, String title, String text, @Nullable Long teamId) {
		String clean = shortcut(shortcut);
		CannedText.check(text);
		if (jdbc.sql("select count(*) from canned_response where shortcut = ?")
			.param(clean)
			.query(Long.class)
			.single() > 0) {
			throw InvalidRequestException.conflictSaid("canned.taken", "The shortcut " + clean + " is taken", clean);
		}
		jdbc.sql("insert into canned_response (shortcut, title, text, team_id, created_at) values (?, ?, ?, ?, ?)")
			.params(clean, title.strip(), text.strip(), teamId, Timestamp.from(clock.instant()))
			.update();
		return all().stream().filter(c -> c.shortcut().equals(clean)).findFirst().orElseThrow();
	}

	public Canned update(long id, String shortcut, String title, String text, @Nullable Long teamId) {
		String clean = shortcut(shortcut);
		CannedText.check(text);
		if (jdbc.sql("select count(*) from canned_response where shortcut = ? and id <> ?")
			.params(clean, id)
			.query(Long.class)
			.single() > 0) {
			throw InvalidRequestException.conflictSaid("canned.taken", "The shortcut " + clean + " is taken", clean);
		}
		int changed = jdbc.sql("update canned_response set shortcut = ?, title = ?, text = ?, team_id = ? where id = ?")
			.params(clean, title.strip(), text.strip(), teamId, id)
			.update();
		if (changed == 0) {
			throw new org.parlons.platform.NotFoundException("No canned reply " + id);
		}
		return all().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
	}

	public List<Canned> all() {
		return jdbc.sql(COLUMNS + "order by shortcut").query(CannedResponses::row).list();
	}

	/** Everyone's and those of the given teams. */
	public List<Canned> forTeams(Set<Long> teamIds) {
		return all().stream().filter(c -> c.teamId() == null || teamIds.contains(c.teamId())).toList();
	}

	public void delete(long id) {
		jdbc.sql("delete from canned_response where id = ?").param(id).update();
	}

	private static String shortcut(String shortcut) {
		String clean = shortcut.strip().toLowerCase(Locale.ROOT);
		if (!clean.matches("[a-z0-9_-]{1,60}")) {
			throw InvalidRequestException.said("canned.shortcut", "A shortcut is 1 to 60 letters, digits, - or _");
		}
		return clean;
	}

	private static Canned row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Canned(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getObject(5, Long.class));
	}

}
