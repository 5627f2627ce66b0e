package org.parlons.routing.web;

import java.util.List;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationAccess;
import org.parlons.routing.ServiceLevels;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A conversation's service-level timers: {@code GET /api/v1/conversations/{id}/sla}.
 */
@RestController
class ServiceLevelsApi {

	private final ServiceLevels levels;

	private final ConversationAccess access;

	ServiceLevelsApi(ServiceLevels levels, ConversationAccess access) {
		this.levels = levels;
		this.access = access;
	}

	/** The conversation's service-level timers: due, met or breached. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/api/v1/conversations/{id}/sla")
	Map<String, List<ServiceLevels.Timer>> sla(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		access.conversation(me, id);
		return Map.of("timers", levels.of(id));
	}

}
