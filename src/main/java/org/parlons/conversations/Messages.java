package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Batches;
import org.parlons.platform.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * The messages, unique per inbox by the channel's external id.
 */
@Repository
public class Messages {

	private static final String COLUMNS = "id, conversation_id, inbox_id, external_id, direction, visibility, author_name, "
			+ "agent_id, text, status, in_reply_to, attachments, sent_at, full_text, automated";

	/** The ids an already stored message answers with. */
	public record Ids(long messageId, long conversationId) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	Messages(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	long insert(long conversationId, long inboxId, String externalId, String direction, Visibility visibility,
			@Nullable String authorName, @Nullable Long agentId, String text, String status, @Nullable String inReplyTo,
			List<Attachment> attachments, java.time.Instant sentAt) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into message (conversation_id, inbox_id, external_id, direction, visibility, author_name, agent_id, "
				+ "text, status, in_reply_to, attachments, sent_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(conversationId, inboxId, externalId, direction, visibility.name(), authorName, agentId, text, status,
					inReplyTo, Json.write(attachments), Timestamp.from(sentAt), Timestamp.from(clock.instant()))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A new message row, as {@link #insertAll} takes it. */
	record NewMessage(long conversationId, long inboxId, String externalId, String direction, Visibility visibility,
			@Nullable String authorName, String text, String status, @Nullable String inReplyTo,
			List<Attachment> attachments, Instant sentAt, @Nullable String fullText, boolean automated) {
	}

	/** Inserts the messages in one batch; the new ids come back in the same order. */
	List<Long> insertAll(List<NewMessage> rows) {
		Timestamp now = Timestamp.from(clock.instant());
		return Batches.insert(jdbcTemplate, "insert into message (conversation_id, inbox_id, external_id, direction, "
				+ "visibility, author_name, agent_id, text, status, in_reply_to, attachments, sent_at, created_at, "
				+ "full_text, automated) values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)", rows.size(), (ps, i) -> {
					NewMessage m = rows.get(i);
					ps.setLong(1, m.conversationId());
					ps.setLong(2, m.inboxId());
					ps.setString(3, m.externalId());
					ps.setString(4, m.direction());
					ps.setString(5, m.visibility().name());
					ps.setString(6, m.authorName());
					ps.setString(7, m.text());
					ps.setString(8, m.status());
					ps.setString(9, m.inReplyTo());
					ps.setString(10, Json.write(m.attachments()));
					ps.setTimestamp(11, Timestamp.from(m.sentAt()));
					ps.setTimestamp(12, now);
					ps.setString(13, m.fullText());
					ps.setBoolean(14, m.automated());
				});
	}

	/** The ids of the messages of an inbox already stored under these external ids. */
	Map<String, Ids> findIds(long inboxId, Collection<String> externalIds) {
		Map<String, Ids> found = new HashMap<>();
		if (!externalIds.isEmpty()) {
			jdbc.sql("select external_id, id, conversation_id from message where inbox_id = :inbox "
					+ "and external_id in (:ids)")
				.param("inbox", inboxId)
				.param("ids", externalIds)
				.query((rs, n) -> found.put(rs.getString(1), new Ids(rs.getLong(2), rs.getLong(3))))
				.list();
		}
		return found;
	}

	public Optional<Ids> findIds(long inboxId, String externalId) {
		return jdbc.sql("select id, conversation_id from message where inbox_id = ? and external_id = ?")
			.params(inboxId, externalId)
			.query((rs, n) -> new Ids(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

	public Optional<Message> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from message where id = ?").param(id).query(Messages::map).optional();
	}

	public List<Message> ofConversation(long conversationId) {
		return jdbc.sql("select " + COLUMNS + " from message where conversation_id = ? order by sent_at, id")
			.param(conversationId)
			.query(Messages::map)
			.list();
	}

	/** The latest inbound message, whose visibility a reply follows by default. */
	public Optional<Message> lastInbound(long conversationId) {
		return jdbc.sql("select " + COLUMNS + " from message where conversation_id = ? and direction = 'in' "
				+ "order by sent_at desc, id desc limit 1")
			.param(conversationId)
			.query(Messages::map)
			.optional();
	}

	/** A held reply, approved: its final text, queued for its channel. */
	void queueHeld(long messageId, String text) {
		jdbc.sql("update message set text = ?, status = ? where id = ? and status = ?")
			.params(text, MessageStatus.QUEUED, messageId, MessageStatus.PENDING_APPROVAL)
			.update();
	}

	public void markStatus(long messageId, String status, @Nullable String newExternalId) {
		if (newExternalId == null) {
			jdbc.sql("update message set status = ? where id = ?").params(status, messageId).update();
		}
		else {
			jdbc.sql("update message set status = ?, external_id = ? where id = ?")
				.params(status, newExternalId, messageId)
				.update();
		}
	}

	static Message map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
				Visibility.valueOf(rs.getString(6)), rs.getString(7), (Long) rs.getObject(8, Long.class),
				rs.getString(9), rs.getString(10), rs.getString(11),
				Json.read(rs.getString(12), new TypeReference<List<Attachment>>() {
				}), rs.getTimestamp(13).toInstant(), rs.getString(14), rs.getBoolean(15));
	}

}
