package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.parlons.platform.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each agent's saved inbox views: a name and the list's filters and sort, kept as the
 * query string of {@code /inbox} the caller built from known parameters only.
 */
@Repository
public class SavedViews {

	/** One saved view. */
	public record View(long id, String name, String query) {
	}

	private static final int MAX_PER_AGENT = 30;

	private final JdbcClient jdbc;

	private final Clock clock;

	SavedViews(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<View> of(long agentId) {
		return jdbc.sql("select id, name, query from saved_view where agent_id = ? order by name")
			.param(agentId)
			.query((rs, n) -> new View(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Saves the view under its name, replacing the agent's view of that name. */
	public void save(long agentId, String name, String query) {
		String clean = name.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			throw InvalidRequestException.said("views.refused.name", "name: 1 to 100 characters");
		}
		if (query.length() > 1000) {
			throw InvalidRequestException.said("views.refused.long", "A view holds at most 1,000 characters of filters",
					1000);
		}
		if (jdbc.sql("update saved_view set query = ? where agent_id = ? and name = ?")
			.params(query, agentId, clean)
			.update() > 0) {
			return;
		}
		if (of(agentId).size() >= MAX_PER_AGENT) {
			throw InvalidRequestException.said("views.refused.many",
					"At most " + MAX_PER_AGENT + " saved views: delete one first", MAX_PER_AGENT);
		}
		jdbc.sql("insert into saved_view (agent_id, name, query, created_at) values (?, ?, ?, ?) "
				+ "on conflict do nothing")
			.params(agentId, clean, query, Timestamp.from(clock.instant()))
			.update();
	}

	public void delete(long agentId, long id) {
		jdbc.sql("delete from saved_view where id = ? and agent_id = ?").params(id, agentId).update();
	}

}
