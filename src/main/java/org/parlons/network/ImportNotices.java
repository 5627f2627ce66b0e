package org.parlons.network;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * GDPR Art. 14: a person whose data came from somewhere else than themselves (a
 * colleague's LinkedIn export, a vCard file) must be told within a month who holds it,
 * why and from where. One notice is owed per person, from their first import; the team
 * sees which are due and overdue and says when one was given.
 */
@Service
public class ImportNotices {

	/**
	 * A notice owed.
	 *
	 * @param customerId the person
	 * @param name their name
	 * @param source what their data came from
	 * @param importedAt when
	 * @param dueAt when they must have been told
	 * @param toldAt when they were; none yet
	 */
	public record Notice(long customerId, String name, String source, Instant importedAt, Instant dueAt,
			@Nullable Instant toldAt) {

		public boolean overdue(Instant now) {
			return toldAt == null && dueAt.isBefore(now);
		}

	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final NetworkSettings settings;

	private final Clock clock;

	ImportNotices(JdbcClient jdbc, Customers customers, NetworkSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.settings = settings;
		this.clock = clock;
	}

	/** One notice owed, from the first import of the person on. */
	void owed(long customerId, String source) {
		Instant now = clock.instant();
		// insert-if-absent, ADR 17
		// insert-if-absent, ADR 17
		jdbc.sql("insert into network_notice (customer_id, source, imported_at, due_at) values (?, ?, ?, ?) "
				+ "on conflict do nothing")
			.params(customerId, source, Timestamp.from(now), Timestamp.from(now.plus(settings.noticeWithin())))
			.update();
	}

	/** The notices still to give, the most urgent first. */
	public List<Notice> due(int limit) {
		return list(" where n.told_at is null order by n.due_at, n.customer_id", limit);
	}

	public @Nullable Notice of(long customerId) {
		return list(" where n.customer_id = " + customers.current(customerId), 1).stream().findFirst().orElse(null);
	}

	private List<Notice> list(String where, int limit) {
		List<Object[]> rows = jdbc
			.sql("select n.customer_id, n.source, n.imported_at, n.due_at, n.told_at from network_notice n" + where
					+ " fetch first ? rows only")
			.param(limit)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
							rs.getTimestamp(4).toInstant(),
							rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant() })
			.list();
		Map<Long, Customers.Summary> names = customers
			.summaries(rows.stream().map(r -> (Long) r[0]).collect(java.util.stream.Collectors.toSet()));
		return rows.stream().map(r -> {
			Customers.Summary s = names.get((Long) r[0]);
			return new Notice((Long) r[0], s == null ? "#" + r[0] : s.displayName(), (String) r[1], (Instant) r[2],
					(Instant) r[3], (Instant) r[4]);
		}).toList();
	}

	/** Says the person was told. */
	@Transactional
	public void told(long customerId, long agentId) {
		int changed = jdbc
			.sql("update network_notice set told_at = coalesce(told_at, ?), told_by = coalesce(told_by, ?) "
					+ "where customer_id = ?")
			.params(Timestamp.from(clock.instant()), agentId, customerId)
			.update();
		if (changed == 0) {
			throw NotFoundException.said("network.notice.unknown", "No notice is owed to customer " + customerId,
					String.valueOf(customerId));
		}
	}

	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from network_notice where customer_id = any(:ids)")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

}
