package org.parlons.governance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.InboxScope;
import org.parlons.conversations.AgentNotices;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Messages;
import org.parlons.conversations.ReplyHeld;
import org.parlons.conversations.Replies;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies held for approval, and the decisions on them: who asked, why it was held, who
 * approved or rejected it, when, and the text that finally went out.
 */
@Service
public class Approvals {

	/** One held reply and what became of it. */
	public record Approval(long id, long messageId, long conversationId, long inboxId, long requestedBy, String reason,
			@Nullable BigDecimal amount, @Nullable String currency, String text, @Nullable String finalText,
			String status, @Nullable Long decidedBy, @Nullable Instant decidedAt, Instant createdAt) {
	}

	static final String PENDING = "pending";

	private static final String COLUMNS = "id, message_id, conversation_id, inbox_id, requested_by, reason, amount, "
			+ "currency, original_text, final_text, status, decided_by, decided_at, created_at";

	private final JdbcClient jdbc;

	private final Agents agents;

	private final ConversationAccess access;

	private final Replies replies;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final MandatePolicy mandates;

	private final Inboxes inboxes;

	private final Messages messages;

	private final AgentNotices notices;

	Approvals(JdbcClient jdbc, Agents agents, ConversationAccess access, Replies replies, Clock clock,
			org.springframework.context.ApplicationEventPublisher events, MandatePolicy mandates, Inboxes inboxes,
			Messages messages, AgentNotices notices) {
		this.notices = notices;
		this.mandates = mandates;
		this.inboxes = inboxes;
		this.messages = messages;
		this.events = events;
		this.jdbc = jdbc;
		this.agents = agents;
		this.access = access;
		this.replies = replies;
		this.clock = clock;
	}

	/** Records the approval a held reply needs, in the transaction that held it. */
	@EventListener
	void on(ReplyHeld held) {
		jdbc.sql("insert into approval (message_id, conversation_id, inbox_id, requested_by, reason, amount, currency, "
				+ "original_text, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(held.messageId(), held.conversationId(), held.inboxId(), held.agentId(), held.reason(),
					held.amount(), held.currency(), held.text(), PENDING, Timestamp.from(clock.instant()))
			.update();
	}

	/**
	 * The approvals of the inboxes the viewer may see, oldest first; {@code status} null
	 * for all.
	 */
	public List<Approval> list(@Nullable String status, InboxScope scope) {
		if (!scope.all() && scope.inboxIds().isEmpty()) {
			return List.of();
		}
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		StringBuilder where = new StringBuilder(" where 1 = 1");
		if (status != null) {
			where.append(" and status = :status");
			params.put("status", status);
		}
		if (!scope.all()) {
			where.append(" and inbox_id = any(:inboxes)");
			params.put("inboxes", scope.inboxIds().toArray(Long[]::new));
		}
		return jdbc.sql("select " + COLUMNS + " from approval" + where + " order by created_at, id")
			.params(params)
			.query(Approvals::map)
			.list();
	}

	/** The approvals asked in the period, decided or not. */
	public List<Approval> askedBetween(Instant from, Instant to) {
		return jdbc.sql("select " + COLUMNS + " from approval where created_at >= ? and created_at < ?")
			.params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query(Approvals::map)
			.list();
	}

	public Optional<Approval> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from approval where id = ?").param(id).query(Approvals::map).optional();
	}

	/**
	 * Sends the held reply, as it was or as the approver edited it. Only someone else,
	 * who may see the conversation and whose own mandate covers the reply (gesture,
	 * channel, language, topics), may approve.
	 */
	@Transactional
	public Approval approve(AgentPrincipal approver, long id, @Nullable String editedText) {
		Approval approval = decidable(approver, id);
		String text = editedText == null || editedText.isBlank() ? approval.text() : editedText.strip();
		Agent deciding = agents.findById(approver.id()).orElseThrow();
		// The amount the reply was held for commits the brand even when an edit drops it
		// from the text.
		Commitment held = approval.amount() == null ? null : new Commitment(approval.amount(), approval.currency());
		List<String> why = mandates.uncovered(deciding, text, held,
				inboxes.findById(approval.inboxId()).orElseThrow().channel(),
				messages.findById(approval.messageId()).orElseThrow().visibility());
		if (!why.isEmpty()) {
			throw InvalidRequestException
				.forbidden("Your mandate does not cover this reply: " + String.join("; ", why));
		}
		replies.release(approval.messageId(), text, approver.id(), held);
		decide(id, "approved", approver.id(), text);
		events.publishEvent(new ApprovalDecided(id, approval.conversationId(), approver.id(), "approved"));
		notices.tell(approval.requestedBy(), "approved", approval.conversationId());
		return findById(id).orElseThrow();
	}

	/** Turns the held reply down: it is never sent. */
	@Transactional
	public Approval reject(AgentPrincipal approver, long id, @Nullable String why) {
		Approval approval = decidable(approver, id);
		replies.discard(approval.messageId(), approver.id(), why);
		decide(id, "rejected", approver.id(), null);
		events.publishEvent(new ApprovalDecided(id, approval.conversationId(), approver.id(), "rejected"));
		notices.tell(approval.requestedBy(), "rejected", approval.conversationId());
		return findById(id).orElseThrow();
	}

	private Approval decidable(AgentPrincipal approver, long id) {
		Approval approval = findById(id).orElseThrow(() -> new NotFoundException("No approval " + id));
		access.conversation(approver, approval.conversationId());
		if (!PENDING.equals(approval.status())) {
			throw InvalidRequestException.conflict("This reply was already " + approval.status());
		}
		if (approval.requestedBy() == approver.id()) {
			throw InvalidRequestException.forbidden("A reply is approved by someone other than its author");
		}
		if (!approver.role().mayAnswer()) {
			throw InvalidRequestException.forbidden("Analysts do not approve replies");
		}
		return approval;
	}

	private void decide(long id, String status, long by, @Nullable String finalText) {
		int changed = jdbc
			.sql("update approval set status = ?, decided_by = ?, decided_at = ?, final_text = ? "
					+ "where id = ? and status = ?")
			.params(status, by, Timestamp.from(clock.instant()), finalText, id, PENDING)
			.update();
		if (changed != 1) {
			throw InvalidRequestException.conflict("Someone else decided on this reply first");
		}
	}

	private static Approval map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp decided = rs.getTimestamp(13);
		return new Approval(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
				rs.getBigDecimal(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
				(Long) rs.getObject(12, Long.class), decided == null ? null : decided.toInstant(),
				rs.getTimestamp(14).toInstant());
	}

	/** A held reply's texts go with its conversation's (an erasure). */
	@org.springframework.context.event.EventListener
	void on(org.parlons.conversations.ConversationsErased event) {
		jdbc.sql("update approval set original_text = '', final_text = null where conversation_id in (:ids)")
			.param("ids", java.util.List.copyOf(event.conversationIds()))
			.update();
	}

}
