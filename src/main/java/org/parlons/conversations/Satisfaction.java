package org.parlons.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.parlons.platform.Refusals;
import org.parlons.platform.SecretBox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer satisfaction (CSAT): each resolution of a conversation that the customer was
 * answered in asks them once, 1 to 5 with an optional comment. The question goes out on
 * the channel they used ({@link SatisfactionAsked}: a link by email, buttons in the web
 * chat) and waits in their customer space; its link is theirs alone, works once and
 * expires. A rating shows in the conversation's timeline.
 */
@Service
public class Satisfaction {

	/** How long a survey can be answered after the resolution. */
	static final Duration ANSWERABLE = Duration.ofDays(7);

	/** The longest comment, in characters. */
	public static final int MAX_COMMENT = 2000;

	/**
	 * One survey: a resolution, whom it asks, and the answer once given.
	 *
	 * @param channel the conversation's channel when it was resolved
	 * @param agentId who was assigned when it was resolved
	 * @param askedVia where it was asked besides the customer space ("email", "widget")
	 */
	public record Survey(long id, long conversationId, long customerId, long inboxId, String channel,
			@Nullable Long teamId, @Nullable Long agentId, Instant resolvedAt, Instant expiresAt,
			@Nullable Integer score, @Nullable String comment, @Nullable Instant ratedAt, @Nullable String askedVia) {

		public boolean answered() {
			return score != null;
		}

		public boolean answerable(Instant now) {
			return score == null && now.isBefore(expiresAt);
		}

	}

	private static final String COLUMNS = "id, conversation_id, customer_id, inbox_id, channel, team_id, agent_id, "
			+ "resolved_at, expires_at, score, comment, rated_at, asked_via";

	private final JdbcClient jdbc;

	private final Conversations conversations;

	private final Inboxes inboxes;

	private final Timeline timeline;

	private final SecretBox secrets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Satisfaction(JdbcClient jdbc, Conversations conversations, Inboxes inboxes, Timeline timeline, SecretBox secrets,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.timeline = timeline;
		this.secrets = secrets;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A resolution asks for a rating, in the resolution's own transaction, when the
	 * customer was answered (a conversation closed without a word to them is not
	 * surveyed, nor one that a machine wrote alone).
	 */
	@EventListener
	void on(ConversationChanged.Resolved resolved) {
		Conversation c = conversations.findById(resolved.conversationId()).orElse(null);
		if (c == null) {
			return;
		}
		boolean answered = jdbc
			.sql("select count(*) from message where conversation_id = ? and direction = 'out' and status in "
					+ MessageStatus.REACHED_CUSTOMER_SQL)
			.param(c.id())
			.query(Long.class)
			.single() > 0;
		if (!answered) {
			return;
		}
		String channel = inboxes.findById(c.inboxId()).map(Inbox::channel).orElse("api");
		Instant now = clock.instant();
		// an earlier survey of the same conversation left unanswered is replaced: one
		// question per resolution, the latest
		jdbc.sql(
				"update satisfaction set expires_at = ? where conversation_id = ? and score is null and expires_at > ?")
			.params(Timestamp.from(now), c.id(), Timestamp.from(now))
			.update();
		String placeholder = "pending-" + Crypto.randomToken(12);
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("insert into satisfaction (conversation_id, customer_id, inbox_id, channel, team_id, agent_id, "
				+ "resolved_at, token_hash, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(c.id(), c.customerId(), c.inboxId(), channel, c.teamId(), c.assigneeId(), Timestamp.from(now),
					placeholder, Timestamp.from(now.plus(ANSWERABLE)))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		String token = tokenOf(id);
		jdbc.sql("update satisfaction set token_hash = ? where id = ?").params(Crypto.sha256Hex(token), id).update();
		events.publishEvent(new SatisfactionAsked(id, c.id(), c.inboxId(), channel, c.customerId()));
	}

	/**
	 * The link's token of a survey: its number and a tag only this installation can make
	 * (so it is never stored, nor carried by events).
	 */
	public String tokenOf(long surveyId) {
		return surveyId + "-" + secrets.tag("satisfaction:" + surveyId, 40);
	}

	/**
	 * Where a survey is answered without signing in, from this server's root: the
	 * customer space's page, its score chosen beforehand when {@code score} is 1 to 5 (a
	 * link per score in a mail; the page still asks to confirm, since mail scanners open
	 * links).
	 */
	public String answerPath(long surveyId, int score) {
		String path = "/portal/rate/" + tokenOf(surveyId);
		return score >= 1 && score <= 5 ? path + "?score=" + score : path;
	}

	/**
	 * The surveys of the resolutions in a period, counted by where they were asked and
	 * whom they rate (the conversation's inbox, channel, team and assignee when it was
	 * resolved).
	 *
	 * @param asked the resolutions that asked, each rated or not
	 * @param rated those the customer answered
	 * @param satisfied those rated 4 or 5
	 * @param scores the sum of the scores given
	 */
	public record Tally(long inboxId, String channel, @Nullable Long teamId, @Nullable Long agentId, int asked,
			int rated, int satisfied, long scores) {
	}

	/** The surveys of the resolutions from {@code from} (included) to {@code to}. */
	public List<Tally> tallies(Instant from, Instant to) {
		return jdbc
			.sql("select inbox_id, channel, team_id, agent_id, count(*), count(score), "
					+ "sum(case when score >= 4 then 1 else 0 end), coalesce(sum(score), 0) from satisfaction "
					+ "where resolved_at >= ? and resolved_at < ? group by inbox_id, channel, team_id, agent_id")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new Tally(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
					rs.getObject(4, Long.class), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getLong(8)))
			.list();
	}

