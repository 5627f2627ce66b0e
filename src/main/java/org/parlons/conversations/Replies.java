package org.parlons.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents' answers: stored as queued outbound messages in the same transaction as the
 * event that hands them to the outbox, so a reply is never lost and never sent without
 * being stored.
 */
@Service
public class Replies {

	public static final int MAX_TEXT = 20_000;

	private final ConversationAccess access;

	private final Conversations conversations;

	private final Messages messages;

	private final Clock clock;

	private final List<ReplyPolicy> policies;

	private final Inboxes inboxes;

	private final List<Personas> personas;

	Replies(ConversationAccess access, Conversations conversations, Messages messages, Clock clock,
			List<ReplyPolicy> policies, Inboxes inboxes, List<Personas> personas) {
		this.inboxes = inboxes;
		this.personas = personas;
		this.policies = policies;
		this.access = access;
		this.conversations = conversations;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Moves a public exchange to private: the private answer, and a short public one
	 * saying so ("we have sent you a private message"), both or neither.
	 */
	@Transactional
	public Message replyPrivately(AgentPrincipal agent, long conversationId, String text, String acknowledgement,
			@Nullable String persona, boolean acceptWarnings) {
		return replyPrivately(agent, conversationId, text, acknowledgement, persona, acceptWarnings, List.of());
	}

	/** As above, the private answer sending these files. */
	@Transactional
	public Message replyPrivately(AgentPrincipal agent, long conversationId, String text, String acknowledgement,
			@Nullable String persona, boolean acceptWarnings, List<Attachment> files) {
		Message sent = reply(agent, conversationId, text, Visibility.PRIVATE, persona, acceptWarnings, null, files);
		reply(agent, conversationId, acknowledgement, Visibility.PUBLIC, null, acceptWarnings);
		return sent;
	}

	@Transactional
	public Message reply(AgentPrincipal agent, long conversationId, String text, @Nullable Visibility visibility) {
		return reply(agent, conversationId, text, visibility, null, false);
	}

	/**
	 * @param persona "brand", "agent" or "representative"; null for the inbox's default
	 * in this visibility
	 * @param acceptWarnings the agent saw the code of conduct's warnings about this text
	 * and sends it anyway
	 */
	@Transactional
	public Message reply(AgentPrincipal agent, long conversationId, String text, @Nullable Visibility visibility,
			@Nullable String persona, boolean acceptWarnings) {
		return reply(agent, conversationId, text, visibility, persona, acceptWarnings, null);
	}

	/**
	 * @param commitment a goodwill gesture given as an action with the reply (checked
	 * against the mandate, recorded in the timeline when the reply goes out), or null
	 */
	@Transactional
	public Message reply(AgentPrincipal agent, long conversationId, String text, @Nullable Visibility visibility,
			@Nullable String persona, boolean acceptWarnings, @Nullable Commitment commitment) {
		return reply(agent, conversationId, text, visibility, persona, acceptWarnings, commitment, List.of());
	}

	/**
	 * @param files the files the reply sends, already stored; refused by the network's
	 * rules on a channel that cannot send them
	 */
	@Transactional
	public Message reply(AgentPrincipal agent, long conversationId, String text, @Nullable Visibility visibility,
			@Nullable String persona, boolean acceptWarnings, @Nullable Commitment commitment, List<Attachment> files) {
		Conversation conversation = access.conversation(agent, conversationId);
		if (!agent.role().mayAnswer()) {
			throw InvalidRequestException.forbiddenSaid("reply.analyst",
					"Analysts read conversations; they do not answer customers");
		}
		if (inboxes.findLive(conversation.inboxId()).isEmpty()) {
			throw InvalidRequestException.conflictSaid("reply.inboxDeleted",
					"This conversation's inbox was deleted: nothing can be sent from it");
		}
		String clean = text.strip();
		if (clean.isEmpty()) {
			throw InvalidRequestException.said("reply.empty", "A reply needs some text");
		}
		if (clean.length() > MAX_TEXT) {
			throw InvalidRequestException.said("reply.tooLong", "A reply is limited to " + MAX_TEXT + " characters",
					MAX_TEXT);
		}
		Visibility where = visibility != null ? visibility
				: messages.lastInbound(conversationId).map(Message::visibility).orElse(Visibility.PRIVATE);
		List<String> warnings = new ArrayList<>();
		ReplyPolicy.Verdict verdict = review(
				new ReplyPolicy.Draft(agent, conversation, clean, where, commitment, List.copyOf(files)), warnings);
		if (verdict instanceof ReplyPolicy.Verdict.Block block) {
			throw InvalidRequestException.said("reply.blocked", "This reply cannot be sent: " + block.reason(),
					block.reason());
		}
		if (!warnings.isEmpty() && !acceptWarnings) {
			throw InvalidRequestException.warnings(warnings);
		}
		if (!warnings.isEmpty()) {
			conversation
				.changed(new ConversationChanged.SentDespiteWarnings(conversationId, conversation.inboxId(), warnings));
		}
		Instant now = clock.instant();
		// Until the channel gives the message its own id, ours stands in: unique and
		// recognisable.
		String externalId = "parlons-" + UUID.randomUUID();
		boolean held = verdict instanceof ReplyPolicy.Verdict.Hold;
		Personas.Persona speaker = persona(agent, conversation, where, persona);
		long id = messages.insert(new Messages.NewReply(conversationId, conversation.inboxId(), externalId, where,
				speaker.displayName(), agent.id(), clean, held ? MessageStatus.PENDING_APPROVAL : MessageStatus.QUEUED,
				now, speaker.kind(), List.copyOf(files)));
		if (verdict instanceof ReplyPolicy.Verdict.Hold hold) {
			conversation.changed(new ReplyHeld(id, conversationId, conversation.inboxId(), agent.id(), hold.reason(),
					hold.amount(), hold.currency(), clean));
			conversations.save(conversation, agent.id());
			return messages.findById(id).orElseThrow();
		}
		conversations.touchByReply(conversationId, now, clean);
		if (commitment != null) {
			conversation
				.changed(new ConversationChanged.GestureCommitted(conversationId, conversation.inboxId(), commitment));
		}
		if (conversation.assigneeId() == null) {
			conversation.assignTo(agent.id());
		}
		conversation.changed(new ReplyQueued(id, conversationId, conversation.inboxId()));
		conversations.save(conversation, agent.id());
		return messages.findById(id).orElseThrow();
	}

	/** Under which name the reply speaks; the agent's own name when no module decides. */
	private Personas.Persona persona(AgentPrincipal agent, Conversation conversation, Visibility where,
			@Nullable String requested) {
		if (personas.isEmpty()) {
			return new Personas.Persona("agent", agent.name());
		}
		Inbox inbox = inboxes.findById(conversation.inboxId()).orElseThrow();
		try {
			return personas.get(0).choose(agent, inbox, where, requested);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/**
	 * The strictest verdict of all policies: block, then hold, then allow; warnings are
	 * collected apart.
	 */
	private ReplyPolicy.Verdict review(ReplyPolicy.Draft draft, List<String> warnings) {
		ReplyPolicy.Verdict strictest = ReplyPolicy.Verdict.ALLOW;
		for (ReplyPolicy policy : policies) {
			ReplyPolicy.Verdict verdict = policy.review(draft);
			if (verdict instanceof ReplyPolicy.Verdict.Block) {
				return verdict;
			}
			if (verdict instanceof ReplyPolicy.Verdict.Warn warn) {
				warnings.addAll(warn.reasons());
			}
			if (verdict instanceof ReplyPolicy.Verdict.Hold && strictest instanceof ReplyPolicy.Verdict.Allow) {
				strictest = verdict;
			}
		}
		return strictest;
	}

	/**
	 * Sends a held reply, as approved (possibly edited by the approver): it is queued for
	 * its channel like any reply, and the timeline says who approved it.
	 */
	@Transactional
	public Message release(long messageId, @Nullable String editedText, long approverId,
			@Nullable Commitment commitment) {
		Message held = pending(messageId);
		String text = editedText == null || editedText.isBlank() ? held.text() : editedText.strip();
		messages.queueHeld(messageId, text);
		conversations.touchByReply(held.conversationId(), clock.instant(), text);
		conversations.update(held.conversationId(), approverId, c -> {
			c.changed(new ConversationChanged.ReplyApproved(c.id(), c.inboxId(), messageId, !text.equals(held.text())));
			if (commitment != null) {
				c.changed(new ConversationChanged.GestureCommitted(c.id(), c.inboxId(), commitment));
			}
			c.changed(new ReplyQueued(messageId, c.id(), c.inboxId()));
		});
		return messages.findById(messageId).orElseThrow();
	}

	/** Turns a held reply down: it is never sent, and the timeline says who decided. */
	@Transactional
	public void discard(long messageId, long approverId, @Nullable String why) {
		Message held = pending(messageId);
		messages.markStatus(messageId, MessageStatus.REJECTED, null);
		conversations.update(held.conversationId(), approverId,
				c -> c.changed(new ConversationChanged.ReplyRejected(c.id(), c.inboxId(), messageId, why)));
	}

	private Message pending(long messageId) {
		Message held = messages.findById(messageId).orElseThrow(() -> new NotFoundException("No message " + messageId));
		if (held.status() != MessageStatus.PENDING_APPROVAL) {
			throw InvalidRequestException
				.conflict("This reply is not waiting for approval (it is " + held.status().api() + ")");
		}
		return held;
	}

}
