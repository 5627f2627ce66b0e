package org.parlons.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.MessageReceived;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Priority;
import org.parlons.listening.Influence;
import org.parlons.listening.SentimentAnalyser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Applies the escalation rules to every inbound message, inside the transaction that stores it (so an
 * escalation is never lost and costs nothing when there are no rules): the first rule that fires moves
 * the conversation to its team and/or representative, raises it to high priority, and says why in the
 * timeline. A rule escalates a conversation once.
 */
@Service
public class Escalations {

	/** One escalation, as shown on the conversation. */
	public record Escalation(long id, long conversationId, long ruleId, String ruleName, long messageId, String reason,
			Instant at) {
	}

	private final EscalationRules rules;

	private final Conversations conversations;

	private final Messages messages;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SentimentAnalyser sentiment;

	private final Influence influence;

	/** Below this sentiment score a message is strongly negative: an angry customer, worth a senior. */
	public static final double STRONGLY_NEGATIVE = -0.6;

	Escalations(EscalationRules rules, Conversations conversations, Messages messages, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock, SentimentAnalyser sentiment, Influence influence) {
		this.influence = influence;
		this.sentiment = sentiment;
		this.rules = rules;
		this.conversations = conversations;
		this.messages = messages;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(MessageReceived received) {
		List<EscalationRules.Rule> applicable = rules.all().stream().filter(r -> r.appliesTo(received.inboxId())).toList();
		if (applicable.isEmpty()) {
			return;
		}
		String text = null;
		for (EscalationRules.Rule rule : applicable) {
			String reason;
			if (rule.kind() == EscalationRules.Kind.REPEAT) {
				reason = repeated(rule, received);
			}
			else if (rule.kind() == EscalationRules.Kind.INFLUENCE) {
				reason = influential(rule, received);
			}
			else {
				if (text == null) {
					text = messages.findById(received.messageId()).map(m -> m.text()).orElse("");
				}
				reason = rule.kind() == EscalationRules.Kind.TONE ? tone(text) : EscalationRules.matches(rule, text);
			}
			if (reason != null && escalate(rule, received, reason)) {
				return;
			}
		}
	}

	private @Nullable String tone(String text) {
		double score = sentiment.analyse(text, null).score();
		return score < STRONGLY_NEGATIVE ? String.format(Locale.ROOT, "strongly negative (sentiment %.2f)", score)
				: null;
	}

	private @Nullable String influential(EscalationRules.Rule rule, MessageReceived received) {
		if (rule.threshold() == null) {
			return null;
		}
		double score = influence.scoreOfCustomer(received.customerId());
		return score >= rule.threshold() ? String.format(Locale.ROOT, "influence %.0f (threshold %.0f, last %d days)", score,
				rule.threshold(), Influence.WINDOW.toDays()) : null;
	}

	private @Nullable String repeated(EscalationRules.Rule rule, MessageReceived received) {
		if (!received.newConversation() || rule.repeatCount() == null || rule.repeatDays() == null) {
			return null;
		}
		long opened = conversations.openedSince(received.customerId(),
				clock.instant().minus(Duration.ofDays(rule.repeatDays())));
		return opened >= rule.repeatCount()
				? opened + " conversations in " + rule.repeatDays() + " days" : null;
	}

	/** Moves the conversation to the rule's target; false when this rule already escalated it. */
	private boolean escalate(EscalationRules.Rule rule, MessageReceived received, String reason) {
		int recorded = jdbc.sql("insert into escalation (conversation_id, rule_id, message_id, reason, created_at) "
				+ "select ?, ?, ?, ?, ? where not exists (select 1 from escalation where conversation_id = ? and rule_id = ?)")
			.params(received.conversationId(), rule.id(), received.messageId(), reason, Timestamp.from(clock.instant()),
					received.conversationId(), rule.id())
			.update();
		if (recorded == 0) {
			return false;
		}
		Conversation conversation = conversations.findById(received.conversationId()).orElseThrow();
		if (rule.targetTeamId() != null && !rule.targetTeamId().equals(conversation.teamId())) {
			conversation.transferTo(rule.targetTeamId(), false);
		}
		if (rule.targetAgentId() != null && !rule.targetAgentId().equals(conversation.assigneeId())) {
			conversation.assignTo(rule.targetAgentId());
		}
		if (conversation.priority() == Priority.NORMAL || conversation.priority() == Priority.LOW) {
			conversation.prioritise(Priority.HIGH);
		}
		conversations.save(conversation, null);
		conversations.record(conversation.id(), "escalated", rule.name() + ": " + reason, null);
		events.publishEvent(new ConversationChanged(conversation.id(), conversation.inboxId(), "escalated"));
		return true;
	}

	public List<Escalation> of(long conversationId) {
		return jdbc.sql("select e.id, e.conversation_id, e.rule_id, r.name, e.message_id, e.reason, e.created_at "
				+ "from escalation e join escalation_rule r on r.id = e.rule_id where e.conversation_id = ? order by e.id")
			.param(conversationId)
			.query((rs, n) -> new Escalation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
					rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

}
