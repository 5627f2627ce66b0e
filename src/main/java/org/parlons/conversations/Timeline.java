package org.parlons.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
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

	/** Something that happened: assignment, status, transfer, labels. */
	public record Event(String type, @Nullable String detail, @Nullable Long actorId, Instant at) {
	}

	private final JdbcClient jdbc;

	private final Messages messages;

	Timeline(JdbcClient jdbc, Messages messages) {
		this.jdbc = jdbc;
		this.messages = messages;
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
		return jdbc.sql("select id, agent_id, text, created_at from conversation_note where conversation_id = ? "
				+ "order by created_at")
			.param(conversationId)
			.query((rs, n) -> new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	public List<Event> events(long conversationId) {
		return jdbc.sql("select type, detail, actor_id, created_at from conversation_event where conversation_id = ? "
				+ "order by created_at, id")
			.param(conversationId)
			.query((rs, n) -> new Event(rs.getString(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

}
