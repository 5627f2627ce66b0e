package org.parlons.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Message;
import org.parlons.conversations.MessageReceived;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Customers;
import org.parlons.listening.Influence;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Applies the escalation and priority rules to every inbound message, inside the
 * transaction that stores it (so an escalation is never lost and costs nothing when there
 * are no rules): the first routing rule that fires moves the conversation to its team
 * and/or representative; every rule that fires raises the priority to its own (high when
 * it names none); the timeline says why. A rule fires once per conversation.
 */
@Service
public class Escalations {

	/**
	 * A rule that fired on a conversation.
	 *
	 * @param id its number
	 * @param conversationId the conversation
	 * @param ruleId the rule
	 * @param ruleName the rule's name
	 * @param messageId the message that fired it
	 * @param reason why, as recorded (English)
	 * @param at when
	 */
	public record Escalation(long id, long conversationId, long ruleId, String ruleName, long messageId, String reason,
			Instant at) {
	}

	private final EscalationRules rules;

	private final Conversations conversations;

	private final Messages messages;

	private final JdbcClient jdbc;

	private final ConversationFacts facts;

	private final Clock clock;

	private final SentimentAnalyser sentiment;

	private final Influence influence;

	/**
	 * Below this sentiment score a message is strongly negative: an angry customer, worth
	 * a senior.
	 */
	public static final double STRONGLY_NEGATIVE = -0.6;

	private final Customers customers;

	Escalations(EscalationRules rules, Conversations conversations, Messages messages, JdbcClient jdbc,
			ConversationFacts facts, Clock clock, SentimentAnalyser sentiment, Influence influence,
			Customers customers) {
		this.customers = customers;
		this.influence = influence;
		this.sentiment = sentiment;
		this.rules = rules;
		this.conversations = conversations;
		this.messages = messages;
		this.jdbc = jdbc;
		this.facts = facts;
		this.clock = clock;
	}

	@EventListener
	void on(MessageReceived received) {
		if (received.automated()) {
			return; // an out-of-office is no complaint, no demand for a manager
		}
		List<EscalationRules.Rule> applicable = rules.all()
			.stream()
			.filter(r -> r.appliesTo(received.inboxId()))
			.toList();
		if (applicable.isEmpty()) {
			return;
		}
		Message message = null;
		boolean routed = false;
		for (EscalationRules.Rule rule : applicable) {
			if (routed && rule.routes()) {
				continue;
			}
			String reason;
			switch (rule.kind()) {
				case REPEAT -> reason = repeated(rule, received);
				case INFLUENCE -> reason = influential(rule, received);
				case CUSTOMER_VALUE -> reason = valuable(rule, received);
				default -> {
					if (message == null) {
						message = messages.findById(received.messageId()).orElse(null);
						if (message == null) {
							return;
						}
					}
					reason = switch (rule.kind()) {
						case TONE -> tone(message.text());
						case PUBLIC_COMPLAINT -> complaint(rule, message);
						default -> EscalationRules.matches(rule, message.text());
					};
				}
			}
			if (reason != null && apply(rule, received, reason) && rule.routes()) {
				routed = true;
			}
		}
	}

	private @Nullable String complaint(EscalationRules.Rule rule, Message message) {
		if (message.visibility() != Visibility.PUBLIC) {
			return null;
		}
		Sentiment read = sentiment.analyse(message.text(), null);
		boolean negative = rule.threshold() == null ? read.label() == Sentiment.Label.NEGATIVE
				: read.score() < rule.threshold();
		return negative ? String.format(Locale.ROOT, "a public complaint (sentiment %.2f)", read.score()) : null;
	}

	private @Nullable String valuable(EscalationRules.Rule rule, MessageReceived received) {
		if (rule.attribute() == null || rule.threshold() == null) {
			return null;
		}
		Object value = customers.findById(received.customerId())
			.map(c -> c.attributes().get(rule.attribute()))
			.orElse(null);
		Double number = value instanceof Number n ? Double.valueOf(n.doubleValue()) : parse(value);
		return number != null && number >= rule.threshold() ? String.format(Locale.ROOT, "%s %s (threshold %s)",
				rule.attribute(), plain(number), plain(rule.threshold())) : null;
	}

	private static @Nullable Double parse(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return Double.valueOf(value.toString().strip().replace(" ", "").replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String plain(double number) {
		return java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
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
		return score >= rule.threshold() ? String.format(Locale.ROOT, "influence %.0f (threshold %.0f, last %d days)",
				score, rule.threshold(), Influence.WINDOW.toDays()) : null;
	}

	private @Nullable String repeated(EscalationRules.Rule rule, MessageReceived received) {
		if (!received.newConversation() || rule.repeatCount() == null || rule.repeatDays() == null) {
			return null;
		}
		long opened = facts.openedSince(received.customerId(),
				clock.instant().minus(Duration.ofDays(rule.repeatDays())));
		return opened >= rule.repeatCount() ? opened + " conversations in " + rule.repeatDays() + " days" : null;
	}

	/**
	 * Moves the conversation to the rule's target, if it has one, and raises its
	 * priority; false when this rule already fired on the conversation. A rule only
	 * lowers nothing: a more urgent priority stays.
	 */
	private boolean apply(EscalationRules.Rule rule, MessageReceived received, String reason) {
		int recorded = jdbc
			.sql("insert into escalation (conversation_id, rule_id, message_id, reason, created_at) "
					+ "values (?, ?, ?, ?, ?) on conflict do nothing")
			.params(received.conversationId(), rule.id(), received.messageId(), reason, Timestamp.from(clock.instant()))
			.update();
		if (recorded == 0) {
			return false;
		}
		conversations.update(received.conversationId(), null, c -> {
			if (rule.routes()) {
				c.escalate(rule.name(), reason, rule.targetTeamId(), rule.targetAgentId(), rule.raisesTo());
			}
			else {
				c.prioritiseByRule(rule.name(), reason, rule.raisesTo());
			}
		});
		return true;
	}

	/** A routing rule's escalation: the conversation and when. */
	public record Routed(long conversationId, Instant at) {
	}

	/**
	 * The escalations of the period by rules that route (to a team or a representative),
	 * not priority rules.
	 */
	public List<Routed> routed(Instant from, Instant to) {
		return jdbc
			.sql("select e.conversation_id, e.created_at from escalation e join escalation_rule r on r.id = e.rule_id "
					+ "and (r.target_team_id is not null or r.target_agent_id is not null) "
					+ "where e.created_at >= ? and e.created_at < ?")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new Routed(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	public List<Escalation> of(long conversationId) {
		return jdbc.sql("select e.id, e.conversation_id, e.rule_id, r.name, e.message_id, e.reason, e.created_at "
				+ "from escalation e join escalation_rule r on r.id = e.rule_id where e.conversation_id = ? order by e.id")
			.param(conversationId)
			.query((rs, n) -> new Escalation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

}
