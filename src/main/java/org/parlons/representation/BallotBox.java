package org.parlons.representation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.parlons.customers.Customers;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Voting: one person, one ballot, whatever the profile they vote through. The roll
 * ({@code election_voter}) records that someone voted and when; the box
 * ({@code election_ballot}) records what was voted under a random key, with no time and
 * no voter, so that nothing joins the two.
 */
@Repository
public class BallotBox {

	private final JdbcClient jdbc;

	private final Elections elections;

	private final Electorate electorate;

	private final Customers customers;

	private final Clock clock;

	BallotBox(JdbcClient jdbc, Elections elections, Electorate electorate, Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.elections = elections;
		this.electorate = electorate;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * Casts the person's ballot: the candidates in order of preference (Schulze), those
	 * approved (approval) or the one chosen, up to the seats (plurality). Refused outside
	 * the voting period (conflict), for a person not on the roll (forbidden), for a
	 * second ballot from the same person (conflict) and for a ballot naming someone who
	 * does not stand (invalid).
	 */
	@Transactional
	public void cast(long electionId, long customerId, List<Long> choices) {
		Elections.Election e = elections.get(electionId);
		if (!e.openAt(clock.instant())) {
			throw Refusals.conflict("representation.ballot.closed", "Voting is not open");
		}
		long current = customers.current(customerId);
		Set<Long> person = customers.aliasesOf(current);
		if (!electorate.includes(e, person)) {
			throw new NotOnTheRoll();
		}
		// one person at a time: two profiles of the same person voting at once meet here
		customers.lockAll(person);
		if (voted(electionId, person)) {
			throw Refusals.conflict("representation.ballot.twice", "This person has voted already");
		}
		String ballot = valid(e, choices).stream().map(String::valueOf).collect(Collectors.joining(","));
		jdbc.sql("insert into election_voter (election_id, customer_id, voted_at) values (?, ?, ?)")
			.params(electionId, current, Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("insert into election_ballot (id, election_id, choices) values (?, ?, ?)")
			.params(UUID.randomUUID().toString(), electionId, ballot)
			.update();
	}

	/**
	 * Whether the person (any of their profiles) is on the election's roll, or, before
	 * voting opens, would be if it opened as things stand.
	 */
	public boolean onRoll(Elections.Election e, Set<Long> person) {
		return electorate.includes(e, person);
	}

	/** Whether the person (any of their profiles) voted. */
	public boolean voted(long electionId, Set<Long> person) {
		return jdbc.sql("select count(*) from election_voter where election_id = :e and customer_id in (:ids)")
			.param("e", electionId)
			.param("ids", person)
			.query(Long.class)
			.single() > 0;
	}

	/** The ballots, each the candidates it names in its order. */
	List<List<Long>> ballots(long electionId) {
		return jdbc.sql("select choices from election_ballot where election_id = ?")
			.param(electionId)
			.query(String.class)
			.list()
			.stream()
			.map(c -> c.isEmpty() ? List.<Long>of() : Arrays.stream(c.split(",")).map(Long::valueOf).toList())
			.toList();
	}

	/** How many voted. */
	long turnout(long electionId) {
		return jdbc.sql("select count(*) from election_voter where election_id = ?")
			.param(electionId)
			.query(Long.class)
			.single();
	}

	private List<Long> valid(Elections.Election e, List<Long> choices) {
		Set<Long> standing = new HashSet<>();
		elections.candidates(e.id()).forEach(c -> standing.add(c.id()));
		List<Long> clean = new ArrayList<>(choices == null ? List.of() : choices);
		if (clean.isEmpty()) {
			throw Refusals.invalid("representation.ballot.empty", "A ballot names at least one candidate");
		}
		if (new HashSet<>(clean).size() != clean.size()) {
			throw Refusals.invalid("representation.ballot.repeated", "A ballot names each candidate once");
		}
		if (!standing.containsAll(clean)) {
			throw Refusals.invalid("representation.ballot.unknown", "A ballot names only this election's candidates");
		}
		if ("plurality".equals(e.method()) && clean.size() > e.seats()) {
			throw Refusals.invalid("representation.ballot.plurality",
					"A plurality ballot chooses at most " + e.seats() + " candidates", e.seats());
		}
		return clean;
	}

	/** The person is not on the election's roll. */
	public static final class NotOnTheRoll extends RuntimeException {

		NotOnTheRoll() {
			super("This person is not on the roll of this election");
		}

	}

}
