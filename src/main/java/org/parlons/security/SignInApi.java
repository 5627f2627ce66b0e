package org.parlons.security;

import org.parlons.agents.AgentChanged;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An admin forgives an agent's failed sign-ins, from every address, at once. */
@RestController
class SignInApi {

	private final Agents agents;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	SignInApi(Agents agents, LoginThrottle throttle, ApplicationEventPublisher events) {
		this.agents = agents;
		this.throttle = throttle;
		this.events = events;
	}

	/** Forgets an agent's failed sign-ins, unlocking their account. */
	@Requires(Permission.MANAGE_AGENTS)
	@DeleteMapping("/api/v1/agents/{id}/sign-in-failures")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional // the audit log hears the event once it commits
	void forget(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		var agent = agents.findById(id).orElseThrow(() -> new NotFoundException("No agent " + id));
		throttle.forget(agent.email());
		events.publishEvent(new AgentChanged(me.id(), id, "sign-in", "failed sign-ins forgotten"));
	}

}
