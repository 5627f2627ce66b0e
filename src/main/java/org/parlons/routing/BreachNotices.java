package org.parlons.routing;

import java.util.LinkedHashSet;
import java.util.Set;

import org.parlons.agents.Teams;
import org.parlons.conversations.AgentNotices;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.Conversations;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A missed service level is told at once to whoever holds the conversation; to the
 * members of its team when nobody does (or of the teams that own its inbox), so that
 * someone picks it up: on their screens, and by mail when a mail server is configured.
 */
@Component
class BreachNotices {

	private final Conversations conversations;

	private final Teams teams;

	private final AgentNotices notices;

	private final BreachMail mail;

	BreachNotices(Conversations conversations, Teams teams, AgentNotices notices, BreachMail mail) {
		this.conversations = conversations;
		this.teams = teams;
		this.notices = notices;
		this.mail = mail;
	}

	@ApplicationModuleListener
	void on(ConversationChanged.ServiceLevelBreached breach) {
		Conversation c = conversations.findById(breach.conversationId()).orElse(null);
		if (c == null) {
			return;
		}
		for (long agent : whoToTell(c)) {
			notices.tell(agent, "breached", c.id());
			mail.send(agent, c, breach);
		}
	}

	private Set<Long> whoToTell(Conversation c) {
		Set<Long> told = new LinkedHashSet<>();
		if (c.assigneeId() != null) {
			told.add(c.assigneeId());
			return told;
		}
		if (c.teamId() != null) {
			teams.findById(c.teamId()).ifPresent(t -> told.addAll(t.memberIds()));
			return told;
		}
		teams.owningTeams(c.inboxId()).forEach(id -> teams.findById(id).ifPresent(t -> told.addAll(t.memberIds())));
		return told;
	}

}
