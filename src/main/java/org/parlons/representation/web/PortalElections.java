package org.parlons.representation.web;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.representation.BallotBox;
import org.parlons.representation.Elections;
import org.springframework.stereotype.Component;

/** The elections a customer sees in their space: those whose roll holds them. */
@Component
class PortalElections {

	/**
	 * An election as a voter sees it.
	 *
	 * @param election the election
	 * @param candidates who stands
	 * @param open whether ballots are taken now
	 * @param closed whether voting is over
	 * @param voted whether the customer voted
	 * @param mayStand whether the customer may still stand
	 */
	record Seen(Elections.Election election, List<Elections.Candidate> candidates, boolean open, boolean closed,
			boolean voted, boolean mayStand) {
	}

	private final Elections elections;

	private final BallotBox box;

	private final PortalRequests requests;

	private final Clock clock;

	PortalElections(Elections elections, BallotBox box, PortalRequests requests, Clock clock) {
		this.elections = elections;
		this.box = box;
		this.requests = requests;
		this.clock = clock;
	}

	List<Seen> of(PortalCustomer me) {
		Set<Long> person = requests.profilesOf(me);
		var now = clock.instant();
		return elections.list().stream().filter(e -> box.onRoll(e, person)).map(e -> {
			List<Elections.Candidate> candidates = elections.candidates(e.id());
			boolean standing = candidates.stream().anyMatch(c -> person.contains(c.customerId()));
			return new Seen(e, candidates, e.openAt(now), e.closedAt(now), box.voted(e.id(), person),
					!standing && now.isBefore(e.votingOpensAt()));
		}).toList();
	}

	Seen one(PortalCustomer me, long electionId) {
		return of(me).stream()
			.filter(s -> s.election().id() == electionId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No election " + electionId + " for you"));
	}

	/** Refused unless the customer is on the roll. */
	void visible(PortalCustomer me, Elections.Election e) {
		if (!box.onRoll(e, requests.profilesOf(me))) {
			throw new NotFoundException("No election " + e.id() + " for you");
		}
	}

	/** Refused unless the customer is on the roll: only voters stand. */
	void mayStand(PortalCustomer me, Elections.Election e, Set<Long> person) {
		if (!box.onRoll(e, person)) {
			throw InvalidRequestException.forbiddenSaid("representation.ballot.roll",
					"You are not on the roll of this election");
		}
	}

}
