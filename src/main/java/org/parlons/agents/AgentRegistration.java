package org.parlons.agents;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

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
			throw InvalidRequestException.said("agents.badEmail", "'" + email + "' is not an email address", email);
		}
		checkPassword(password);
		if (agents.findByEmail(email).isPresent()) {
			throw InvalidRequestException.conflictSaid("agents.emailTaken",
					"An agent with the email " + email + " already exists", email);
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
			throw InvalidRequestException.said("agents.lastAdminRole", "The last administrator cannot lose the role");
		}
		agent.changeRole(role);
		return agents.save(agent);
	}

	/**
	 * What an admin changes of an agent; a null leaves it as it is.
	 *
	 * @param grants the grantable permissions the agent holds on top of their role, given
	 * whole
	 */
	public record Change(@Nullable Role role, @Nullable Mandate mandate, @Nullable Integer capacity,
			@Nullable Boolean active, @Nullable Set<Permission> grants) {

		public static Change mandate(Mandate mandate) {
			return new Change(null, mandate, null, null, null);
		}

		public static Change active(boolean active) {
			return new Change(null, null, null, active, null);
		}

	}

	/**
	 * Changes what is given and publishes one {@link AgentChanged} per change, for the
	 * audit log and for the sessions, tokens and streams that answer for the agent.
	 */
	@Transactional
	public Agent update(@Nullable Long actorId, long agentId, Change change) {
		Agent agent = find(agentId);
		Role role = change.role();
		if (role != null && role != agent.role()) {
			String before = agent.role().api();
			agent = changeRole(agentId, role);
			events.publishEvent(new AgentChanged(actorId, agentId, "role", before + " → " + role.api()));
		}
		Mandate mandate = change.mandate();
		if (mandate != null && !mandate.equals(agent.mandate())) {
			String before = agent.mandate().describe();
			agent.grant(mandate);
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "mandate", before + " → " + mandate.describe()));
		}
		Integer capacity = change.capacity();
		if (capacity != null && capacity != agent.capacity()) {
			if (capacity < 0 || capacity > 10_000) {
				throw InvalidRequestException.said("agents.capacity",
						"capacity is between 0 and 10000 open conversations");
			}
			int before = agent.capacity();
			agent.limitOpenWork(capacity);
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "capacity", before + " → " + capacity));
		}
		Set<Permission> grants = change.grants();
		if (grants != null && !grants.isEmpty() && agent.role() == Role.ANALYST) {
			throw InvalidRequestException.said("agents.analystGrants",
					"grants: an analyst reads and writes nothing; give them another role first");
		}
		if (grants != null && !grants.equals(agent.grants())) {
			String before = describe(agent.grants());
			agent.allow(grants);
			agent = agents.save(agent);
			events.publishEvent(new AgentChanged(actorId, agentId, "grants", before + " → " + describe(grants)));
		}
		Boolean active = change.active();
		if (active != null && active != agent.active()) {
			agent = activate(actorId, agent, active);
		}
		return agent;
	}

	private Agent activate(@Nullable Long actorId, Agent agent, boolean active) {
		if (!active && actorId != null && actorId == agent.id()) {
			throw InvalidRequestException.conflictSaid("agents.deactivateSelf",
					"You cannot deactivate your own account");
		}
		if (!active && agent.role() == Role.ADMIN && agents.countActiveAdmins() <= 1) {
			throw InvalidRequestException.conflictSaid("agents.lastAdminActive",
					"The last active administrator cannot be deactivated");
		}
		if (active) {
			agent.activate();
		}
		else {
			agent.deactivate();
		}
		Agent saved = agents.save(agent);
		events.publishEvent(new AgentChanged(actorId, agent.id(), "active", !active + " → " + active));
		return saved;
	}

	/** The agent changes their own password, saying the current one. */
	@Transactional
	public void changePassword(long agentId, String current, String password) {
		Agent agent = find(agentId);
		if (!passwords.matches(current, agent.passwordHash())) {
			throw InvalidRequestException.said("agents.wrongPassword", "current: this is not your current password");
		}
		setPassword(agentId, agent, password, "changed");
	}

	/** An admin gives an agent a new password (a lost one, an account taken over). */
	@Transactional
	public void resetPassword(long actorId, long agentId, String password) {
		setPassword(actorId, find(agentId), password, "reset");
	}

	private void setPassword(long actorId, Agent agent, String password, String how) {
		checkPassword(password);
		agent.changePasswordHash(passwords.encode(password));
		agents.save(agent);
		events.publishEvent(new AgentChanged(actorId, agent.id(), "password", how));
	}

	private Agent find(long agentId) {
		return agents.findById(agentId)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No agent " + agentId));
	}

	private static String describe(Set<Permission> grants) {
		return grants.isEmpty() ? "none"
				: grants.stream().map(Permission::api).sorted().collect(Collectors.joining(", "));
	}

	private static void checkPassword(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			throw InvalidRequestException.said("agents.shortPassword",
					"password: a password needs at least " + MIN_PASSWORD_LENGTH + " characters",
					String.valueOf(MIN_PASSWORD_LENGTH));
		}
		if (CommonPasswords.isCommon(password)) {
			throw InvalidRequestException.said("agents.commonPassword",
					"password: this is one of the most common passwords, which are tried first; choose another");
		}
	}

}
