package org.parlons.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;
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
			+ "agent_id, text, status, in_reply_to, attachments, sent_at, full_text, automated, placement, thread_ref, moderation, persona, "
			+ "answer_to, copies";

	/** The ids an already stored message answers with. */
	public record Ids(long messageId, long conversationId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Messages(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * An agent's reply as {@link #insert} stores it: outbound, with the files it sends
	 * (already stored), speaking as a persona.
	 */
	record NewReply(long conversationId, long inboxId, String externalId, Visibility visibility,
			@Nullable String authorName, long agentId, String text, MessageStatus status, Instant sentAt,
			@Nullable String persona, List<Attachment> attachments) {
	}

	/**
	 * Replaces a message's attachments: a file a network kept, fetched since into the
	 * blob store.
	 */
	public void keepAttachments(long messageId, List<Attachment> attachments) {
		jdbc.sql("update message set attachments = ? where id = ?")
			.params(attachments.isEmpty() ? "[]" : Json.write(attachments), messageId)
			.update();
	}

	long insert(NewReply reply) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(
				"insert into message (conversation_id, inbox_id, external_id, direction, visibility, author_name, agent_id, "
						+ "text, status, attachments, sent_at, created_at, persona) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(reply.conversationId(), reply.inboxId(), reply.externalId(), Message.OUT, reply.visibility().name(),
					reply.authorName(), reply.agentId(), reply.text(), reply.status().api(),
					reply.attachments().isEmpty() ? "[]" : Json.write(reply.attachments()),
					Timestamp.from(reply.sentAt()), Timestamp.from(clock.instant()), reply.persona())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A new message row, as {@link #insertAll} takes it. */
	record NewMessage(long conversationId, long inboxId, String externalId, String direction, Visibility visibility,
			@Nullable String authorName, String text, MessageStatus status, @Nullable String inReplyTo,
			List<Attachment> attachments, Instant sentAt, @Nullable String fullText, boolean automated,
			@Nullable Placement placement, @Nullable String threadRef, @Nullable String answerTo, List<String> copies) {
	}

	/**
	 * Inserts the messages in one statement, the rows bound as arrays (a JDBC batch
	 * executes one insert per row, 40 % slower on PostgreSQL for 500); the new ids come
	 * back in the order of the rows, matched by inbox and external id, which the unique
	 * key makes one row each.
	 */
	/**
	 * Remembers the ids each stored message answers (In-Reply-To, References), so mails
	 * of one thread meet even when the mail they answer never reached this inbox.
	 */
	/**
	 * Every message of one conversation moves to another (their thread keys with them).
	 */
	void move(long fromConversation, long intoConversation) {
		jdbc.sql("update message set conversation_id = ? where conversation_id = ?")
			.params(intoConversation, fromConversation)
			.update();
	}

	void saveThreadKeys(long inboxId, Map<Long, List<String>> keysOfMessage) {
		List<Long> messages = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		keysOfMessage.forEach((message, chain) -> {
			List<String> distinct = chain.stream().distinct().filter(k -> k.length() <= 500).toList();
			for (int p = 0; p < distinct.size(); p++) {
				messages.add(message);
				keys.add(distinct.get(p));
				positions.add(p);
			}
		});
		if (!messages.isEmpty()) {
			jdbc.sql("insert into message_thread_key (message_id, inbox_id, thread_key, position) select message_id, "
					+ "cast(:inbox as bigint), thread_key, position from unnest(:messages, :keys, :positions) "
					+ "u(message_id, thread_key, position) on conflict do nothing")
				.param("inbox", inboxId)
				.param("messages", messages.toArray(Long[]::new))
				.param("keys", keys.toArray(String[]::new))
				.param("positions", positions.toArray(Integer[]::new))
				.update();
		}
	}

	/**
	 * The ids a message answered, oldest first, as it named them (References order,
	 * In-Reply-To last).
	 */
	List<String> threadKeysOf(long messageId) {
		return jdbc.sql("select thread_key from message_thread_key where message_id = ? order by position")
			.param(messageId)
			.query(String.class)
			.list();
	}

	/**
	 * For each key, the conversation of the latest message of the inbox that names it
	 * among the ids it answers.
	 */
	Map<String, Long> conversationsByThreadKey(long inboxId, Collection<String> keys) {
		Map<String, Long> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		jdbc.sql(
				"select k.thread_key, m.conversation_id from message_thread_key k join message m on m.id = k.message_id "
						+ "where k.inbox_id = :inbox and k.thread_key = any(:keys) order by k.message_id desc")
			.param("inbox", inboxId)
			.param("keys", keys.toArray(String[]::new))
			.query((rs, n) -> found.putIfAbsent(rs.getString(1), rs.getLong(2)))
			.list();
		return found;
	}

	List<Long> insertAll(List<NewMessage> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(
				"insert into message (conversation_id, inbox_id, external_id, direction, visibility, author_name, text, "
						+ "status, in_reply_to, attachments, sent_at, created_at, full_text, automated, placement, thread_ref, "
						+ "answer_to, copies) "
						+ "select conversation_id, inbox_id, external_id, direction, visibility, author_name, text, status, "
						+ "in_reply_to, attachments, sent_at, cast(:now as timestamp with time zone), full_text, automated, "
						+ "placement, thread_ref, answer_to, copies from unnest(:conversations, :inboxes, :externals, "
						+ ":directions, :visibilities, :authors, :texts, :statuses, :replies, :attachments, :sent, :fullTexts, "
						+ ":automated, :placements, :threads, :answerTo, :copies) u(conversation_id, inbox_id, external_id, "
						+ "direction, visibility, author_name, text, status, in_reply_to, attachments, sent_at, full_text, "
						+ "automated, placement, thread_ref, answer_to, copies)")
			.param("now", Timestamp.from(clock.instant()))
			.param("conversations", rows.stream().map(NewMessage::conversationId).toArray(Long[]::new))
			.param("inboxes", rows.stream().map(NewMessage::inboxId).toArray(Long[]::new))
			.param("externals", rows.stream().map(NewMessage::externalId).toArray(String[]::new))
			.param("directions", rows.stream().map(NewMessage::direction).toArray(String[]::new))
			.param("visibilities", rows.stream().map(m -> m.visibility().name()).toArray(String[]::new))
			.param("authors", rows.stream().map(NewMessage::authorName).toArray(String[]::new))
			.param("texts", rows.stream().map(NewMessage::text).toArray(String[]::new))
			.param("statuses", rows.stream().map(r -> r.status().api()).toArray(String[]::new))
			.param("replies", rows.stream().map(NewMessage::inReplyTo).toArray(String[]::new))
			.param("attachments",
					rows.stream()
						.map(m -> m.attachments().isEmpty() ? "[]" : Json.write(m.attachments()))
						.toArray(String[]::new))
			.param("sent", rows.stream().map(m -> Timestamp.from(m.sentAt())).toArray(Timestamp[]::new))
			.param("fullTexts", rows.stream().map(NewMessage::fullText).toArray(String[]::new))
			.param("automated", rows.stream().map(NewMessage::automated).toArray(Boolean[]::new))
			.param("placements",
					rows.stream().map(m -> m.placement() == null ? null : m.placement().name()).toArray(String[]::new))
			.param("threads", rows.stream().map(NewMessage::threadRef).toArray(String[]::new))
			.param("answerTo", rows.stream().map(NewMessage::answerTo).toArray(String[]::new))
			.param("copies",
					rows.stream()
						.map(m -> m.copies().isEmpty() ? null : String.join(" ", m.copies()))
						.toArray(String[]::new))
			.update(keys, "id", "inbox_id", "external_id");
		Map<String, Long> idOf = new HashMap<>();
		for (Map<String, Object> key : keys.getKeyList()) {
			idOf.put(key.get("inbox_id") + " " + key.get("external_id"), ((Number) key.get("id")).longValue());
		}
		List<Long> ids = new ArrayList<>(rows.size());
		for (NewMessage m : rows) {
			Long id = idOf.get(m.inboxId() + " " + m.externalId());
			if (id == null) {
				throw new IllegalStateException("The database gave no id for message " + m.externalId());
			}
			ids.add(id);
		}
		return ids;
	}

	/**
	 * The ids of the messages of an inbox already stored under these external ids. One
	 * probe of the unique key per id, whatever the planner's statistics say: a new inbox
	 * looks empty to PostgreSQL until its next ANALYZE, and a plain
	 * {@code external_id = any(…)} then scans the whole inbox (ADR 16 has the figures).
	 */
	Map<String, Ids> findIds(long inboxId, Collection<String> externalIds) {
		Map<String, Ids> found = new HashMap<>();
		if (!externalIds.isEmpty()) {
			jdbc.sql("select k.v, (select m.id from message m where m.external_id = k.v and m.inbox_id = :inbox), "
					+ "(select m.conversation_id from message m where m.external_id = k.v and m.inbox_id = :inbox) "
					+ "from unnest(:ids) k(v)")
				.param("inbox", inboxId)
				.param("ids", externalIds.toArray(String[]::new))
				.query((rs, n) -> {
					long id = rs.getLong(2);
					return rs.wasNull() ? null : found.put(rs.getString(1), new Ids(id, rs.getLong(3)));
				})
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
		return jdbc
			.sql("select " + COLUMNS + " from message where conversation_id = ? and direction = 'in' "
					+ "order by sent_at desc, id desc limit 1")
			.param(conversationId)
			.query(Messages::map)
			.optional();
	}

	/**
	 * The latest inbound message of a conversation in this placement (a private message,
	 * a comment).
	 */
	public Optional<Message> lastInbound(long conversationId, Placement placement) {
		return jdbc
			.sql("select " + COLUMNS + " from message where conversation_id = ? and direction = 'in' "
					+ "and placement = ? order by sent_at desc, id desc limit 1")
			.params(conversationId, placement.name())
			.query(Messages::map)
			.optional();
	}

	/**
	 * Public inbound messages of these inboxes still waiting for a public answer: their
	 * conversation is not resolved and no public reply (sent or on its way) came after
	 * them. At most {@code limit}, newest first.
	 */
	public List<Message> unansweredPublic(Collection<Long> inboxIds, int limit) {
		if (inboxIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("select " + COLUMNS.replaceAll("(^|, )", "$1m.") + " from message m "
					+ "join conversation c on c.id = m.conversation_id where m.inbox_id = any(:inboxes) "
					+ "and m.direction = 'in' and m.visibility = 'PUBLIC' and c.status <> 'RESOLVED' and not exists ("
					+ "select 1 from message r where r.conversation_id = m.conversation_id and r.direction = 'out' "
					+ "and r.visibility = 'PUBLIC' and r.sent_at >= m.sent_at and r.status in "
					+ MessageStatus.REACHED_CUSTOMER_SQL + ") " + "order by m.sent_at desc limit :limit")
			.param("inboxes", inboxIds.toArray(Long[]::new))
			.param("limit", limit)
			.query(Messages::map)
			.list();
	}

	/**
	 * Records what the brand did to a message on its network; "unhide" takes "hidden"
	 * away.
	 */
	public void moderated(long messageId, String action) {
		Message m = findById(messageId).orElseThrow();
		LinkedHashSet<String> states = new LinkedHashSet<>(
				m.moderation() == null ? List.of() : List.of(m.moderation().split(",")));
		switch (action) {
			case "unhide" -> states.remove("hidden");
			case "unlike" -> states.remove("liked");
			case "hide" -> states.add("hidden");
			case "like" -> states.add("liked");
			case "delete" -> states.add("deleted");
			default -> throw new IllegalArgumentException("Unknown moderation " + action);
		}
		jdbc.sql("update message set moderation = ? where id = ?")
			.params(states.isEmpty() ? null : String.join(",", states), messageId)
			.update();
	}

	/**
	 * The public inbound messages of a stretch of settled messages, and where the stretch
	 * ends.
	 */
	public record Settled(List<Message> publicInbound, long upTo, int scanned) {
	}

	/**
	 * The messages after this id, within the next {@code limit} ids from the first one
	 * (fewer than {@code limit} where ids were skipped, by a rolled-back insert), up to
	 * the first one stored at or after {@code storedBefore}; of those, the public inbound
	 * ones: what listening reads as mentions. Stopping at the first unsettled message
	 * keeps a cursor from passing over an id whose transaction has not committed yet;
	 * moving past private messages too keeps each message read once.
	 */
	public Settled publicInboundAfter(long afterId, Instant storedBefore, int limit) {
		List<Long> wanted = new ArrayList<>();
		long[] upTo = { afterId };
		int[] scanned = { 0 };
		boolean[] stop = { false };
		// A window of ids from the first one after the cursor holds at most `limit` rows
		// whatever plan is chosen: "where id > ? order by id limit ?" alone let
		// PostgreSQL, with no statistics yet, read and sort the whole backlog to return
		// the first thousand (ADR 16).
		jdbc.sql("select id, created_at, direction, visibility from message where id > :after and id < "
				+ "(select m.id from message m where m.id > :after order by m.id limit 1) + :limit order by id")
			.param("after", afterId)
			.param("limit", limit)
			.query((ResultSet rs) -> {
				if (stop[0] || !rs.getTimestamp(2).toInstant().isBefore(storedBefore)) {
					stop[0] = true;
					return;
				}
				upTo[0] = rs.getLong(1);
				scanned[0]++;
				if (Message.IN.equals(rs.getString(3)) && Visibility.PUBLIC.name().equals(rs.getString(4))) {
					wanted.add(rs.getLong(1));
				}
			});
		List<Message> found = wanted.isEmpty() ? List.of()
				: jdbc.sql("select " + COLUMNS + " from message where id = any(:ids) order by id")
					.param("ids", wanted.toArray(Long[]::new))
					.query(Messages::map)
					.list();
		return new Settled(found, upTo[0], scanned[0]);
	}

	/**
	 * The public thread around a post: its messages in other conversations of the inbox,
	 * latest first.
	 */
	public List<Message> ofThread(long inboxId, String threadRef, long exceptConversation, int limit) {
		return jdbc
			.sql("select " + COLUMNS + " from message where thread_ref = ? and inbox_id = ? "
					+ "and conversation_id <> ? order by sent_at desc, id desc limit ?")
			.params(threadRef, inboxId, exceptConversation, limit)
			.query(Messages::map)
			.list();
	}

	/** A held reply, approved: its final text, queued for its channel. */
	void queueHeld(long messageId, String text) {
		jdbc.sql("update message set text = ?, status = ? where id = ? and status = ?")
			.params(text, MessageStatus.QUEUED.api(), messageId, MessageStatus.PENDING_APPROVAL.api())
			.update();
	}

	public void markStatus(long messageId, MessageStatus status, @Nullable String newExternalId) {
		if (newExternalId == null) {
			jdbc.sql("update message set status = ? where id = ?").params(status.api(), messageId).update();
		}
		else {
			jdbc.sql("update message set status = ?, external_id = ? where id = ?")
				.params(status.api(), newExternalId, messageId)
				.update();
		}
	}

	static Message map(ResultSet rs, int n) throws SQLException {
		return new Message(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
				Visibility.valueOf(rs.getString(6)), rs.getString(7), (Long) rs.getObject(8, Long.class),
				rs.getString(9), MessageStatus.of(rs.getString(10)), rs.getString(11),
				Json.read(rs.getString(12), new TypeReference<List<Attachment>>() {
				}), rs.getTimestamp(13).toInstant(), rs.getString(14), rs.getBoolean(15),
				rs.getString(16) == null ? null : Placement.valueOf(rs.getString(16)), rs.getString(17),
				rs.getString(18), rs.getString(19), rs.getString(20),
				rs.getString(21) == null ? List.of() : List.of(rs.getString(21).split(" ")));
	}

}
