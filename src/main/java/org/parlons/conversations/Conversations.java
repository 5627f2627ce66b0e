package org.parlons.conversations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.Batches;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conversations: the aggregate's state and what changes it, written as the aggregate
 * tells; the activity that messages bring (counts, times, previews), many conversations
 * at once.
 */
@Repository
public class Conversations {

	/** The longest preview of a conversation's last message, in characters. */
	static final int PREVIEW = 280;

	static final String COLUMNS = "id, inbox_id, customer_id, status, priority, assignee_id, team_id, subject, "
			+ "snoozed_until, last_message_at, message_count, preview, created_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Customers customers;

	private final Clock clock;

	private final Timeline timeline;

	private final ApplicationEventPublisher events;

	Conversations(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Customers customers, Clock clock, Timeline timeline,
			ApplicationEventPublisher events) {
		this.timeline = timeline;
		this.events = events;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.customers = customers;
		this.clock = clock;
	}

	public Optional<Conversation> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from conversation where id = ?")
			.param(id)
			.query(Conversations::map)
			.optional();
	}

	/**
	 * The conversations of these customer profiles, the latest first, at most
	 * {@code limit}; those whose messages joined another conversation are left out (they
	 * live there now).
	 */
	public List<Conversation> ofCustomers(Collection<Long> customerIds, int limit) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("select " + COLUMNS + " from conversation where customer_id = any(:ids) and joined_into is null "
					+ "order by last_message_at desc, id desc limit :limit")
			.param("ids", customerIds.toArray(Long[]::new))
			.param("limit", limit)
			.query(Conversations::map)
			.list();
	}

	/** Those of the given conversations that belong to the inbox. */
	Set<Long> ofInbox(Collection<Long> ids, long inboxId) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select id from conversation where id = any(:ids) and inbox_id = :inbox")
			.param("ids", ids.toArray(Long[]::new))
			.param("inbox", inboxId)
			.query(Long.class)
			.list());
	}

	/**
	 * The live customer profile of each conversation (the profile a merge kept, when
	 * there was one).
	 */
	public Map<Long, Long> currentCustomersOf(Collection<Long> conversationIds) {
		Map<Long, Long> customerOf = new HashMap<>();
		if (!conversationIds.isEmpty()) {
			jdbc.sql("select id, customer_id from conversation where id = any(:ids)")
				.param("ids", conversationIds.toArray(Long[]::new))
				.query((rs, n) -> customerOf.put(rs.getLong(1), rs.getLong(2)))
				.list();
		}
		Map<Long, Customers.Summary> live = customers.summaries(customerOf.values());
		Map<Long, Long> found = new HashMap<>();
		customerOf.forEach((conversation, customer) -> found.put(conversation, live.get(customer).currentId()));
		return found;
	}

	/** A conversation to open, as {@link #openAll} takes it. */
	record NewConversation(long inboxId, long customerId, @Nullable Long teamId, @Nullable String subject, Instant at) {
	}

	/** Opens the conversations in one batch; the new ids come back in the same order. */
	List<Long> openAll(List<NewConversation> rows) {
		Timestamp now = Timestamp.from(clock.instant());
		return Batches.insert(jdbcTemplate,
				"insert into conversation (inbox_id, customer_id, status, priority, team_id, "
						+ "subject, last_message_at, message_count, created_at, updated_at) "
						+ "values (?, ?, 'OPEN', 'NORMAL', ?, ?, ?, 0, ?, ?)",
				rows.size(), (ps, i) -> {
					NewConversation c = rows.get(i);
					ps.setLong(1, c.inboxId());
					ps.setLong(2, c.customerId());
					ps.setObject(3, c.teamId(), Types.BIGINT);
					ps.setString(4, c.subject());
					ps.setTimestamp(5, Timestamp.from(c.at()));
					ps.setTimestamp(6, now);
					ps.setTimestamp(7, now);
				});
	}

	/**
	 * Opens a conversation an agent starts: no customer message yet, the address written
	 * to and who wrote kept, so the first-response figures leave it out.
	 */
	long start(NewConversation row, long agentId, String address) {
		long id = openAll(List.of(row)).get(0);
		jdbc.sql("update conversation set started_by = ?, started_to = ? where id = ?")
			.params(agentId, address, id)
			.update();
		return id;
	}

	/** Where an agent started the conversation (the address written to), if one did. */
	Optional<String> startedTo(long id) {
		return jdbc.sql("select started_to from conversation where id = ? and started_to is not null")
			.param(id)
			.query(String.class)
			.optional();
	}

	/** What a batch of inbound messages did to one conversation. */
	record Arrivals(long conversationId, int count, Instant latest, String preview) {
	}

	/**
	 * Records inbound messages on their conversations: one statement for many
	 * conversations, the arrivals bound as arrays (a JDBC batch executes one update per
	 * conversation).
	 */
	void touchAll(Collection<Arrivals> arrivals) {
		if (arrivals.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		jdbc.sql("merge into conversation c using (select * from unnest(:ids, :counts, :latest, :previews) "
				+ "u(id, n, at, preview)) a on c.id = a.id when matched then update set "
				+ "last_message_at = case when c.last_message_at > a.at then c.last_message_at else a.at end, "
				+ "message_count = c.message_count + a.n, preview = a.preview, updated_at = :now, "
				+ "last_incoming_at = case when c.last_incoming_at > a.at then c.last_incoming_at else a.at end, "
				+ "status = 'OPEN', snoozed_until = null")
			.param("ids", arrivals.stream().map(Arrivals::conversationId).toArray(Long[]::new))
			.param("counts", arrivals.stream().map(Arrivals::count).toArray(Integer[]::new))
			.param("latest", arrivals.stream().map(a -> Timestamp.from(a.latest())).toArray(Timestamp[]::new))
			.param("previews", arrivals.stream().map(a -> preview(a.preview())).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * For each customer (given with its aliases), its most recent conversation in the
	 * inbox that is not resolved, when it has one.
	 */
	Map<Long, Long> unresolvedOfEach(Map<Long, Set<Long>> aliases, long inboxId) {
		Map<Long, Long> ownerOf = new HashMap<>();
		aliases.forEach((customer, ids) -> ids.forEach(id -> ownerOf.put(id, customer)));
		Map<Long, List<Long>> candidates = new HashMap<>();
		if (!ownerOf.isEmpty()) {
			// One probe of the customer's index per profile (see Messages.findIds). "+ 0"
			// keeps the inbox out of the index choice: a new inbox looks empty to
			// PostgreSQL until its next ANALYZE, and probing by inbox then reads the
			// whole inbox for each customer (milliseconds instead of microseconds).
			jdbc.sql("select k.v, (select c.id from conversation c where c.customer_id = k.v "
					+ "and c.inbox_id + 0 = :inbox and c.status <> 'RESOLVED' "
					+ "order by c.last_message_at desc, c.id desc limit 1) from unnest(:customers) k(v)")
				.param("customers", ownerOf.keySet().toArray(Long[]::new))
				.param("inbox", inboxId)
				.query((rs, n) -> {
					long id = rs.getLong(2);
					if (!rs.wasNull()) {
						candidates.computeIfAbsent(ownerOf.get(rs.getLong(1)), k -> new ArrayList<>()).add(id);
					}
					return id;
				})
				.list();
		}
		Map<Long, Long> found = new HashMap<>();
		List<Long> contested = new ArrayList<>();
		candidates.forEach((owner, ids) -> {
			if (ids.size() == 1) {
				found.put(owner, ids.get(0));
			}
			else {
				contested.addAll(ids);
			}
		});
		if (!contested.isEmpty()) {
			// Profiles merged into one: the latest of their conversations is the
			// customer's.
			jdbc.sql("select customer_id, id from conversation where id = any(:ids) "
					+ "order by last_message_at desc, id desc")
				.param("ids", contested.toArray(Long[]::new))
				.query((rs, n) -> found.putIfAbsent(ownerOf.get(rs.getLong(1)), rs.getLong(2)))
				.list();
		}
		return found;
	}

	/**
	 * Records a reply on the conversation: time, count, preview, and the brand's first
	 * and last answer.
	 */
	void touchByReply(long id, Instant at, String preview) {
		Timestamp when = Timestamp.from(at);
		jdbc.sql(
				"update conversation set last_message_at = case when last_message_at > ? then last_message_at else ? end, "
						+ "message_count = message_count + 1, preview = ?, updated_at = ?, "
						+ "first_reply_at = coalesce(first_reply_at, ?), last_reply_at = ? where id = ?")
			.params(when, when, preview(preview), Timestamp.from(clock.instant()), when, when, id)
			.update();
	}

	/**
	 * Writes the conversation's state and each change made to it since it was read: its
	 * labels and notes, its timeline lines, then publishes the changes.
	 */
	public void save(Conversation c, @Nullable Long actorId) {
		List<ConversationChanged> changes = c.takeChanges();
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql("update conversation set status = ?, priority = ?, assignee_id = ?, team_id = ?, snoozed_until = ?, "
				+ "updated_at = ? where id = ?")
			.params(c.status().name(), c.priority().name(), c.assigneeId(), c.teamId(),
					c.snoozedUntil() == null ? null : Timestamp.from(c.snoozedUntil()), Timestamp.from(clock.instant()),
					c.id())
			.update();
		for (ConversationChanged change : changes) {
			if (change instanceof ConversationChanged.Labelled labelled) {
				jdbc.sql("insert into conversation_label (conversation_id, label) values (?, ?) on conflict do nothing")
					.params(c.id(), labelled.label())
					.update();
			}
			else if (change instanceof ConversationChanged.Unlabelled unlabelled) {
				jdbc.sql("delete from conversation_label where conversation_id = ? and label = ?")
					.params(c.id(), unlabelled.label())
					.update();
			}
			else if (change instanceof ConversationChanged.NoteAdded note) {
				jdbc.sql(
						"insert into conversation_note (conversation_id, agent_id, text, created_at) values (?, ?, ?, ?)")
					.params(c.id(), note.agentId(), note.text(), Timestamp.from(clock.instant()))
					.update();
			}
		}
		timeline.write(changes, actorId);
		changes.forEach(events::publishEvent);
	}

	/**
	 * The figures of a conversation that took in another's messages, read again from its
	 * messages (count, latest, latest from the customer, preview), its replies' first and
	 * last moments the earliest and latest of both, the other's labels added; the other
	 * is marked as joined into it.
	 */
	void joined(long intoId, long fromId) {
		record Replies(@Nullable Instant first, @Nullable Instant last) {
		}
		List<Replies> replies = jdbc.sql("select first_reply_at, last_reply_at from conversation where id in (?, ?)")
			.params(intoId, fromId)
			.query((rs, n) -> new Replies(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))))
			.list();
		Instant first = replies.stream()
			.map(Replies::first)
			.filter(Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(null);
		Instant last = replies.stream()
			.map(Replies::last)
			.filter(Objects::nonNull)
			.max(Instant::compareTo)
			.orElse(null);
		String latest = jdbc
			.sql("select text from message where conversation_id = ? order by sent_at desc, id desc "
					+ "fetch first 1 rows only")
			.param(intoId)
			.query(String.class)
			.optional()
			.orElse("");
		jdbc.sql("update conversation set message_count = (select count(*) from message where conversation_id = :id), "
				+ "last_message_at = coalesce((select max(sent_at) from message where conversation_id = :id), "
				+ "last_message_at), last_incoming_at = (select max(sent_at) from message where conversation_id = :id "
				+ "and direction = 'in'), preview = :preview, first_reply_at = :first, last_reply_at = :last, "
				+ "updated_at = :now where id = :id")
			.param("id", intoId)
			.param("preview", preview(latest))
			.param("first", first == null ? null : Timestamp.from(first))
			.param("last", last == null ? null : Timestamp.from(last))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("insert into conversation_label (conversation_id, label) select ?, label from conversation_label "
				+ "where conversation_id = ? on conflict do nothing")
			.params(intoId, fromId)
			.update();
		jdbc.sql("update conversation set joined_into = ?, message_count = 0, updated_at = ? where id = ?")
			.params(intoId, Timestamp.from(clock.instant()), fromId)
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp at) {
		return at == null ? null : at.toInstant();
	}

	/** Locks conversations' rows until the transaction ends, in id order. */
	void lock(Collection<Long> ids) {
		jdbc.sql("select id from conversation where id = any(:ids) order by id for update")
			.param("ids", ids.stream().sorted().toArray(Long[]::new))
			.query(Long.class)
			.list();
	}

	/**
	 * Where each conversation's messages are now: itself, or the one it was joined into,
	 * followed to the end (a conversation joined into one that was joined in turn).
	 */
	Map<Long, Long> rootsOf(Collection<Long> ids) {
		Map<Long, Long> rootOf = new HashMap<>();
		ids.forEach(id -> rootOf.put(id, id));
		Set<Long> ask = new HashSet<>(ids);
		// a join goes to an older conversation, so the chain ends; the bound is a guard
		for (int depth = 0; depth < 32 && !ask.isEmpty(); depth++) {
			Map<Long, Long> into = jdbc
				.sql("select id, joined_into from conversation where id = any(:ids) and joined_into is not null")
				.param("ids", ask.toArray(Long[]::new))
				.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
				.list()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			rootOf.replaceAll((id, root) -> into.getOrDefault(root, root));
			ask = new HashSet<>(into.values());
		}
		return rootOf;
	}

	/**
	 * Changes the conversation as told and saves it: how other modules ask for a change,
	 * which the conversation itself refuses or records.
	 */
	public Conversation update(long id, @Nullable Long actorId, Consumer<Conversation> change) {
		Conversation conversation = findById(id).orElseThrow(() -> new NotFoundException("No conversation " + id));
		change.accept(conversation);
		save(conversation, actorId);
		return conversation;
	}

	/**
	 * The conversations of the ids given that are not open: what a new message of their
	 * customer reopens.
	 */
	Map<Long, ConversationStatus> notOpen(Collection<Long> ids) {
		Map<Long, ConversationStatus> found = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id, status from conversation where id = any(:ids) and status <> 'OPEN'")
				.param("ids", ids.toArray(Long[]::new))
				.query((rs, n) -> found.put(rs.getLong(1), ConversationStatus.valueOf(rs.getString(2))))
				.list();
		}
		return found;
	}

	/**
	 * Records changes made to many conversations by one statement (the customers' new
	 * messages).
	 */
	void recordAll(List<ConversationChanged> changes) {
		timeline.write(changes, null);
		changes.forEach(events::publishEvent);
	}

	/**
	 * The text as the inbox list shows it: each run of white space one space, none at
	 * either end, cut to {@value #PREVIEW} characters. Only the head is read; a regular
	 * expression over up to 2,000 characters took 6 % of the server's time in a batch
	 * ingestion.
	 */
	static String preview(String text) {
		StringBuilder flat = new StringBuilder(Math.min(text.length(), PREVIEW + 1));
		boolean gap = false;
		for (int i = 0; i < text.length() && flat.length() <= PREVIEW; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				gap = !flat.isEmpty();
			}
			else {
				if (gap) {
					flat.append(' ');
					gap = false;
				}
				flat.append(c);
			}
		}
		return flat.length() > PREVIEW ? flat.substring(0, PREVIEW - 1) + "…" : flat.toString();
	}

	static Conversation map(ResultSet rs, int n) throws SQLException {
		Timestamp snoozed = rs.getTimestamp("snoozed_until");
		return new Conversation(rs.getLong("id"), rs.getLong("inbox_id"), rs.getLong("customer_id"),
				ConversationStatus.valueOf(rs.getString("status")), Priority.valueOf(rs.getString("priority")),
				(Long) rs.getObject("assignee_id", Long.class), (Long) rs.getObject("team_id", Long.class),
				rs.getString("subject"), snoozed == null ? null : snoozed.toInstant(),
				rs.getTimestamp("last_message_at").toInstant(), rs.getInt("message_count"), rs.getString("preview"),
				rs.getTimestamp("created_at").toInstant());
	}

}
