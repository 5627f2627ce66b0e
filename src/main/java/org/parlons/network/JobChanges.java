package org.parlons.network;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contact who changed companies, as UserGems tells it: one signal per move, and one
 * task for the contact's owner, to follow them to the new company and to replace them at
 * the old one. The owner is the agent who knows the contact best, else the one who has
 * their latest conversation.
 */
@Service
public class JobChanges {

	/**
	 * A job change and its task.
	 *
	 * @param id the signal's number
	 * @param customerId the person
	 * @param name their name
	 * @param fromId the organisation left
	 * @param from its name
	 * @param toId the organisation joined
	 * @param to its name
	 * @param source what told it
	 * @param detectedAt when
	 * @param taskId the task it made
	 * @param ownerId who the task is for; none when nobody knows the person
	 * @param taskOpen whether the task is still to do
	 */
	public record Signal(long id, long customerId, String name, @Nullable Long fromId, String from, @Nullable Long toId,
			String to, String source, Instant detectedAt, long taskId, @Nullable Long ownerId, boolean taskOpen) {
	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Organisations organisations;

	private final Acquaintances acquaintances;

	private final CustomerActivity activity;

	private final Clock clock;

	JobChanges(JdbcClient jdbc, Customers customers, Organisations organisations, Acquaintances acquaintances,
			CustomerActivity activity, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.organisations = organisations;
		this.acquaintances = acquaintances;
		this.activity = activity;
		this.clock = clock;
	}

	/** Records the move as a signal and its task, in the caller's transaction. */
	void moved(Employments.Move move, String source) {
		Instant now = clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into network_signal (kind, customer_id, from_organisation_id, to_organisation_id, source, "
				+ "detected_at) values ('job_change', ?, ?, ?, ?, ?)")
			.params(move.customerId(), move.fromId(), move.toId(), source, Timestamp.from(now))
			.update(keys, "id");
		long signal = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("insert into network_task (signal_id, customer_id, owner_id, status, created_at) "
				+ "values (?, ?, ?, 'open', ?)")
			.params(signal, move.customerId(), ownerOf(move.customerId()), Timestamp.from(now))
			.update();
	}

	/**
	 * The agent who knows the person best, else the holder of their latest conversation.
	 */
	private @Nullable Long ownerOf(long customerId) {
		return acquaintances.bestAgent(customerId)
			.orElseGet(() -> activity.latestConversation(customers.aliasesOf(customerId))
				.map(CustomerActivity.Latest::assigneeId)
				.orElse(null));
	}

	/** The latest signals, for everyone or for one person. */
	public List<Signal> signals(@Nullable Long customerId, boolean openOnly, int limit) {
		String where = " where 1 = 1";
		if (customerId != null) {
			where += " and s.customer_id = any(:ids)";
		}
		if (openOnly) {
			where += " and t.status = 'open'";
		}
		var query = jdbc
			.sql("select s.id, s.customer_id, s.from_organisation_id, s.to_organisation_id, s.source, "
					+ "s.detected_at, t.id, t.owner_id, t.status from network_signal s "
					+ "join network_task t on t.signal_id = s.id" + where
					+ " order by s.detected_at desc, s.id desc fetch first :limit rows only")
			.param("limit", limit);
		if (customerId != null) {
			query = query.param("ids", customers.aliasesOf(customers.current(customerId)).toArray(Long[]::new));
		}
		List<Object[]> rows = query
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class),
							rs.getObject(4, Long.class), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getLong(7),
							rs.getObject(8, Long.class), "open".equals(rs.getString(9)) })
			.list();
		Set<Long> people = new HashSet<>();
		Set<Long> places = new HashSet<>();
		for (Object[] row : rows) {
			people.add((Long) row[1]);
			if (row[2] != null) {
				places.add((Long) row[2]);
			}
			if (row[3] != null) {
				places.add((Long) row[3]);
			}
		}
		Map<Long, Customers.Summary> names = customers.summaries(people);
		Map<Long, String> placeNames = organisations.names(places);
		List<Signal> signals = new ArrayList<>();
		for (Object[] row : rows) {
			long person = (Long) row[1];
			Customers.Summary summary = names.get(person);
			signals.add(new Signal((Long) row[0], summary == null ? person : summary.currentId(),
					summary == null ? "#" + person : summary.displayName(), (Long) row[2],
					placeNames.getOrDefault((Long) row[2], "?"), (Long) row[3],
					placeNames.getOrDefault((Long) row[3], "?"), (String) row[4], (Instant) row[5], (Long) row[6],
					(Long) row[7], (Boolean) row[8]));
		}
		return signals;
	}

	/** Marks a task done. */
	@Transactional
	public void done(long taskId, long agentId) {
		int changed = jdbc
			.sql("update network_task set status = 'done', done_at = ?, done_by = ? where id = ? and status = 'open'")
			.params(Timestamp.from(clock.instant()), agentId, taskId)
			.update();
		if (changed == 0) {
			long known = jdbc.sql("select count(*) from network_task where id = ?")
				.param(taskId)
				.query(Long.class)
				.single();
			if (known == 0) {
				throw NotFoundException.said("network.task.unknown", "No task " + taskId, String.valueOf(taskId));
			}
			throw Refusals.conflict("network.task.done", "Task " + taskId + " is already done", taskId);
		}
	}

	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from network_signal where customer_id = any(:ids)")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

}
