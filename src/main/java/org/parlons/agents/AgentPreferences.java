package org.parlons.agents;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An agent's row of preferences ({@code agent_preference}), one column at a time: the
 * time zone they read times in, the language they read Parlons in.
 */
@Repository
class AgentPreferences {

	private static final Set<String> COLUMNS = Set.of("time_zone", "language");

	private final JdbcClient jdbc;

	AgentPreferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<String> get(long agentId, String column) {
		return jdbc.sql("select " + checked(column) + " from agent_preference where agent_id = ?")
			.param(agentId)
			.query(String.class)
			.optional()
			.filter(v -> v != null && !v.isBlank());
	}

	/** Sets one preference, the row made when it is the agent's first. */
	void put(long agentId, String column, @Nullable String value) {
		String update = "update agent_preference set " + checked(column) + " = ? where agent_id = ?";
		if (jdbc.sql(update).params(value, agentId).update() == 0 && jdbc
			.sql("insert into agent_preference (agent_id, " + column + ") values (?, ?) on conflict do nothing")
			.params(agentId, value)
			.update() == 0) {
			jdbc.sql(update).params(value, agentId).update(); // made meanwhile by another
																// request
		}
	}

	private static String checked(String column) {
		if (!COLUMNS.contains(column)) {
			throw new IllegalArgumentException("No preference " + column);
		}
		return column;
	}

}
