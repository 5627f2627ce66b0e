package org.parlons.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.agents.Availability;
import org.parlons.agents.Teams;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationsOpened;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inboxes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Gives each new conversation to the next agent of its team in turn, skipping agents away
 * or offline and those whose open work has reached their capacity. The cursor row is
 * locked so two nodes never pick the same turn. The conversations one ingestion call
 * opened are assigned in one transaction.
 */
@Component
class AutoAssignment {

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Teams teams;

	private final Agents agents;

	private final JdbcClient jdbc;

	private final ConversationFacts facts;

	private final Availability availability;

	AutoAssignment(Conversations conversations, Inboxes inboxes, Teams teams, Agents agents, JdbcClient jdbc,
			ConversationFacts facts, Availability availability) {
		this.availability = availability;
		this.facts = facts;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.teams = teams;
		this.agents = agents;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(ConversationsOpened opened) {
		if (!inboxes.findById(opened.inboxId()).map(i -> i.autoAssign()).orElse(false)) {
			return;
		}
		for (ConversationsOpened.Opened one : opened.conversations()) {
			if (!one.automated()) { // an auto-reply or a bounce needs nobody
				assign(one.conversationId());
			}
		}
	}

	private void assign(long conversationId) {
		Conversation conversation = conversations.findById(conversationId).orElse(null);
		if (conversation == null || conversation.assigneeId() != null || conversation.teamId() == null) {
			return;
		}
		long teamId = conversation.teamId();
		next(teamId).ifPresent(agentId -> {
			conversation.assignAutomatically(agentId);
			conversations.save(conversation, null);
		});
	}

	Optional<Long> next(long teamId) {
		jdbc.sql("insert into assignment_cursor (team_id) values (?) on conflict do nothing").param(teamId).update();
		long last = jdbc.sql("select coalesce(last_agent_id, 0) from assignment_cursor where team_id = ? for update")
			.param(teamId)
			.query(Long.class)
			.single();
		List<Agent> members = teams.findById(teamId)
			.map(t -> t.memberIds().stream().sorted().map(agents::findById).flatMap(Optional::stream).toList())
			.orElse(List.of())
			.stream()
			.filter(a -> a.active() && a.role().mayAnswer())
			.toList();
		Map<Long, Availability.Status> present = availability.of(members.stream().map(Agent::id).toList());
		members = members.stream().filter(a -> present.get(a.id()) == Availability.Status.ONLINE).toList();
		if (members.isEmpty()) {
			return Optional.empty();
		}
		Map<Long, Long> load = facts.openWork(members.stream().map(Agent::id).toList());
		int start = 0;
		for (int i = 0; i < members.size(); i++) {
			if (members.get(i).id() > last) {
				start = i;
				break;
			}
		}
		for (int k = 0; k < members.size(); k++) {
			Agent candidate = members.get((start + k) % members.size());
			if (load.getOrDefault(candidate.id(), 0L) < candidate.capacity()) {
				jdbc.sql("update assignment_cursor set last_agent_id = ? where team_id = ?")
					.params(candidate.id(), teamId)
					.update();
				return Optional.of(candidate.id());
			}
		}
		return Optional.empty();
	}

}
