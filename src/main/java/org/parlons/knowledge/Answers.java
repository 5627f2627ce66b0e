package org.parlons.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.language.Terms;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answers the team writes for customers to find before they ask: a title (the
 * question, as a customer would put it) and a body, in French or English, a draft until
 * published. Customers search the published ones of their language; a search ranks them
 * by the query's stemmed words found in the title (twice the weight) and the body.
 */
@Service
public class Answers {

	public static final int MAX_TITLE = 200;

	public static final int MAX_BODY = 20_000;

	/** The languages answers are written in. */
	public static final Set<String> LANGUAGES = Set.of("fr", "en");

	/**
	 * An answer.
	 *
	 * @param id its number
	 * @param language "fr" or "en"
	 * @param title the question it answers
	 * @param body the answer, plain text (paragraphs split by blank lines)
	 * @param published whether customers can read it
	 * @param conversationId the resolved conversation it was written from, if any
	 * @param writtenBy the agent who wrote it
	 * @param updatedAt when it was last changed
	 * @param publishedAt when it was published, while it is
	 */
	public record Answer(long id, String language, String title, String body, boolean published,
			@Nullable Long conversationId, @Nullable Long writtenBy, Instant updatedAt, @Nullable Instant publishedAt) {
	}

	/**
	 * What an agent writes.
	 *
	 * @param language "fr" or "en"
	 * @param title the question it answers
	 * @param body the answer
	 */
	public record Draft(String language, String title, String body) {
	}

	private static final String COLUMNS = "id, language, title, body, status, conversation_id, written_by, "
			+ "updated_at, published_at";

	private final JdbcClient jdbc;

	private final ConversationAccess access;

	private final Messages messages;

	private final Clock clock;

	Answers(JdbcClient jdbc, ConversationAccess access, Messages messages, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.messages = messages;
		this.clock = clock;
	}

	/** Writes a draft. */
	@Transactional
	public Answer write(AgentPrincipal agent, Draft draft) {
		return write(agent, draft, null);
	}

	private Answer write(AgentPrincipal agent, Draft draft, @Nullable Long conversationId) {
		Draft checked = checked(draft);
		Instant now = clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into answer (language, title, body, status, conversation_id, written_by, created_at, "
				+ "updated_at) values (?, ?, ?, 'draft', ?, ?, ?, ?)")
			.params(checked.language(), checked.title(), checked.body(), conversationId, agent.id(),
					Timestamp.from(now), Timestamp.from(now))
			.update(keys, "id");
		return find(keys.getKey().longValue()).orElseThrow();
	}

	/**
	 * A draft from a resolved conversation the agent may see: its subject (else the
	 * customer's first words) as the question, the last reply that reached the customer
	 * as the answer, both for the agent to rewrite before publishing (a customer's name
	 * or case has no place in a public answer).
	 * @throws Refusals.Conflict when the conversation is not resolved or was never
	 * answered
	 */
	@Transactional
	public Answer draftFrom(AgentPrincipal agent, long conversationId, String language) {
		Conversation c = access.conversation(agent, conversationId);
		if (c.status() != ConversationStatus.RESOLVED) {
			throw Refusals.conflict("answers.notResolved",
					"Only a resolved conversation can become an answer: resolve it first");
		}
		List<Message> thread = messages.ofConversation(c.id());
		Message reply = thread.stream()
			.filter(m -> !m.inbound() && m.status().reachedCustomer())
			.max(Comparator.comparing(Message::sentAt))
			.orElseThrow(() -> Refusals.conflict("answers.unanswered",
					"This conversation has no reply that reached the customer to start from"));
		String question = c.subject() != null && !c.subject().isBlank() ? c.subject()
				: thread.stream().filter(Message::inbound).findFirst().map(Message::text).orElse(reply.text());
		return write(agent, new Draft(language, shortened(question, MAX_TITLE), shortened(reply.text(), MAX_BODY)),
				c.id());
	}

	@Transactional
	public Answer update(long id, Draft draft) {
		Draft checked = checked(draft);
		int updated = jdbc.sql("update answer set language = ?, title = ?, body = ?, updated_at = ? where id = ?")
			.params(checked.language(), checked.title(), checked.body(), Timestamp.from(clock.instant()), id)
			.update();
		if (updated == 0) {
			throw notFound(id);
		}
		return find(id).orElseThrow();
	}