	/**
	 * Says on which channel the question went out besides the customer space ("email",
	 * "widget"), once: answers false when it was asked there already.
	 */
	public boolean asked(long surveyId, String via) {
		return jdbc.sql("update satisfaction set asked_via = ? where id = ? and asked_via is null")
			.params(via, surveyId)
			.update() == 1;
	}

	/** The survey a link's token names, if the token is one this installation made. */
	public Optional<Survey> byToken(@Nullable String token) {
		if (token == null || token.length() > 80) {
			return Optional.empty();
		}
		int dash = token.indexOf('-');
		if (dash <= 0) {
			return Optional.empty();
		}
		long id;
		try {
			id = Long.parseLong(token.substring(0, dash));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (!Crypto.sameText(tokenOf(id), token)) {
			return Optional.empty();
		}
		return find(id);
	}

	public Optional<Survey> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from satisfaction where id = ?")
			.param(id)
			.query(Satisfaction::map)
			.optional();
	}

	/** The surveys of a conversation, the latest first. */
	public List<Survey> ofConversation(long conversationId) {
		return jdbc.sql("select " + COLUMNS + " from satisfaction where conversation_id = ? order by id desc")
			.param(conversationId)
			.query(Satisfaction::map)
			.list();
	}

	/** The survey of the conversation's latest resolution, while it can be answered. */
	public Optional<Survey> pending(long conversationId) {
		Instant now = clock.instant();
		return ofConversation(conversationId).stream().filter(s -> s.answerable(now)).findFirst();
	}

	/**
	 * Answers a survey, once.
	 * @param via where the answer came from: "portal", "email", "widget"…
	 * @throws Refusals.Conflict when it was answered already or has expired
	 * @throws Refusals.Invalid for a score outside 1 to 5 or a comment too long
	 */
	@Transactional
	public Survey rate(long surveyId, int score, @Nullable String comment, String via) {
		if (score < 1 || score > 5) {
			throw Refusals.invalid("satisfaction.badScore", "A rating is a whole number from 1 to 5");
		}
		String said = comment == null || comment.isBlank() ? null : comment.strip();
		if (said != null && said.length() > MAX_COMMENT) {
			throw Refusals.invalid("satisfaction.longComment", "A comment is limited to " + MAX_COMMENT + " characters",
					MAX_COMMENT);
		}
		Instant now = clock.instant();
		int rated = jdbc
			.sql("update satisfaction set score = ?, comment = ?, rated_at = ?, rated_via = ? "
					+ "where id = ? and score is null and expires_at > ?")
			.params(score, said, Timestamp.from(now), via, surveyId, Timestamp.from(now))
			.update();
		Survey survey = find(surveyId).orElseThrow();
		if (rated == 0) {
			throw survey.answered() ? Refusals.conflict("satisfaction.answered", "This request was rated already")
					: Refusals.conflict("satisfaction.expired", "This survey has expired");
		}
		ConversationChanged.Rated change = new ConversationChanged.Rated(survey.conversationId(), survey.inboxId(),
				score, said);
		timeline.write(List.of(change), null);
		events.publishEvent(change);
		return survey;
	}

	private static Survey map(ResultSet rs, int n) throws SQLException {
		Timestamp rated = rs.getTimestamp(12);
		return new Survey(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
				rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getTimestamp(8).toInstant(),
				rs.getTimestamp(9).toInstant(), rs.getObject(10, Integer.class), rs.getString(11),
				rated == null ? null : rated.toInstant(), rs.getString(13));
	}

}
