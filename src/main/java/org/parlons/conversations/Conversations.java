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
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.InboxScope;
import org.parlons.customers.Customers;
import org.parlons.platform.Batches;
import org.parlons.platform.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The conversations: the aggregate's state, its labels, its timeline lines and the inbox list query.
 */
@Repository
public class Conversations {

	/** The longest preview of a conversation's last message, in characters. */
	static final int PREVIEW = 280;

	private static final String COLUMNS = "id, inbox_id, customer_id, status, priority, assignee_id, team_id, subject, "
			+ "snoozed_until, last_message_at, message_count, preview, created_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Customers customers;

	private final Clock clock;

	Conversations(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.customers = customers;
		this.clock = clock;
	}

	public Optional<Conversation> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from conversation where id = ?").param(id).query(Conversations::map)
			.optional();
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

	/** The live customer profile of each conversation (the profile a merge kept, when there was one). */
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
		return Batches.insert(jdbcTemplate, "insert into conversation (inbox_id, customer_id, status, priority, team_id, "
				+ "subject, last_message_at, message_count, created_at, updated_at) "
				+ "values (?, ?, 'OPEN', 'NORMAL', ?, ?, ?, 0, ?, ?)", rows.size(), (ps, i) -> {
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

	/** What a batch of inbound messages did to one conversation. */
	record Arrivals(long conversationId, int count, Instant latest, String preview) {
	}

	/**
	 * Records inbound messages on their conversations: one statement for many conversations, the arrivals bound
	 * as arrays (a JDBC batch executes one update per conversation).
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
	 * For each customer (given with its aliases), its most recent conversation in the inbox that is not
	 * resolved, when it has one.
	 */
	Map<Long, Long> unresolvedOfEach(Map<Long, Set<Long>> aliases, long inboxId) {
		Map<Long, Long> ownerOf = new HashMap<>();
		aliases.forEach((customer, ids) -> ids.forEach(id -> ownerOf.put(id, customer)));
		Map<Long, List<Long>> candidates = new HashMap<>();
		if (!ownerOf.isEmpty()) {
			// One probe of the customer's index per profile (see Messages.findIds). "+ 0" keeps the inbox out of
			// the index choice: a new inbox looks empty to PostgreSQL until its next ANALYZE, and probing by inbox
			// then reads the whole inbox for each customer (milliseconds instead of microseconds).
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
			// Profiles merged into one: the latest of their conversations is the customer's.
			jdbc.sql("select customer_id, id from conversation where id = any(:ids) "
					+ "order by last_message_at desc, id desc")
				.param("ids", contested.toArray(Long[]::new))
				.query((rs, n) -> found.putIfAbsent(ownerOf.get(rs.getLong(1)), rs.getLong(2)))
				.list();
		}
		return found;
	}

	/** Records a reply on the conversation: time, count, preview, and the brand's first and last answer. */
	void touchByReply(long id, Instant at, String preview) {
		Timestamp when = Timestamp.from(at);
		jdbc.sql("update conversation set last_message_at = case when last_message_at > ? then last_message_at else ? end, "
				+ "message_count = message_count + 1, preview = ?, updated_at = ?, "
				+ "first_reply_at = coalesce(first_reply_at, ?), last_reply_at = ? where id = ?")
			.params(when, when, preview(preview), Timestamp.from(clock.instant()), when, when, id)
			.update();
	}

	/** How many conversations the customer (and the profiles merged into it) opened since then. */
	public long openedSince(long customerId, Instant since) {
		return jdbc.sql("select count(*) from conversation where customer_id = any(:customers) and created_at >= :since")
			.param("customers", customers.aliasesOf(customerId).toArray(Long[]::new))
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** What service-level clocks read from a conversation. */
	public record ServiceClock(long id, long inboxId, String status, String priority, Instant createdAt,
			@Nullable Instant lastIncomingAt, @Nullable Instant firstReplyAt, @Nullable Instant lastReplyAt,
			@Nullable Instant resolvedAt) {
	}

	public Optional<ServiceClock> clockOf(long id) {
		return jdbc.sql("select c.id, c.inbox_id, c.status, c.priority, c.created_at, c.last_incoming_at, c.first_reply_at, "
				+ "c.last_reply_at, (select max(e.created_at) from conversation_event e where e.conversation_id = c.id "
				+ "and e.type = 'resolved') from conversation c where c.id = ?")
			.param(id)
			.query((rs, n) -> new ServiceClock(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
					instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))))
			.optional();
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	public void save(Conversation c, @Nullable Long actorId) {
		jdbc.sql("update conversation set status = ?, priority = ?, assignee_id = ?, team_id = ?, snoozed_until = ?, "
				+ "updated_at = ? where id = ?")
			.params(c.status().name(), c.priority().name(), c.assigneeId(), c.teamId(),
					c.snoozedUntil() == null ? null : Timestamp.from(c.snoozedUntil()), Timestamp.from(clock.instant()),
					c.id())
			.update();
		for (Conversation.Change change : c.takeChanges()) {
			record(c.id(), change.type(), change.detail(), actorId);
		}
	}

	public void record(long conversationId, String type, @Nullable String detail, @Nullable Long actorId) {
		jdbc.sql("insert into conversation_event (conversation_id, type, detail, actor_id, created_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(conversationId, type, detail, actorId, Timestamp.from(clock.instant()))
			.update();
	}

	/** Whether the timeline already holds this event (type and detail), to record something only once. */
	public boolean recorded(long conversationId, String type, String detail) {
		return jdbc.sql("select count(*) from conversation_event where conversation_id = ? and type = ? and detail = ?")
			.params(conversationId, type, detail)
			.query(Long.class)
			.single() > 0;
	}

	/** The conversations of these inboxes opened since then and not resolved. */
	public List<Long> unresolvedOpenedSince(Collection<Long> inboxIds, Instant since) {
		if (inboxIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select id from conversation where inbox_id = any(:inboxes) and status <> 'RESOLVED' "
				+ "and created_at >= :since")
			.param("inboxes", inboxIds.toArray(Long[]::new))
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.list();
	}

	public List<String> labels(long id) {
		return jdbc.sql("select label from conversation_label where conversation_id = ? order by label")
			.param(id)
			.query(String.class)
			.list();
	}

	void label(long id, String label) {
		jdbc.sql("insert into conversation_label (conversation_id, label) values (?, ?) on conflict do nothing")
			.params(id, label)
			.update();
	}

	void unlabel(long id, String label) {
		jdbc.sql("delete from conversation_label where conversation_id = ? and label = ?").params(id, label).update();
	}

	public List<String> allLabels() {
		return jdbc.sql("select distinct label from conversation_label order by label").query(String.class).list();
	}

	/** Wakes snoozed conversations whose time has come; returns their ids. */
	public List<Long> wakeSnoozed(Instant now) {
		List<Long> due = jdbc.sql("select id from conversation where status = 'SNOOZED' and snoozed_until <= ?")
			.param(Timestamp.from(now))
			.query(Long.class)
			.list();
		for (Long id : due) {
			jdbc.sql("update conversation set status = 'OPEN', snoozed_until = null, updated_at = ? where id = ? "
					+ "and status = 'SNOOZED'")
				.params(Timestamp.from(now), id)
				.update();
			record(id, "woke", "snooze ended", null);
		}
		return due;
	}

	public Page<ConversationSummary> list(ConversationFilter filter, InboxScope scope, int page, int size) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, scope, params);
		if (where == null) {
			return new Page<>(List.of(), 0, page, size);
		}
		long total = bind(jdbc.sql("select count(*) from conversation c" + where), params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Conversation> rows = bind(jdbc.sql("select " + COLUMNS + " from conversation c" + where + " order by c.last_message_at desc, c.id desc limit :limit offset :offset"),
				params)
			.query(Conversations::map)
			.list();
		return new Page<>(summaries(rows), total, page, size);
	}

	/** How many conversations per status match the filter, ignoring its own status. */
	public Map<ConversationStatus, Long> countByStatus(ConversationFilter filter, InboxScope scope) {
		Map<ConversationStatus, Long> counts = new EnumMap<>(ConversationStatus.class);
		for (ConversationStatus s : ConversationStatus.values()) {
			counts.put(s, 0L);
		}
		Map<String, Object> params = new HashMap<>();
		String where = where(filter.withStatus(null), scope, params);
		if (where != null) {
			bind(jdbc.sql("select c.status, count(*) from conversation c" + where + " group by c.status"), params)
				.query((rs, n) -> counts.put(ConversationStatus.valueOf(rs.getString(1)), rs.getLong(2)))
				.list();
		}
		return counts;
	}

	public List<ConversationSummary> summaries(List<Conversation> rows) {
		Set<Long> customerIds = new LinkedHashSet<>();
		rows.forEach(r -> customerIds.add(r.customerId()));
		Map<Long, Customers.Summary> names = customers.summaries(customerIds);
		Map<Long, List<String>> labels = labelsOf(rows.stream().map(Conversation::id).toList());
		List<ConversationSummary> items = new ArrayList<>();
		for (Conversation c : rows) {
			Customers.Summary who = names.getOrDefault(c.customerId(),
					new Customers.Summary(c.customerId(), "#" + c.customerId()));
			items.add(new ConversationSummary(c.id(), c.inboxId(), who.currentId(), who.displayName(),
					c.status().api(), c.priority().api(), c.assigneeId(), c.teamId(), c.subject(), c.preview(),
					c.messageCount(), c.lastMessageAt(), labels.getOrDefault(c.id(), List.of())));
		}
		return items;
	}

	private Map<Long, List<String>> labelsOf(List<Long> ids) {
		Map<Long, List<String>> labels = new LinkedHashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("select conversation_id, label from conversation_label where conversation_id = any(:ids) "
					+ "order by label")
				.param("ids", ids.toArray(Long[]::new))
				.query((rs, n) -> labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)))
				.list();
		}
		return labels;
	}

	private @Nullable String where(ConversationFilter f, InboxScope scope, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder(" where 1 = 1");
		InboxScope effective = scope.narrowTo(f.inboxId());
		if (!effective.all()) {
			if (effective.inboxIds().isEmpty()) {
				return null;
			}
			sql.append(" and c.inbox_id = any(:inboxes)");
			params.put("inboxes", effective.inboxIds().toArray(Long[]::new));
		}
		if (f.status() != null) {
			sql.append(" and c.status = :status");
			params.put("status", f.status().name());
		}
		if (f.teamId() != null) {
			sql.append(" and c.team_id = :team");
			params.put("team", f.teamId());
		}
		if (f.unassigned()) {
			sql.append(" and c.assignee_id is null");
		}
		else if (f.assigneeId() != null) {
			sql.append(" and c.assignee_id = :assignee");
			params.put("assignee", f.assigneeId());
		}
		if (f.label() != null && !f.label().isBlank()) {
			sql.append(" and exists (select 1 from conversation_label l where l.conversation_id = c.id and l.label = :label)");
			params.put("label", f.label());
		}
		if (f.customerId() != null) {
			sql.append(" and c.customer_id = any(:customers)");
			params.put("customers", customers.aliasesOf(f.customerId()).toArray(Long[]::new));
		}
		if (f.text() != null && !f.text().isBlank()) {
			sql.append(" and (lower(c.subject) like :text or exists (select 1 from message m where m.conversation_id = c.id "
					+ "and lower(m.text) like :text))");
			params.put("text", "%" + f.text().strip().toLowerCase() + "%");
		}
		return sql.toString();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
		return spec.params(params);
	}

	/**
	 * The text as the inbox list shows it: each run of white space one space, none at either end, cut to
	 * {@value #PREVIEW} characters. Only the head is read; a regular expression over up to 2,000 characters
	 * took 6 % of the server's time in a batch ingestion.
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
