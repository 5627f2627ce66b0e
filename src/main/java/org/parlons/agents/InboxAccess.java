package org.parlons.agents;

import org.springframework.stereotype.Service;

/**
 * The one rule for who sees which inbox, used by the UI and the API alike.
 */
@Service
public class InboxAccess {

	private final Teams teams;

	InboxAccess(Teams teams) {
		this.teams = teams;
	}

	public InboxScope scopeOf(AgentPrincipal agent) {
		if (agent.role().seesAllInboxes()) {
			return InboxScope.ALL;
		}
		return new InboxScope(false, teams.inboxesVisibleTo(agent.id()));
	}

}
