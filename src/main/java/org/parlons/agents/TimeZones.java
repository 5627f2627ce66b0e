package org.parlons.agents;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.ReaderZone;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;

/**
 * The time zone each agent reads times in (Europe/Paris, America/Montreal…); an agent who
 * chose none reads the server's. Also the reader's zone of the platform: the agent whose
 * request this is.
 */
@Repository
public class TimeZones implements ReaderZone {

	private final JdbcClient jdbc;

	TimeZones(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ZoneId> of(long agentId) {
		return jdbc.sql("select time_zone from agent_preference where agent_id = ?")
			.param(agentId)
			.query(String.class)
			.optional()
			.filter(z -> z != null && !z.isBlank())
			.map(ZoneId::of);
	}

	/** Sets the agent's zone; null or blank goes back to the server's. */
	public void set(long agentId, @Nullable String zone) {
		String clean = zone == null || zone.isBlank() ? null : zone.strip();
		if (clean != null) {
			try {
				clean = ZoneId.of(clean).getId();
			}
			catch (DateTimeException ex) {
				throw InvalidRequestException.said("agents.refused.timeZone",
						"timeZone: a zone such as Europe/Paris, not " + zone, zone);
			}
		}
		if (jdbc.sql("update agent_preference set time_zone = ? where agent_id = ?")
			.params(clean, agentId)
			.update() == 0
				&& jdbc.sql("insert into agent_preference (agent_id, time_zone) values (?, ?) on conflict do nothing")
					.params(agentId, clean)
					.update() == 0) {
			jdbc.sql("update agent_preference set time_zone = ? where agent_id = ?").params(clean, agentId).update();
		}
	}

	@Override
	public Optional<ZoneId> current() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof AgentPrincipal me ? of(me.id()) : Optional.empty();
	}

}
