package org.parlons.representation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recall by petition: those a representative represents (the community's members, or
 * every customer for a representative of all) sign, one signature per person whatever the
 * profile; once a fifth of them signed ({@value #SHARE_PERCENT} %), the term ends at
 * once.
 */
@Service
public class Recalls {

	/** The share of the represented whose signatures end a term. */
	public static final int SHARE_PERCENT = 20;

	/**
	 * Where a petition stands.
	 *
	 * @param representativeId the mandate petitioned against
	 * @param signatures how many signed
	 * @param needed how many signatures end the term
	 * @param recalled whether the term ended
	 */
	public record Petition(long representativeId, long signatures, long needed, boolean recalled) {
	}

	private final JdbcClient jdbc;

	private final Communities communities;

	private final Customers customers;

	private final Clock clock;

	Recalls(JdbcClient jdbc, Communities communities, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.communities = communities;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * The person signs the petition against a representative in office; refused to
	 * someone they do not represent (forbidden) and for a second signature (conflict).
	 */
	@Transactional
	public Petition sign(long representativeId, long customerId) {
		Instant now = clock.instant();
		Object[] mandate = jdbc
			.sql("select community_id, term_ends, recalled_at from representative where id = ? for update")
			.param(representativeId)
			.query((rs, n) -> new Object[] { rs.getObject(1, Long.class), rs.getTimestamp(2), rs.getTimestamp(3) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No representative " + representativeId));
		Long community = (Long) mandate[0];
		Timestamp ends = (Timestamp) mandate[1];
		if (mandate[2] != null || ends != null && !ends.toInstant().isAfter(now)) {
			throw Refusals.conflict("representation.recall.over", "This term is over");
		}
		long current = customers.current(customerId);
		Set<Long> person = customers.aliasesOf(current);
		boolean represented = community == null ? customers.rights(current).erasedAt() == null
				: communities.memberAt(community, person, now);
		if (!represented) {
			throw new NotRepresented();
		}
		boolean signed = jdbc
			.sql("select count(*) from recall_signature where representative_id = :r and customer_id in (:ids)")
			.param("r", representativeId)
			.param("ids", person)
			.query(Long.class)
			.single() > 0;
		if (signed) {
			throw Refusals.conflict("representation.recall.twice", "You have signed this petition already");
		}
		jdbc.sql("insert into recall_signature (representative_id, customer_id, signed_at) values (?, ?, ?)")
			.params(representativeId, current, Timestamp.from(now))
			.update();
		long signatures = signatures(representativeId);
		long roll = community == null ? customers.countKnownAt(now) : communities.membersAt(community, now);
		long needed = Math.max(1, (roll * SHARE_PERCENT + 99) / 100);
		boolean recalled = signatures >= needed;
		if (recalled) {
			jdbc.sql("update representative set recalled_at = ?, term_ends = ? where id = ?")
				.params(Timestamp.from(now), Timestamp.from(now), representativeId)
				.update();
		}
		return new Petition(representativeId, signatures, needed, recalled);
	}

	private long signatures(long representativeId) {
		return jdbc.sql("select count(*) from recall_signature where representative_id = ?")
			.param(representativeId)
			.query(Long.class)
			.single();
	}

	/** The person is not among those the representative represents. */
	public static final class NotRepresented extends RuntimeException {

		NotRepresented() {
			super("You are not among those this representative represents");
		}

	}

}
