package org.parlons.representation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customers elected to represent the others, for their term. */
@Repository
public class Representatives {

	/**
	 * A representative.
	 *
	 * @param id the mandate's number, what a recall petition names
	 * @param customerId the customer elected
	 * @param name their name
	 * @param electionId the election that made them
	 * @param election its title
	 * @param communityId the community they represent, none for all customers
	 * @param termStarts when their term began
	 * @param termEnds when it ends
	 */
	public record Representative(long id, long customerId, String name, long electionId, String election,
			@Nullable Long communityId, Instant termStarts, @Nullable Instant termEnds) {
	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Clock clock;

	Representatives(JdbcClient jdbc, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.clock = clock;
	}

	/** Those whose term runs now. */
	public List<Representative> current() {
		List<Object[]> rows = jdbc
			.sql("select r.customer_id, r.election_id, e.title, r.community_id, r.term_starts, r.term_ends, r.id "
					+ "from representative r join election e on e.id = r.election_id "
					+ "where r.term_starts <= ? and (r.term_ends is null or r.term_ends > ?) order by e.title, r.id")
			.params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class),
							rs.getTimestamp(5).toInstant(),
							rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getLong(7) })
			.list();
		var names = customers.summaries(rows.stream().map(r -> (Long) r[0]).toList());
		return rows.stream().map(r -> {
			var s = names.get((Long) r[0]);
			return new Representative((Long) r[6], (Long) r[0], s == null ? "#" + r[0] : s.displayName(), (Long) r[1],
					(String) r[2], (Long) r[3], (Instant) r[4], (Instant) r[5]);
		}).toList();
	}

}
