package org.parlons.conversations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.platform.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents do to a conversation besides answering: status, snooze, assignment,
 * transfer, labels, priority and private notes. Each checks the agent may see it; the
 * conversation refuses what makes no sense and records the rest.
 */
@Service
public class ConversationActions {

	/** How long a snooze lasts when the agent names no time. */
	static final Duration DEFAULT_SNOOZE = Duration.ofDays(1);

	private final ConversationAccess access;

	private final Conversations conversations;

	private final Agents agents;

	private final Teams teams;

	private final Clock clock;

	ConversationActions(ConversationAccess access, Conversations conversations, Agents agents, Teams teams,
			Clock clock) {
		this.access = access;
		this.conversations = conversations;
		this.agents = agents;
		this.teams = teams;
		this.clock = clock;
	}

	@Transactional
	public void changeStatus(AgentPrincipal agent, long id, ConversationStatus status, @Nullable Instant snoozeUntil) {
		Instant now = clock.instant();
		change(agent, id, c -> {
			switch (status) {
				case OPEN -> c.reopen();
				case PENDING -> c.awaitCustomer();
				case RESOLVED -> c.resolve();
				case SNOOZED -> c.snooze(snoozeUntil == null ? now.plus(DEFAULT_SNOOZE) : snoozeUntil, now);
			}
		});
	}

	@Transactional
	public void assign(AgentPrincipal agent, long id, @Nullable Long assigneeId) {
		if (assigneeId != null) {
			var assignee = agents.findById(assigneeId)
				.filter(a -> a.active())
				.orElseThrow(() -> InvalidRequestException.said("assign.noAgent", "No active agent " + assigneeId,
						String.valueOf(assigneeId)));
			if (!assignee.role().mayAnswer()) {
				throw InvalidRequestException.said("assign.analyst",
						assignee.name() + " is an analyst and does not answer customers", assignee.name());
			}
		}
		change(agent, id, c -> c.assignTo(assigneeId));
	}

	@Transactional
	public void transfer(AgentPrincipal agent, long id, long teamId) {
		if (teams.findById(teamId).isEmpty()) {
			throw InvalidRequestException.said("transfer.noTeam", "No team " + teamId, String.valueOf(teamId));
		}
		change(agent, id, c -> c.transferTo(teamId));
	}

	@Transactional
	public void prioritise(AgentPrincipal agent, long id, Priority priority) {
		change(agent, id, c -> c.prioritise(priority));
	}

	@Transactional
	public void label(AgentPrincipal agent, long id, String label) {
		change(agent, id, c -> c.label(label));
	}

	@Transactional
	public void unlabel(AgentPrincipal agent, long id, String label) {
		change(agent, id, c -> c.unlabel(label));
	}

	@Transactional
	public void note(AgentPrincipal agent, long id, String text) {
		change(agent, id, c -> c.addNote(agent.id(), text));
	}

	/**
	 * What the conversation refuses comes back as a bad request (a rule broken) or a
	 * conflict (its state).
	 */
	private void change(AgentPrincipal agent, long id, Consumer<Conversation> action) {
		Conversation c = access.conversation(agent, id);
		try {
			action.accept(c);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
		conversations.save(c, agent.id());
	}

}
