package org.parlons.network;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents lend their connections to the team, as LinkedIn's TeamLink does, unless they say
 * no: an agent who opted out never appears as a connector in a path, and nobody may ask
 * them for an introduction. Their own searches still work.
 */
@Service
public class Connectors {

	private final JdbcClient jdbc;

	private final Clock clock;

	Connectors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public void optOut(long agentId, boolean out) {
		jdbc.sql("delete from network_opt_out where agent_id = ?").param(agentId).update();
		if (out) {
			jdbc.sql("insert into network_opt_out (agent_id, opted_out_at) values (?, ?)")
				.params(agentId, Timestamp.from(clock.instant()))
				.update();
		}
	}

	public boolean optedOut(long agentId) {
		return jdbc.sql("select count(*) from network_opt_out where agent_id = ?")
			.param(agentId)
			.query(Long.class)
			.single() > 0;
	}

	Set<Long> optedOut() {
		return new HashSet<>(jdbc.sql("select agent_id from network_opt_out").query(Long.class).list());
	}

}
