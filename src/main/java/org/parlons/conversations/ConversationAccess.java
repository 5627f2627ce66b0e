package org.parlons.conversations;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Opens a conversation or an inbox for an agent only when one of the agent's teams owns
 * its inbox. Others' conversations answer "not found", so their existence does not leak.
 */
@Service
public class ConversationAccess {

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final InboxAccess access;

	ConversationAccess(Conversations conversations, Inboxes inboxes, InboxAccess access) {
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.access = access;
	}

	public Conversation conversation(AgentPrincipal agent, long conversationId) {
		return conversations.findById(conversationId)
			.filter(c -> access.scopeOf(agent).includes(c.inboxId()))
			.orElseThrow(() -> NotFoundException.said("access.noConversation",
					"No conversation " + conversationId + " in the inboxes you can see",
					String.valueOf(conversationId)));
	}

	public Inbox inbox(AgentPrincipal agent, long inboxId) {
		return inboxes.findLive(inboxId)
			.filter(i -> access.scopeOf(agent).includes(i.id()))
			.orElseThrow(() -> NotFoundException.said("access.noInbox",
					"No inbox " + inboxId + " among the inboxes you can see", String.valueOf(inboxId)));
	}

	public InboxScope scope(AgentPrincipal agent) {
		return access.scopeOf(agent);
	}

}
