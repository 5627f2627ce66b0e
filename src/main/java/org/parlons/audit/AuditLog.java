package org.parlons.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentChanged;
import org.parlons.agents.AgentRegistered;
import org.parlons.agents.PermissionsChanged;
import org.parlons.agents.TokenIssued;
import org.parlons.agents.TokenRevoked;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.InboxChanged;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Messages;
import org.parlons.conversations.ReplyHeld;
import org.parlons.conversations.ReplyQueued;
import org.parlons.customers.CustomerEdited;
import org.parlons.customers.CustomerErasing;
import org.parlons.customers.CustomerMergeUndone;
import org.parlons.customers.CustomerMerged;
import org.parlons.customers.CustomersExported;
import org.parlons.governance.ApprovalDecided;
import org.parlons.governance.PolicyChanged;
import org.parlons.routing.RoutingRuleChanged;
import org.parlons.platform.Page;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Appends a line for every action that matters to accountability, in the transaction of
 * the action (the line and the action commit together, or neither), and finds lines again
 * for administrators. There is no method to change or remove a line; on PostgreSQL a
 * trigger refuses it whoever asks, and on both databases the hash chain
 * ({@link AuditChain}) shows where a line was changed.
 */
@Service
public class AuditLog {

	/** One line. */
	public record Entry(long id, Instant at, @Nullable Long actorId, @Nullable String actorLabel, String type,
			@Nullable String subject, @Nullable String detail) {
	}

	/** What an administrator searches for; every field optional. */
	public record Query(@Nullable String type, @Nullable Long actorId, @Nullable String text, @Nullable Instant from,
			@Nullable Instant to) {
	}

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

	private final JdbcClient jdbc;

	private final AuditChain chain;

