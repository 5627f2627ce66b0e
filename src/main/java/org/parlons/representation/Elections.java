package org.parlons.representation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Elections of customers' representatives: a constituency (a community's members, every
 * customer, or those active in the last months), seats, candidacies until voting opens, a
 * voting period, a method, and a certification by someone once closed.
 */
@Repository
public class Elections {

	/** The counting methods. */
	public static final List<String> METHODS = List.of("plurality", "approval", "schulze");

	/**
	 * An election.
	 *
	 * @param id its number
	 * @param title what is elected
	 * @param seats how many are elected
	 * @param method "plurality", "approval" or "schulze"
	 * @param electorate "community" (its members when voting opens), "all" (every
	 * customer known when voting opens) or "active" (customers who opened a conversation
	 * in the months before)
	 * @param communityId the community, for a community's election
	 * @param activeMonths the months an active customer wrote in
	 * @param votingOpensAt when voting opens: the roll is who qualified then
	 * @param votingClosesAt when it closes
	 * @param closedAt when it was closed early, if it was
	 * @param termMonths the term of the elected, in months
	 * @param certifiedBy the agent who certified the results
	 * @param certifiedAt when
	 * @param rollAt when the roll was frozen: when voting opens, or when the election was
	 * created if it opened before
	 */
	public record Election(long id, String title, int seats, String method, String electorate,
			@Nullable Long communityId, @Nullable Integer activeMonths, Instant votingOpensAt, Instant votingClosesAt,
			@Nullable Instant closedAt, @Nullable Integer termMonths, @Nullable Long certifiedBy,
			@Nullable Instant certifiedAt, Instant rollAt) {

		/** Whether ballots are taken at that time. */
		public boolean openAt(Instant now) {
			return !now.isBefore(votingOpensAt) && now.isBefore(votingClosesAt) && closedAt == null;
		}

		/** Whether voting is over at that time. */
		public boolean closedAt(Instant now) {
			return closedAt != null || !now.isBefore(votingClosesAt);
		}

	}

	/** What a new election says. */
	public record NewElection(String title, int seats, String method, String electorate, @Nullable Long communityId,
			@Nullable Integer activeMonths, Instant votingOpensAt, Instant votingClosesAt,
			@Nullable Integer termMonths) {
	}

	/**
	 * A candidate.
	 *
	 * @param id the candidacy's number, what ballots name
	 * @param customerId the customer standing
	 * @param name their name
	 * @param statement what they stand for
	 */
	public record Candidate(long id, long customerId, String name, @Nullable String statement) {
	}

	private final JdbcClient jdbc;

	private final Communities communities;

	private final Customers customers;

	private final Clock clock;

	Elections(JdbcClient jdbc, Communities communities, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.communities = communities;
		this.customers = customers;
		this.clock = clock;
	}

	public Election create(NewElection e, long actorId) {
		String title = e.title() == null ? "" : e.title().strip();
		if (title.isEmpty() || title.length() > 300) {
			throw Refusals.invalid("representation.election.title", "title: between 1 and 300 characters");
		}
		if (e.seats() < 1 || e.seats() > 1000) {
			throw Refusals.invalid("representation.election.seats", "seats: between 1 and 1000");
		}
		String method = e.method() == null ? "" : e.method().strip().toLowerCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw Refusals.invalid("representation.election.method", "method: plurality, approval or schulze",
					e.method());
		}
		if (e.communityId() != null) {
			communities.get(e.communityId());
		}
		if ("community".equals(e.electorate()) != (e.communityId() != null)) {
			throw Refusals.invalid("representation.election.electorate",
					"electorate: {communityId}, {all: true} or {activeMonths}");
		}
		if ("active".equals(e.electorate())
				&& (e.activeMonths() == null || e.activeMonths() < 1 || e.activeMonths() > 120)) {
			throw Refusals.invalid("representation.election.active", "activeMonths: between 1 and 120");
		}
		if (e.votingOpensAt() == null || e.votingClosesAt() == null || !e.votingClosesAt().isAfter(e.votingOpensAt())) {
			throw Refusals.invalid("representation.election.period", "votingClosesAt: after votingOpensAt");
		}
		if (e.termMonths() != null && (e.termMonths() < 1 || e.termMonths() > 120)) {
			throw Refusals.invalid("representation.election.term", "termMonths: between 1 and 120");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into election (title, seats, method, electorate, community_id, active_months, opens_at, "
				+ "closes_at, term_months, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(title, e.seats(), method, e.electorate(), e.communityId(),
					"active".equals(e.electorate()) ? e.activeMonths() : null, Timestamp.from(e.votingOpensAt()),
					Timestamp.from(e.votingClosesAt()), e.termMonths(), actorId, Timestamp.from(clock.instant()))
			.update(key, "id");
		return get(key.getKey().longValue());
	}

