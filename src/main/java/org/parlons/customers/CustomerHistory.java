package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to a profile and who did it: creation, identities, merges, undos,
 * imports.
 */
@Component
public class CustomerHistory {

	/**
	 * A line of a customer's history: created, edited, merged, imported….
	 *
	 * @param id its number
	 * @param customerId the customer
	 * @param type what happened ("created", "merged", "edited"…)
	 * @param detail how, as recorded (English)
	 * @param actorId the agent who did it, if one did
	 * @param at when
	 */
	public record Entry(long id, long customerId, String type, @Nullable String detail, @Nullable Long actorId,
			Instant at) {
	}

	/** A line to add, by the system itself. */
	public record NewEntry(long customerId, String type, @Nullable String detail) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	CustomerHistory(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	/** Adds several lines written by the system (no actor) in one batch. */
	public void recordAll(List<NewEntry> entries) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbcTemplate.batchUpdate(
				"insert into customer_event (customer_id, type, detail, actor_id, created_at) values (?, ?, ?, null, ?)",
				entries, entries.size(), (ps, e) -> {
					ps.setLong(1, e.customerId());
					ps.setString(2, e.type());
					ps.setString(3, e.detail());
					ps.setTimestamp(4, now);
				});
	}

	public void record(long customerId, String type, @Nullable String detail, @Nullable Long actorId) {
		jdbc.sql("insert into customer_event (customer_id, type, detail, actor_id, created_at) values (?, ?, ?, ?, ?)")
			.params(customerId, type, detail, actorId, Timestamp.from(clock.instant()))
			.update();
		if (actorId != null) {
			events.publishEvent(new CustomerEdited(customerId, type, detail, actorId));
		}
	}

	public List<Entry> of(Collection<Long> customerIds) {
		return jdbc
			.sql("select id, customer_id, type, detail, actor_id, created_at from customer_event "
					+ "where customer_id = any(:ids) order by created_at desc, id desc")
			.param("ids", customerIds.toArray(Long[]::new))
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5, Long.class), rs.getTimestamp(6).toInstant()))
			.list();
	}

}
