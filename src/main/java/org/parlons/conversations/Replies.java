package org.parlons.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.platform.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents' answers: stored as queued outbound messages in the same transaction as the event that hands
 * them to the outbox, so a reply is never lost and never sent without being stored.
 */
@Service
public class Replies {

	public static final int MAX_TEXT = 20_000;

	private final ConversationAccess access;

	private final Conversations conversations;

	private final Messages messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Replies(ConversationAccess access, Conversations conversations, Messages messages, ApplicationEventPublisher events,
			Clock clock) {
		this.access = access;
		this.conversations = conversations;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Message reply(AgentPrincipal agent, long conversationId, String text, @Nullable Visibility visibility) {
		Conversation conversation = access.conversation(agent, conversationId);
		if (!agent.role().mayAnswer()) {
			throw InvalidRequestException.forbidden("Analysts read conversations; they do not answer customers");
		}
		String clean = text.strip();
		if (clean.isEmpty()) {
			throw new InvalidRequestException("A reply needs some text");
		}
		if (clean.length() > MAX_TEXT) {
			throw new InvalidRequestException("A reply is limited to " + MAX_TEXT + " characters");
		}
		Visibility where = visibility != null ? visibility
				: messages.lastInbound(conversationId).map(Message::visibility).orElse(Visibility.PRIVATE);
		Instant now = clock.instant();
		// Until the channel gives the message its own id, ours stands in: unique and recognisable.
		String externalId = "parlons-" + UUID.randomUUID();
		long id = messages.insert(conversationId, conversation.inboxId(), externalId, Message.OUT, where, agent.name(),
				agent.id(), clean, MessageStatus.QUEUED, null, List.of(), now);
		conversations.touchByReply(conversationId, now, clean);
		if (conversation.assigneeId() == null) {
			conversation.assignTo(agent.id());
			conversations.save(conversation, agent.id());
		}
		events.publishEvent(new ReplyQueued(id, conversationId, conversation.inboxId()));
		events.publishEvent(new ConversationChanged(conversationId, conversation.inboxId(), "reply"));
		return messages.findById(id).orElseThrow();
	}

}