	private final Messages messages;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, AuditChain chain, Messages messages, Clock clock) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.messages = messages;
		this.clock = clock;
	}

	public void append(@Nullable Long actorId, @Nullable String actorLabel, String type, @Nullable String subject,
			@Nullable String detail) {
		chain.append(new AuditChain.Line(clock.instant(), actorId, cut(actorLabel, 320), type, cut(subject, 200),
				cut(detail, 2000)));
	}

	/**
	 * What checking the audit log's hash chain found.
	 *
	 * @param intact true when every line is as written
	 * @param lines lines checked
	 * @param lastSeq the last line's number
	 * @param headHash the last line's hash
	 * @param firstBrokenSeq the first line that does not match, if any
	 * @param problem what is wrong there
	 */
	public record Verification(boolean intact, long lines, long lastSeq, @Nullable String headHash,
			@Nullable Long firstBrokenSeq, @Nullable String problem) {
	}

	/** Walks the chain from its first line (see {@link AuditChain}). */
	public Verification verify() {
		return chain.verify();
	}

	/** Lines written before the chain existed join it, once, at the first start. */
	@EventListener(ApplicationReadyEvent.class)
	void sealUnchained() {
		int sealed = chain.sealUnchained();
		if (sealed > 0) {
			log.info("Sealed {} audit lines written before the hash chain into it", sealed);
		}
		AuditChain.Resealed resealed = chain.sealDetails();
		if (resealed != null) {
			log.info("Sealed the details of {} audit lines from line {} so they can be redacted (old head {})",
					resealed.lines(), resealed.fromSeq(), resealed.oldHead());
			append(null, "audit", "audit.details-sealed", null,
					"from line " + resealed.fromSeq() + ", previous head " + resealed.oldHead());
		}
	}

	/**
	 * An erased customer's lines keep their place in the chain and lose their detail
	 * (names, addresses): the chain still verifies.
	 */
	@EventListener
	void on(org.parlons.privacy.PrivacyEvent event) {
		append(event.actorId(), event.actorId() == null ? "customer" : null, "privacy." + event.type(),
				"customer:" + event.customerId(), event.detail());
	}

	@EventListener
	void on(org.parlons.advocacy.AdvocacyEvent event) {
		append(event.actorId(), event.actorId() == null ? "advocacy" : null, "advocacy." + event.type(),
				event.subject(), event.detail());
	}

	@EventListener
	void on(CustomerErasing event) {
		int redacted = chain.redact(event.profileIds().stream().map(id -> "customer:" + id).toList(), clock.instant());
		append(null, "privacy", "customer.erased", "customer:" + event.customerId(),
				event.profileIds().size() + " profiles, " + redacted + " lines redacted");
	}

	@EventListener
	void on(InteractiveAuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof AgentPrincipal agent) {
			append(agent.id(), agent.email(), "sign-in", "agent:" + agent.id(), "form");
		}
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		append(null, String.valueOf(event.getAuthentication().getName()), "sign-in.failed", null,
				event.getException().getClass().getSimpleName());
	}

	@EventListener
	void on(AgentRegistered event) {
		append(null, null, "agent.created", "agent:" + event.agentId(), event.email() + " as " + event.role());
	}

	@EventListener
	void on(ReplyQueued event) {
		Long agent = messages.findById(event.messageId()).map(m -> m.agentId()).orElse(null);
		append(agent, null, "message.queued", "conversation:" + event.conversationId(), "message " + event.messageId());
	}

	/** A reply is "sent" when its channel took it, not when it was queued. */
	@EventListener
	void on(ConversationChanged.MessageStatusChanged event) {
		if (event.status() == MessageStatus.SENT) {
			Long agent = messages.findById(event.messageId()).map(m -> m.agentId()).orElse(null);
			append(agent, null, "message.sent", "conversation:" + event.conversationId(),
					"message " + event.messageId());
		}
	}

	@EventListener
	void on(ConversationChanged.DeliveryFailed event) {
		append(null, "delivery", "message.failed", "conversation:" + event.conversationId(),
				"message " + event.messageId() + ": " + event.reason());
	}

	@EventListener
	void on(ReplyHeld event) {
		append(event.agentId(), null, "approval.requested", "conversation:" + event.conversationId(), event.reason());
	}

	@EventListener
	void on(ApprovalDecided event) {
		append(event.deciderId(), null, "approval." + event.decision(), "conversation:" + event.conversationId(),
				"approval " + event.approvalId());
	}

	@EventListener
	void on(ConversationChanged.Escalated event) {
		append(null, "rule", "conversation.escalated", "conversation:" + event.conversationId(), event.rule());
	}

	@EventListener
	void on(ConversationChanged.Prioritised event) {
		if (event.rule() != null) {
			append(null, "rule", "conversation.prioritised", "conversation:" + event.conversationId(), event.rule());
		}
	}

	@EventListener
	void on(CustomerMerged event) {
		append(event.actorId(), null, "customer.merged", "customer:" + event.survivorId(),
				"customer " + event.mergedId() + " merged in (merge " + event.mergeId() + ")");
	}

	@EventListener
	void on(CustomerMergeUndone event) {
		append(event.actorId(), null, "customer.merge-undone", "customer:" + event.survivorId(),
				"customer " + event.mergedId() + " split out again (merge " + event.mergeId() + ")");
	}

	@EventListener
	void on(AgentChanged event) {
		append(event.actorId(), null, "agent." + event.what(), "agent:" + event.agentId(), event.detail());
	}

	@EventListener
	void on(PermissionsChanged event) {
		append(event.actorId(), null, "permissions." + event.what(), "team:" + event.teamId(), event.detail());
	}

	@EventListener
	void on(PolicyChanged event) {
		append(event.actorId(), null, "policy." + event.what(), null, event.detail());
	}

	@EventListener
	void on(RoutingRuleChanged event) {
		append(event.actorId(), null, "policy." + event.what(), null, event.detail());
	}

	@EventListener
	void on(ConversationChanged.ServiceLevelBreached event) {
		append(null, "service levels", "sla.breached", "conversation:" + event.conversationId(),
				event.timer() + " due " + event.dueAt());
	}

	@EventListener
	void on(CustomerEdited event) {
		append(event.actorId(), null, "customer." + event.kind(), "customer:" + event.customerId(), event.detail());
	}

	@EventListener
	void on(InboxChanged event) {
		AgentPrincipal actor = currentAgent();
		append(actor == null ? null : actor.id(), actor == null ? null : actor.email(), "inbox." + event.what(),
				"inbox:" + event.inboxId(), event.settings().isEmpty() ? null : String.join(", ", event.settings()));
	}

	@EventListener
	void on(TokenIssued event) {
		append(event.agentId(), null, "token.created", "agent:" + event.agentId(),
				"token " + event.tokenId() + " \"" + event.name() + "\"");
	}

	@EventListener
	void on(TokenRevoked event) {
		AgentPrincipal actor = currentAgent();
		append(actor == null ? event.agentId() : actor.id(), null, "token.revoked", "agent:" + event.agentId(),
				"token " + event.tokenId());
	}

	/** Who is acting in this request, for events that do not say. */
	private static @Nullable AgentPrincipal currentAgent() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof AgentPrincipal agent ? agent : null;
	}

	@EventListener
	void on(CustomersExported event) {
		append(event.actorId(), null, "customers.exported", null, event.format());
	}

	public Page<Entry> search(Query q, int page, int size) {
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (q.type() != null && !q.type().isBlank()) {
			where.append(" and type = :type");
			params.put("type", q.type().strip());
		}
		if (q.actorId() != null) {
			where.append(" and actor_id = :actor");
			params.put("actor", q.actorId());
		}
		if (q.text() != null && !q.text().isBlank()) {
			where.append(" and (lower(coalesce(detail, '')) like :text or lower(coalesce(subject, '')) like :text "
					+ "or lower(coalesce(actor_label, '')) like :text)");
			params.put("text", "%" + q.text().strip().toLowerCase(Locale.ROOT) + "%");
		}
		if (q.from() != null) {
			where.append(" and at >= :from");
			params.put("from", Timestamp.from(q.from()));
		}
		if (q.to() != null) {
			where.append(" and at < :to");
			params.put("to", Timestamp.from(q.to()));
		}
		long total = jdbc.sql("select count(*) from audit_event" + where).params(params).query(Long.class).single();
		Map<String, Object> paged = new HashMap<>(params);
		paged.put("limit", size);
		paged.put("offset", (long) page * size);
		List<Entry> items = jdbc
			.sql("select id, at, actor_id, actor_label, type, subject, detail from audit_event" + where
					+ " order by at desc, id desc limit :limit offset :offset")
			.params(paged)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					(Long) rs.getObject(3, Long.class), rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getString(7)))
			.list();
		return new Page<>(items, total, page, size);
	}

	private static @Nullable String cut(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
