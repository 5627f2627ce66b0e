package org.parlons.conversations;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A conversation told in order: messages, private notes and what happened to it.
 */
@Component
public class Timeline {

	/** One entry: a message, a note or an event. Exactly one of the three is set. */
	public record Entry(Instant at, @Nullable Message message, @Nullable Note note, @Nullable Event event) {
	}

	/** A private note, seen by agents only. */
	public record Note(long id, long agentId, String text, Instant createdAt) {
	}

	/**
	 * Something that happened: assignment, status, transfer, labels.
	 *
	 * @param subjectId the agent or team the line names (the assignee, the team
	 * transferred to)
	 */
	public record Event(String type, @Nullable String detail, @Nullable Long actorId, @Nullable Long subjectId,
			Instant at) {
	}

	private final JdbcClient jdbc;

	private final Messages messages;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	Timeline(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Messages messages, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.messages = messages;
		this.clock = clock;
	}

	/** Writes the line of each change that has one, in one batch. */
	void write(List<ConversationChanged> changes, @Nullable Long actorId) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		for (ConversationChanged change : changes) {
			ConversationChanged.Line line = change.line();
			if (line != null) {
				rows.add(new Object[] { change.conversationId(), line.type(), line.detail(), actorId, line.subjectId(),
						now });
			}
		}
		if (!rows.isEmpty()) {
			jdbcTemplate.batchUpdate(
					"insert into conversation_event (conversation_id, type, detail, actor_id, subject_id, "
							+ "created_at) values (?, ?, ?, ?, ?, ?)",
					rows, new int[] { Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT,
							Types.TIMESTAMP });
		}
	}

	/**
	 * Whether the timeline holds a line of this type and detail, for what is told once.
	 */
	public boolean has(long conversationId, String type, String detail) {
		return jdbc.sql("select count(*) from conversation_event where conversation_id = ? and type = ? and detail = ?")
			.params(conversationId, type, detail)
			.query(Long.class)
			.single() > 0;
	}

	public List<Entry> of(long conversationId) {
		List<Entry> entries = new ArrayList<>();
		messages.ofConversation(conversationId).forEach(m -> entries.add(new Entry(m.sentAt(), m, null, null)));
		notes(conversationId).forEach(n -> entries.add(new Entry(n.createdAt(), null, n, null)));
		events(conversationId).forEach(e -> entries.add(new Entry(e.at(), null, null, e)));
		entries.sort(Comparator.comparing(Entry::at));
		return entries;
	}

	public List<Note> notes(long conversationId) {
		return jdbc
			.sql("select id, agent_id, text, created_at from conversation_note where conversation_id = ? "
					+ "order by created_at")
			.param(conversationId)
			.query((rs, n) -> new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	public List<Event> events(long conversationId) {
		return jdbc
			.sql("select type, detail, actor_id, subject_id, created_at from conversation_event "
					+ "where conversation_id = ? order by created_at, id")
			.param(conversationId)
			.query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
					rs.getObject(4, Long.class), rs.getTimestamp(5).toInstant()))
			.list();
	}

}