	public Optional<Election> find(long id) {
		return jdbc.sql("select * from election where id = ?").param(id).query(Elections::election).optional();
	}

	public Election get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No election " + id));
	}

	public List<Election> list() {
		return jdbc.sql("select * from election order by opens_at desc, id desc limit 200")
			.query(Elections::election)
			.list();
	}

	/**
	 * A customer stands, with what they stand for. A customer's own candidacy closes when
	 * voting opens; the company may still enter one until the first ballot is cast, never
	 * after: the ballot must be the same for everyone.
	 */
	@Transactional
	public Candidate stand(long electionId, long customerId, @Nullable String statement, boolean byCustomer) {
		Election election = locked(electionId);
		boolean late = byCustomer ? !clock.instant().isBefore(election.votingOpensAt())
				: election.closedAt(clock.instant())
						|| jdbc.sql("select count(*) from election_voter where election_id = ?")
							.param(electionId)
							.query(Long.class)
							.single() > 0;
		if (late) {
			throw Refusals.conflict("representation.candidate.late",
					"Candidacies close when voting opens, and nobody is added once someone voted");
		}
		long current = customers.current(customerId);
		if (customers.findById(current).isEmpty()) {
			throw new NotFoundException("No customer " + customerId);
		}
		if (statement != null && statement.length() > 4000) {
			throw Refusals.invalid("representation.candidate.statement", "statement: at most 4000 characters");
		}
		boolean standing = jdbc
			.sql("select count(*) from election_candidate where election_id = :e and customer_id in (:ids)")
			.param("e", electionId)
			.param("ids", customers.aliasesOf(current))
			.query(Long.class)
			.single() > 0;
		if (standing) {
			throw Refusals.conflict("representation.candidate.twice", "This customer already stands");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into election_candidate (election_id, customer_id, statement, created_at) values (?, ?, ?, ?)")
			.params(electionId, current, statement == null || statement.isBlank() ? null : statement.strip(),
					Timestamp.from(clock.instant()))
			.update(key, "id");
		long id = key.getKey().longValue();
		return candidates(electionId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
	}

	public List<Candidate> candidates(long electionId) {
		List<Object[]> rows = jdbc
			.sql("select id, customer_id, statement from election_candidate where election_id = ? order by id")
			.param(electionId)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) })
			.list();
		var names = customers.summaries(rows.stream().map(r -> (Long) r[1]).toList());
		return rows.stream().map(r -> {
			long customer = (Long) r[1];
			var summary = names.get(customer);
			return new Candidate((Long) r[0], customer, summary == null ? "#" + customer : summary.displayName(),
					(String) r[2]);
		}).toList();
	}

	/** Closes voting now, before its time. */
	public Election close(long electionId) {
		int changed = jdbc.sql("update election set closed_at = ? where id = ? and closed_at is null and closes_at > ?")
			.params(Timestamp.from(clock.instant()), electionId, Timestamp.from(clock.instant()))
			.update();
		if (changed == 0) {
			get(electionId);
			throw Refusals.conflict("representation.election.closed", "Voting is closed already");
		}
		return get(electionId);
	}

	/** Records who certified the results, once. */
	void certify(long electionId, long actorId) {
		int changed = jdbc
			.sql("update election set certified_by = ?, certified_at = ? where id = ? and certified_at is null")
			.params(actorId, Timestamp.from(clock.instant()), electionId)
			.update();
		if (changed == 0) {
			throw Refusals.conflict("representation.election.certified", "These results are certified already");
		}
	}

	/** The election, locked for the rest of the transaction. */
	Election locked(long electionId) {
		return jdbc.sql("select * from election where id = ? for update")
			.param(electionId)
			.query(Elections::election)
			.optional()
			.orElseThrow(() -> new NotFoundException("No election " + electionId));
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Election election(ResultSet rs, int n) throws SQLException {
		Timestamp closed = rs.getTimestamp("closed_at");
		Timestamp certified = rs.getTimestamp("certified_at");
		return new Election(rs.getLong("id"), rs.getString("title"), rs.getInt("seats"), rs.getString("method"),
				rs.getString("electorate"), rs.getObject("community_id", Long.class),
				rs.getObject("active_months", Integer.class), rs.getTimestamp("opens_at").toInstant(),
				rs.getTimestamp("closes_at").toInstant(), closed == null ? null : closed.toInstant(),
				rs.getObject("term_months", Integer.class), rs.getObject("certified_by", Long.class),
				certified == null ? null : certified.toInstant(),
				later(rs.getTimestamp("opens_at").toInstant(), rs.getTimestamp("created_at").toInstant()));
	}

}
