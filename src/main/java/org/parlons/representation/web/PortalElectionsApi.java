package org.parlons.representation.web;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.representation.BallotBox;
import org.parlons.representation.Elections;
import org.parlons.representation.Results;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Elections in the customer space: those the customer may vote in, their ballot, their
 * candidacy, and the results once voting closed.
 */
@RestController
class PortalElectionsApi {

	private final PortalElections portal;

	private final BallotBox box;

	private final Elections elections;

	private final Results results;

	private final PortalRequests requests;

	private final org.parlons.representation.Questions questions;

	private final org.parlons.representation.Recalls recalls;

	PortalElectionsApi(PortalElections portal, BallotBox box, Elections elections, Results results,
			PortalRequests requests, org.parlons.representation.Questions questions,
			org.parlons.representation.Recalls recalls) {
		this.recalls = recalls;
		this.questions = questions;
		this.portal = portal;
		this.box = box;
		this.elections = elections;
		this.results = results;
		this.requests = requests;
	}

	/**
	 * A ballot.
	 *
	 * @param ranking the candidacies: in order of preference (Schulze), those approved
	 * (approval), or the one chosen (plurality; up to the seats)
	 */
	record Ballot(@Nullable List<Long> ranking) {
	}

	/**
	 * A ballot counted.
	 *
	 * @param counted always true: the ballot is in the box, with no name on it
	 */
	record Counted(boolean counted) {
	}

	/**
	 * A candidacy.
	 *
	 * @param statement what the customer stands for
	 */
	record Candidacy(@Nullable String statement) {
	}

	/**
	 * Elections.
	 *
	 * @param items those the customer is on the roll of, or may stand in
	 */
	record Items(List<PortalElections.Seen> items) {
	}

	/** The elections the customer may vote or stand in. */
	@GetMapping("/portal/api/v1/elections")
	Items mine(@AuthenticationPrincipal PortalCustomer me) {
		return new Items(portal.of(me));
	}

	/**
	 * Casts the customer's ballot: 201; 409 when they voted already through any of their
	 * profiles, or voting is not open; 403 when they are not on the roll.
	 */
	@PostMapping("/portal/api/v1/elections/{id}/ballot")
	@ResponseStatus(HttpStatus.CREATED)
	Counted vote(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, @RequestBody Ballot body) {
		try {
			box.cast(id, requests.currentOf(me), body.ranking() == null ? List.of() : body.ranking());
			return new Counted(true);
		}
		catch (BallotBox.NotOnTheRoll ex) {
			throw InvalidRequestException.forbiddenSaid("representation.ballot.roll",
					"You are not on the roll of this election");
		}
		catch (RuntimeException ex) {
			throw ex instanceof org.parlons.platform.Refusals.Said ? InvalidRequestException.from(ex) : ex;
		}
	}

	/** The customer stands, before voting opens. */
	@PostMapping("/portal/api/v1/elections/{id}/candidacy")
	@ResponseStatus(HttpStatus.CREATED)
	Elections.Candidate stand(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id,
			@RequestBody(required = false) @Nullable Candidacy body) {
		Set<Long> person = requests.profilesOf(me);
		portal.mayStand(me, elections.get(id), person);
		return InvalidRequestException
			.answering(() -> elections.stand(id, requests.currentOf(me), body == null ? null : body.statement(), true));
	}

	/**
	 * A question a representative raises.
	 *
	 * @param subject what it is about
	 * @param text the question
	 */
	record Raised(@Nullable String subject, @Nullable String text) {
	}

	/**
	 * The public record.
	 *
	 * @param items the latest questions raised by representatives and their answers
	 */
	record Record(List<org.parlons.representation.Questions.Question> items) {
	}

	/**
	 * A representative in office raises a question with the brand: it opens in the
	 * representatives' inbox; 403 for anyone else.
	 */
	@PostMapping("/portal/api/v1/representatives/questions")
	@ResponseStatus(HttpStatus.CREATED)
	org.parlons.representation.Questions.Question raise(@AuthenticationPrincipal PortalCustomer me,
			@RequestBody Raised body) {
		try {
			return InvalidRequestException.answering(() -> questions.raise(me,
					body.subject() == null ? "" : body.subject(), body.text() == null ? "" : body.text()));
		}
		catch (org.parlons.representation.Questions.NotInOffice ex) {
			throw InvalidRequestException.forbiddenSaid("representation.question.office",
					"Only a representative in office raises questions here");
		}
	}

	/**
	 * What representatives raised and what the brand answered, for every customer to
	 * read.
	 */
	@GetMapping("/portal/api/v1/representatives/record")
	Record record() {
		return new Record(questions.record(100));
	}

	/**
	 * Signs the petition to recall a representative: 201 with where it stands (past a
	 * fifth of those represented, the term ends); 403 for someone they do not represent,
	 * 409 for a second signature.
	 */
	@PostMapping("/portal/api/v1/representatives/{id}/recall")
	@ResponseStatus(HttpStatus.CREATED)
	org.parlons.representation.Recalls.Petition recall(@AuthenticationPrincipal PortalCustomer me,
			@PathVariable long id) {
		try {
			return InvalidRequestException.answering(() -> recalls.sign(id, requests.currentOf(me)));
		}
		catch (org.parlons.representation.Recalls.NotRepresented ex) {
			throw InvalidRequestException.forbiddenSaid("representation.recall.notRepresented",
					"You are not among those this representative represents");
		}
	}

	/** The results, once voting closed. */
	@GetMapping("/portal/api/v1/elections/{id}/results")
	Results.Result results(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id) {
		portal.visible(me, elections.get(id));
		return InvalidRequestException.answering(() -> results.of(id));
	}

}
