package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents do to a conversation besides answering: status, snooze, assignment, transfer, labels,
 * priority and private notes. Each checks the agent may see it and leaves a line in the timeline.
 */
@Service
public class ConversationActions {

	private final ConversationAccess access;

	private final Conversations conversations;

	private final Agents agents;

	private final Teams teams;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ConversationActions(ConversationAccess access, Conversations conversations, Agents agents, Teams teams,
			JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.conversations = conversations;
		this.agents = agents;
		this.teams = teams;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public void changeStatus(AgentPrincipal agent, long id, ConversationStatus status, @Nullable Instant snoozeUntil) {
		change(agent, id, "status", c -> {
			try {
				switch (status) {
					case OPEN -> c.reopen();
					case PENDING -> c.awaitCustomer();
					case RESOLVED -> c.resolve();
					case SNOOZED -> c.snooze(snoozeUntil == null ? clock.instant().plusSeconds(3600 * 24) : snoozeUntil,
							clock.instant());
				}
			}
			catch (IllegalStateException ex) {
				throw InvalidRequestException.conflict(ex.getMessage());
			}
		});
	}

	@Transactional
	public void assign(AgentPrincipal agent, long id, @Nullable Long assigneeId) {
		if (assigneeId != null) {
			var assignee = agents.findById(assigneeId)
				.filter(a -> a.active())
				.orElseThrow(() -> new InvalidRequestException("No active agent " + assigneeId));
			if (!assignee.role().mayAnswer()) {
				throw new InvalidRequestException(assignee.name() + " is an analyst and does not answer customers");
			}
		}
		change(agent, id, "assignee", c -> c.assignTo(assigneeId));
	}

	@Transactional
	public void transfer(AgentPrincipal agent, long id, long teamId) {
		if (teams.findById(teamId).isEmpty()) {
			throw new InvalidRequestException("No team " + teamId);
		}
		change(agent, id, "team", c -> {
			try {
				c.transferTo(teamId, false);
			}
			catch (IllegalStateException ex) {
				throw InvalidRequestException.conflict(ex.getMessage());
			}
		});
	}

	@Transactional
	public void prioritise(AgentPrincipal agent, long id, Priority priority) {
		change(agent, id, "priority", c -> c.prioritise(priority));
	}

	@Transactional
	public void label(AgentPrincipal agent, long id, String label) {
		String clean = label.strip();
		if (clean.isEmpty() || clean.length() > 100 || clean.contains(",")) {
			throw new InvalidRequestException("A label needs 1 to 100 characters and no comma");
		}
		Conversation c = access.conversation(agent, id);
		conversations.label(id, clean);
		conversations.record(id, "labelled", clean, agent.id());
		events.publishEvent(new ConversationChanged(id, c.inboxId(), "labels"));
	}

	@Transactional
	public void unlabel(AgentPrincipal agent, long id, String label) {
		Conversation c = access.conversation(agent, id);
		conversations.unlabel(id, label);
		conversations.record(id, "unlabelled", label, agent.id());
		events.publishEvent(new ConversationChanged(id, c.inboxId(), "labels"));
	}

	@Transactional
	public void note(AgentPrincipal agent, long id, String text) {
		Conversation c = access.conversation(agent, id);
		String clean = text.strip();
		if (clean.isEmpty() || clean.length() > 20_000) {
			throw new InvalidRequestException("A note needs between 1 and 20,000 characters");
		}
		jdbc.sql("insert into conversation_note (conversation_id, agent_id, text, created_at) values (?, ?, ?, ?)")
			.params(id, agent.id(), clean, Timestamp.from(clock.instant()))
			.update();
		events.publishEvent(new ConversationChanged(id, c.inboxId(), "note"));
	}

	private void change(AgentPrincipal agent, long id, String what, Consumer<Conversation> action) {
		Conversation c = access.conversation(agent, id);
		action.accept(c);
		conversations.save(c, agent.id());
		events.publishEvent(new ConversationChanged(id, c.inboxId(), what));
	}

}
