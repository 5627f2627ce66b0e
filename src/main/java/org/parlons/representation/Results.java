package org.parlons.representation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The count of a closed election: votes per candidate (plurality, approval) or the
 * Schulze count with its pairwise and strongest-path matrices; the winners for the seats,
 * and whether a tie at the last seat needs a decision. Certified once by someone, which
 * makes the winners representatives for their term.
 */
@Service
public class Results {

	/**
	 * A candidate's votes.
	 *
	 * @param candidateId the candidacy
	 * @param customerId the customer
	 * @param name their name
	 * @param votes ballots choosing or approving them (plurality, approval); for Schulze,
	 * how many candidates they beat
	 */
	public record Tally(long candidateId, long customerId, String name, int votes) {
	}

	/**
	 * The pairwise count of the Schulze method.
	 *
	 * @param candidates the candidacies, in the order of the matrices' rows and columns
	 * @param d d[i][j]: voters preferring candidate i to candidate j
	 * @param p p[i][j]: the strength of the strongest path from i to j
	 */
	public record Pairwise(List<Long> candidates, int[][] d, int[][] p) {
	}

	/**
	 * The result.
	 *
	 * @param electionId the election
	 * @param method how it was counted
	 * @param seats how many are elected
	 * @param winners the elected candidacies, best first
	 * @param ranking every candidacy, best first
	 * @param tally each candidate's votes, best first
	 * @param pairwise the Schulze matrices, for a Schulze count
	 * @param tie whether the last seat is tied between candidates
	 * @param ballots ballots in the box
	 * @param electorate people on the roll
	 * @param turnout ballots over the roll
	 * @param certifiedBy who certified the results, none before
	 * @param certifiedAt when
	 */
	public record Result(long electionId, String method, int seats, List<Long> winners, List<Long> ranking,
			List<Tally> tally, @Nullable Pairwise pairwise, boolean tie, int ballots, long electorate, double turnout,
			@Nullable Long certifiedBy, @Nullable Instant certifiedAt) {
	}

	private final Elections elections;

	private final BallotBox box;

	private final Electorate electorate;

	private final JdbcClient jdbc;

	private final Clock clock;

	Results(Elections elections, BallotBox box, Electorate electorate, JdbcClient jdbc, Clock clock) {
		this.elections = elections;
		this.box = box;
		this.electorate = electorate;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The count; refused while voting is open, so nobody reads a partial count. */
	public Result of(long electionId) {
		Elections.Election e = elections.get(electionId);
		if (!e.closedAt(clock.instant())) {
			throw Refusals.conflict("representation.results.open", "Voting is still open: results come once it closes");
		}
		List<Elections.Candidate> candidates = elections.candidates(electionId);
		List<List<Long>> ballots = box.ballots(electionId);
		List<Long> ids = candidates.stream().map(Elections.Candidate::id).toList();
		Map<Long, Elections.Candidate> byId = new HashMap<>();
		candidates.forEach(c -> byId.put(c.id(), c));
		List<Long> ranking;
		Map<Long, Integer> votes = new HashMap<>();
		Pairwise pairwise = null;
		if ("schulze".equals(e.method())) {
			Schulze.Count count = Schulze.count(ids, ballots);
			pairwise = new Pairwise(count.candidates(), count.d(), count.p());
			ranking = count.order();
			for (int i = 0; i < ids.size(); i++) {
				int beats = 0;
				for (int j = 0; j < ids.size(); j++) {
					beats += i != j && count.p()[i][j] > count.p()[j][i] ? 1 : 0;
				}
				votes.put(ids.get(i), beats);
			}
		}
		else {
			ids.forEach(id -> votes.put(id, 0));
			ballots.forEach(b -> b.forEach(id -> votes.merge(id, 1, Integer::sum)));
			ranking = ids.stream()
				.sorted(Comparator.comparingInt((Long id) -> -votes.get(id)).thenComparingLong(id -> id))
				.toList();
		}
		int seats = Math.min(e.seats(), ranking.size());
		List<Long> winners = ranking.subList(0, seats);
		boolean tie = seats > 0 && seats < ranking.size()
				&& votes.get(ranking.get(seats - 1)).equals(votes.get(ranking.get(seats)))
				&& (pairwise == null || !beats(pairwise, ranking.get(seats - 1), ranking.get(seats)));
		List<Tally> tally = new ArrayList<>();
		for (long id : ranking) {
			Elections.Candidate c = byId.get(id);
			tally.add(new Tally(id, c.customerId(), c.name(), votes.get(id)));
		}
		long roll = electorate.size(e);
		return new Result(electionId, e.method(), e.seats(), List.copyOf(winners), ranking, tally, pairwise, tie,
				ballots.size(), roll, roll == 0 ? 0 : Math.round(10_000.0 * box.turnout(electionId) / roll) / 10_000.0,
				e.certifiedBy(), e.certifiedAt());
	}

	/**
	 * Certifies the results of a closed election, once: the winners become
	 * representatives for the election's term. Refused with a tie at the last seat.
	 */
	@Transactional
	public Result certify(long electionId, long actorId) {
		Elections.Election e = elections.locked(electionId);
		Result result = of(electionId);
		if (result.tie()) {
			throw Refusals.conflict("representation.results.tie",
					"The last seat is tied: decide it as the rules say before certifying");
		}
		elections.certify(electionId, actorId);
		Instant now = clock.instant();
		Instant ends = e.termMonths() == null ? null
				: now.atOffset(ZoneOffset.UTC).plusMonths(e.termMonths()).toInstant();
		for (Tally t : result.tally().subList(0, result.winners().size())) {
			jdbc.sql("insert into representative (election_id, community_id, customer_id, term_starts, term_ends, "
					+ "created_at) values (?, ?, ?, ?, ?, ?)")
				.params(electionId, e.communityId(), t.customerId(), Timestamp.from(now),
						ends == null ? null : Timestamp.from(ends), Timestamp.from(now))
				.update();
		}
		return of(electionId);
	}

	private static boolean beats(Pairwise pw, long a, long b) {
		int i = pw.candidates().indexOf(a);
		int j = pw.candidates().indexOf(b);
		return pw.p()[i][j] > pw.p()[j][i];
	}

}
