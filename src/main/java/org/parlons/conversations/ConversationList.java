package org.parlons.conversations;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.InboxScope;
import org.parlons.customers.Customers;
import org.parlons.platform.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox list as agents filter it: conversations of the inboxes one may see, latest
 * first, with their counts per status, customers' names and labels.
 */
@Repository
public class ConversationList {

	private final JdbcClient jdbc;

	private final Customers customers;

	ConversationList(JdbcClient jdbc, Customers customers) {
		this.jdbc = jdbc;
		this.customers = customers;
	}

	/** The order of a list. */
	public enum Sort {

		/** Latest activity first (the default). */
		NEWEST("c.last_message_at desc, c.id desc"),
		/** Longest waiting first. */
		OLDEST("c.last_message_at asc, c.id asc"),
		/** Most urgent first, then longest waiting. */
		PRIORITY("case c.priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end, "
				+ "c.last_message_at asc, c.id asc");

		private final String orderBy;

		Sort(String orderBy) {
			this.orderBy = orderBy;
		}

		public String api() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The sort a parameter names; the default when blank. */
		public static Sort fromApi(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return NEWEST;
			}
			try {
				return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("sort: newest, oldest or priority, not " + value);
			}
		}

	}

	public Page<ConversationSummary> list(ConversationFilter filter, InboxScope scope, int page, int size) {
		return list(filter, scope, page, size, Sort.NEWEST);
	}

	public Page<ConversationSummary> list(ConversationFilter filter, InboxScope scope, int page, int size, Sort sort) {
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, scope, params);
		if (where == null) {
			return new Page<>(List.of(), 0, page, size);
		}
		long total = bind(jdbc.sql("select count(*) from conversation c" + where), params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Conversation> rows = bind(jdbc.sql("select " + Conversations.COLUMNS + " from conversation c" + where
				+ " order by " + sort.orderBy + " limit :limit offset :offset"), params)
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
			items.add(new ConversationSummary(c.id(), c.inboxId(), who.currentId(), who.displayName(), c.status().api(),
					c.priority().api(), c.assigneeId(), c.teamId(), c.subject(), c.preview(), c.messageCount(),
					c.lastMessageAt(), labels.getOrDefault(c.id(), List.of())));
		}
		return items;
	}

	public List<String> labels(long id) {
		return jdbc.sql("select label from conversation_label where conversation_id = ? order by label")
			.param(id)
			.query(String.class)
			.list();
	}

	public List<String> allLabels() {
		return jdbc.sql("select distinct label from conversation_label order by label").query(String.class).list();
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
			sql.append(
					" and exists (select 1 from conversation_label l where l.conversation_id = c.id and l.label = :label)");
			params.put("label", f.label());
		}
		if (f.customerId() != null) {
			sql.append(" and c.customer_id = any(:customers)");
			params.put("customers", customers.aliasesOf(f.customerId()).toArray(Long[]::new));
		}
		if (f.text() != null && !f.text().isBlank()) {
			// the words in the subject or a message, the customer by name, email, handle
			// or phone, or the
			// conversation's number (#42)
			String text = f.text().strip();
			sql.append(" and (lower(c.subject) like :text or exists (select 1 from message m where "
					+ "m.conversation_id = c.id and lower(m.text) like :text)");
			params.put("text", "%" + text.toLowerCase() + "%");
			List<Long> matching = customers.matching(text, 200);
			if (!matching.isEmpty()) {
				Set<Long> withAliases = new HashSet<>();
				customers.aliasesOfEach(matching).values().forEach(withAliases::addAll);
				sql.append(" or c.customer_id = any(:matching)");
				params.put("matching", withAliases.toArray(Long[]::new));
			}
			if (text.matches("#?[0-9]{1,18}")) {
				sql.append(" or c.id = :number");
				params.put("number", Long.parseLong(text.replace("#", "")));
			}
			sql.append(")");
		}
		return sql.toString();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
		return spec.params(params);
	}

}
