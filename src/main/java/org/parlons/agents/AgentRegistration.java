package org.parlons.agents;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings agents in and changes what they may do, keeping at least one active
 * administrator.
 */
@Service
public class AgentRegistration {

	public static final int MIN_PASSWORD_LENGTH = 10;

	private final Agents agents;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AgentRegistration(Agents agents, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
		this.agents = agents;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Agent register(String email, String name, String password, Role role, Mandate mandate) {
		if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw new InvalidRequestException("'" + email + "' is not an email address");
		}
		checkPassword(password);
		if (agents.findByEmail(email).isPresent()) {
			throw InvalidRequestException.conflict("An agent with the email " + email + " already exists");
		}
		Agent agent = agents.save(new Agent(null, email, name.trim(), passwords.encode(password), role, true, 20,
				mandate, clock.instant()));
		events.publishEvent(new AgentRegistered(agent.id(), agent.email(), agent.role().api()));
		return agent;
	}

	@Transactional
	public Agent changeRole(long agentId, Role role) {
		Agent agent = agents.findById(agentId)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No agent " + agentId));
		if (agent.role() == Role.ADMIN && role != Role.ADMIN && agents.countActiveAdmins() <= 1) {
			throw new InvalidRequestException("The last administrator cannot lose the role");
		}
		agent.changeRole(role);
		return agents.save(agent);
	}

	/**
	 * Changes what is given (a null leaves it as it is) and publishes one
	 * {@link AgentChanged} per change, for the audit log.
	 */
	@Transactional
	public Agent update(@Nullable Long actorId, long agentId, @Nullable Role role, @Nullable Mandate mandate,
			@Nullable Integer capacity, @Nullable Boolean active) {
		Agent agent = agents.findById(agentId)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No agent " + agentId));
		if (role != null && role != agent.role()) {
			String before = agent.role().api();
			agent = changeRole(agentId, role);
			events.publishEvent(new AgentChanged(actorId, agentId, "role", before + " → " + role.api()));
		}
		if (mandate != null && !mandate.equals(agent.mandate())) {
			String before = agent.mandate().describe();
			agent.grant(mandate);
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "mandate", before + " → " + mandate.describe()));
		}
		if (capacity != null && capacity != agent.capacity()) {
			if (capacity < 0 || capacity > 10_000) {
				throw new InvalidRequestException("capacity is between 0 and 10000 open conversations");
			}
			int before = agent.capacity();
			agent.limitOpenWork(capacity);
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "capacity", before + " → " + capacity));
		}
		if (active != null && active != agent.active()) {
			if (!active && actorId != null && actorId == agentId) {
				throw InvalidRequestException.conflict("You cannot deactivate your own account");
			}
			if (active) {
				agent.activate();
			}
			else {
				agent.deactivate();
			}
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "active", !active + " → " + active));
		}
		return agent;
	}

	private static void checkPassword(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidRequestException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

}