	/** Publishes an answer, or takes it back to a draft. */
	@Transactional
	public Answer publish(long id, boolean published) {
		Instant now = clock.instant();
		int updated = jdbc.sql("update answer set status = ?, published_at = ?, updated_at = ? where id = ?")
			.params(published ? "published" : "draft", published ? Timestamp.from(now) : null, Timestamp.from(now), id)
			.update();
		if (updated == 0) {
			throw notFound(id);
		}
		return find(id).orElseThrow();
	}

	@Transactional
	public void delete(long id) {
		if (jdbc.sql("delete from answer where id = ?").param(id).update() == 0) {
			throw notFound(id);
		}
	}

	public Optional<Answer> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from answer where id = ?").param(id).query(Answers::map).optional();
	}

	/** A published answer, as customers read it. */
	public Optional<Answer> published(long id) {
		return find(id).filter(Answer::published);
	}

	/** Every answer, drafts included, the latest changed first. */
	public List<Answer> all() {
		return jdbc.sql("select " + COLUMNS + " from answer order by updated_at desc, id desc")
			.query(Answers::map)
			.list();
	}

	/**
	 * The published answers of a language that match a query, best first; all of them,
	 * latest first, when the query is empty.
	 */
	public List<Answer> search(@Nullable String query, String language, int limit) {
		String lang = LANGUAGES.contains(language) ? language : "fr";
		List<Answer> published = jdbc
			.sql("select " + COLUMNS + " from answer where status = 'published' and language = ? "
					+ "order by published_at desc, id desc")
			.param(lang)
			.query(Answers::map)
			.list();
		if (query == null || query.isBlank()) {
			return published.stream().limit(limit).toList();
		}
		Set<String> wanted = Terms.stems(query, lang);
		List<Scored> scored = new ArrayList<>();
		for (Answer a : published) {
			Set<String> title = Terms.stems(a.title(), lang);
			Set<String> body = Terms.stems(a.body(), lang);
			int score = 0;
			for (String w : wanted) {
				score += (title.contains(w) ? 2 : 0) + (body.contains(w) ? 1 : 0);
			}
			if (score > 0) {
				scored.add(new Scored(a, score));
			}
		}
		scored.sort(Comparator.comparingInt(Scored::score).reversed());
		return scored.stream().limit(limit).map(Scored::answer).toList();
	}

	private record Scored(Answer answer, int score) {
	}

	private static Draft checked(Draft draft) {
		String language = draft.language() == null ? "" : draft.language().strip().toLowerCase(Locale.ROOT);
		if (!LANGUAGES.contains(language)) {
			throw Refusals.invalid("answers.language.refused", "An answer is written in French (fr) or English (en)");
		}
		String title = draft.title() == null ? "" : draft.title().strip();
		String body = draft.body() == null ? "" : draft.body().strip();
		if (title.isEmpty() || body.isEmpty()) {
			throw Refusals.invalid("answers.empty", "An answer needs a question and an answer");
		}
		if (title.length() > MAX_TITLE || body.length() > MAX_BODY) {
			throw Refusals.invalid("answers.long",
					"A question is limited to " + MAX_TITLE + " characters, an answer to " + MAX_BODY, MAX_TITLE,
					MAX_BODY);
		}
		return new Draft(language, title, body);
	}

	private static String shortened(String text, int max) {
		String clean = text.strip();
		return clean.length() <= max ? clean : clean.substring(0, max - 1).strip() + "…";
	}

	private static NotFoundException notFound(long id) {
		return NotFoundException.said("answers.notFound", "No answer " + id, String.valueOf(id));
	}

	private static Answer map(ResultSet rs, int n) throws SQLException {
		Timestamp published = rs.getTimestamp(9);
		return new Answer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				"published".equals(rs.getString(5)), rs.getObject(6, Long.class), rs.getObject(7, Long.class),
				rs.getTimestamp(8).toInstant(), published == null ? null : published.toInstant());
	}

}
