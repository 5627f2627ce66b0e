package org.parlons.customers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Notes agents keep on a profile, seen by every agent but never by the customer.
 */
@Component
public class CustomerNotes {

	/**
	 * A private note about a customer.
	 *
	 * @param id its number
	 * @param customerId the customer
	 * @param authorId the agent who wrote it
	 * @param text what it says
	 * @param createdAt when
	 */
	public record Note(long id, long customerId, @Nullable Long authorId, String text, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerNotes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void add(long customerId, long authorId, String text) {
		if (text.isBlank() || text.length() > 10_000) {
			throw new IllegalArgumentException("A note needs between 1 and 10,000 characters");
		}
		jdbc.sql("insert into customer_note (customer_id, author_id, text, created_at) values (?, ?, ?, ?)")
			.params(customerId, authorId, text.strip(), Timestamp.from(clock.instant()))
			.update();
	}

	public List<Note> of(Collection<Long> customerIds) {
		return jdbc
			.sql("select id, customer_id, author_id, text, created_at from customer_note "
					+ "where customer_id = any(:ids) order by created_at desc")
			.param("ids", customerIds.toArray(Long[]::new))
			.query((rs, n) -> new Note(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

}
