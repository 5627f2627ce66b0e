package org.parlons.agents;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.ReaderZone;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;

/**
 * The time zone each agent reads times in (Europe/Paris, America/Montreal…); an agent who
 * chose none reads the server's. Also the reader's zone of the platform: the agent whose
 * request this is.
 */
@Repository
public class TimeZones implements ReaderZone {

	private final AgentPreferences preferences;

	TimeZones(AgentPreferences preferences) {
		this.preferences = preferences;
	}

	public Optional<ZoneId> of(long agentId) {
		return preferences.get(agentId, "time_zone").map(ZoneId::of);
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
		preferences.put(agentId, "time_zone", clean);
	}

	@Override
	public Optional<ZoneId> current() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof AgentPrincipal me ? of(me.id()) : Optional.empty();
	}

}
