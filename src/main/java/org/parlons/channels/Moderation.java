package org.parlons.channels;

import java.util.Set;

import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Hides, deletes or likes a customer's public message on its network, where the network
 * allows it, and records who did it in the conversation's timeline.
 */
@Service
public class Moderation {

	public static final Set<String> ACTIONS = Set.of("hide", "unhide", "delete", "like");

	private final Messages messages;

	private final ConversationAccess access;

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	private final Conversations conversations;

	Moderation(Messages messages, ConversationAccess access, Inboxes inboxes, ChannelConnectors connectors,
			Conversations conversations) {
		this.messages = messages;
		this.access = access;
		this.inboxes = inboxes;
		this.connectors = connectors;
		this.conversations = conversations;
	}

	/**
	 * @return the message as it now stands
	 */
	public Message moderate(AgentPrincipal agent, long messageId, String action) {
		Message message = messages.findById(messageId)
			.orElseThrow(() -> new NotFoundException("No message " + messageId));
		access.conversation(agent, message.conversationId());
		if (!agent.role().mayAnswer()) {
			throw InvalidRequestException.forbiddenSaid("moderation.analyst",
					"Analysts read conversations; they do not moderate them");
		}
		if (!ACTIONS.contains(action)) {
			throw InvalidRequestException.said("moderation.refused.action", "action must be one of " + ACTIONS,
					String.valueOf(ACTIONS));
		}
		if (message.moderated("deleted")) {
			throw InvalidRequestException.said("moderation.deleted",
					"This message was already deleted from the network");
		}
		Inbox inbox = inboxes.findById(message.inboxId()).orElseThrow();
		ChannelConnector connector = connectors.of(inbox.channel())
			.orElseThrow(() -> InvalidRequestException.said("moderation.refused.noConnector",
					"This channel has no connector"));
		String refusal = connector.moderate(inbox, message, action);
		if (refusal != null) {
			throw new InvalidRequestException(refusal);
		}
		messages.moderated(messageId, action);
		conversations.update(message.conversationId(), agent.id(), c -> c.moderated(messageId, action, message.text()));
		return messages.findById(messageId).orElseThrow();
	}

}
