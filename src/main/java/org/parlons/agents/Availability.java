package org.parlons.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether each agent takes new work: online (the default), away or offline. Automatic
 * assignment gives conversations to online agents only; an agent away or offline keeps
 * the conversations they have.
 */
@Repository
public class Availability {

	/** What an agent says of themselves. */
	public enum Status {

		ONLINE, AWAY, OFFLINE;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Status fromApi(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("status: online, away or offline, not " + value);
			}
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Availability(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Status of(long agentId) {
		return of(java.util.List.of(agentId)).get(agentId);
	}

	/** Each agent's status, online for those who never said otherwise. */
	public Map<Long, Status> of(Collection<Long> agentIds) {
		Map<Long, Status> out = new HashMap<>();
		agentIds.forEach(id -> out.put(id, Status.ONLINE));
		if (!agentIds.isEmpty()) {
			jdbc.sql("select agent_id, status from agent_availability where agent_id in (:ids)")
				.param("ids", agentIds)
				.query((rs, n) -> out.put(rs.getLong(1), Status.valueOf(rs.getString(2))))
				.list();
		}
		return out;
	}

	public void set(long agentId, Status status) {
		Timestamp now = Timestamp.from(clock.instant());
		String update = "update agent_availability set status = ?, changed_at = ? where agent_id = ?";
		if (jdbc.sql(update).params(status.name(), now, agentId).update() == 0 && jdbc
			.sql("insert into agent_availability (agent_id, status, changed_at) values (?, ?, ?) "
					+ "on conflict do nothing")
			.params(agentId, status.name(), now)
			.update() == 0) {
			jdbc.sql(update).params(status.name(), now, agentId).update();
		}
	}

}
