package org.parlons.representation.web;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.representation.Communities;
import org.parlons.representation.Elections;
import org.parlons.representation.Representatives;
import org.parlons.representation.Results;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer representation for the company: communities and their members, elections with
 * their candidates, closing, results with their count, and certification.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_REPRESENTATION)
class RepresentationApi {

	private final Communities communities;

	private final Elections elections;

	private final Results results;

	private final Representatives representatives;

	private final Customers customers;

	private final org.parlons.representation.Questions questions;

	private final org.parlons.representation.RegisterImport register;

	RepresentationApi(Communities communities, Elections elections, Results results, Representatives representatives,
			Customers customers, org.parlons.representation.Questions questions,
			org.parlons.representation.RegisterImport register) {
		this.register = register;
		this.questions = questions;
		this.communities = communities;
		this.elections = elections;
		this.results = results;
		this.representatives = representatives;
		this.customers = customers;
	}

	/**
	 * A new community.
	 *
	 * @param name its name, unique
	 * @param description what it gathers
	 */
	record NewCommunity(@NotNull String name, @Nullable String description) {
	}

	/**
	 * A membership.
	 *
	 * @param kind "member" (the default), "shareholder" (sociétaire) or "honorary"
	 * @param role their role in the community ("président du conseil")
	 * @param registerNumber the number in the company's register: never given to anyone
	 * else
	 * @param since from when (now when left out)
	 */
	record MembershipBody(@Nullable String kind, @Nullable String role, @Nullable String registerNumber,
			@Nullable OffsetDateTime since) {
	}

	/**
	 * Who votes.
	 *
	 * @param communityId the members of a community when voting opens
	 * @param all every customer known when voting opens
	 * @param activeMonths customers who opened a conversation in that many months before
	 * voting opens
	 */
	record ElectorateBody(@Nullable Long communityId, @Nullable Boolean all, @Nullable Integer activeMonths) {

		String kind() {
			int given = (communityId != null ? 1 : 0) + (Boolean.TRUE.equals(all) ? 1 : 0)
					+ (activeMonths != null ? 1 : 0);
			if (given != 1) {
				throw InvalidRequestException.said("representation.election.electorate",
						"electorate: {communityId}, {all: true} or {activeMonths}");
			}
			return communityId != null ? "community" : activeMonths != null ? "active" : "all";
		}

	}

	/**
	 * A new election.
	 *
	 * @param title what is elected
	 * @param seats how many are elected
	 * @param method "plurality", "approval" or "schulze"
	 * @param electorate who votes
	 * @param votingOpensAt when voting opens (the roll is who qualifies then)
	 * @param votingClosesAt when it closes
	 * @param termMonths the term of the elected, in months
	 */
	record NewElection(@NotNull String title, int seats, @NotNull String method, @NotNull ElectorateBody electorate,
			@NotNull OffsetDateTime votingOpensAt, @NotNull OffsetDateTime votingClosesAt,
			@Nullable Integer termMonths) {
	}

	/**
	 * A candidacy.
	 *
	 * @param customerId the customer standing
	 * @param statement what they stand for
	 */
	record NewCandidate(@NotNull Long customerId, @Nullable String statement) {
	}

	/**
	 * An election with its candidates.
	 *
	 * @param election the election
	 * @param candidates who stands, in the order they stood
	 */
	record ElectionView(Elections.Election election, List<Elections.Candidate> candidates) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements
	 */
	record Items<T>(List<T> items) {
	}

	/** Creates a community. */
	@PostMapping("/communities")
	@ResponseStatus(HttpStatus.CREATED)
	Communities.Community createCommunity(@RequestBody NewCommunity body) {
		return InvalidRequestException.answering(() -> communities.create(body.name(), body.description()));
	}

	/** The communities, with their active members. */
	@GetMapping("/communities")
	Items<Communities.Community> communities() {
		return new Items<>(communities.list());
	}

	/** A community's members, ended ones too. */
	@GetMapping("/communities/{id}/members")
	Items<Communities.Membership> members(@PathVariable long id) {
		communities.get(id);
		return new Items<>(communities.members(id));
	}

	/** Makes a customer a member, or changes their membership. */
	@PutMapping("/communities/{id}/members/{customerId}")
	Communities.Membership join(@PathVariable long id, @PathVariable long customerId,
			@RequestBody(required = false) @Nullable MembershipBody body) {
		if (customers.findById(customerId).isEmpty()) {
			throw new NotFoundException("No customer " + customerId);
		}
		long current = customers.current(customerId);
		return InvalidRequestException.answering(() -> communities.join(id, current, body == null ? null : body.kind(),
				body == null ? null : body.role(), body == null ? null : body.registerNumber(),
				body == null || body.since() == null ? null : body.since().toInstant()));
	}

	/**
	 * A suspension.
	 *
	 * @param suspended true to suspend (no vote meanwhile), false to lift it
	 */
	record Suspension(@NotNull Boolean suspended) {
	}

	/**
	 * Suspends a membership or lifts the suspension; 409 when it is not in that state.
	 */
	@PostMapping("/communities/{id}/members/{customerId}/suspension")
	Communities.Membership suspend(@PathVariable long id, @PathVariable long customerId, @RequestBody Suspension body) {
		return InvalidRequestException.answering(
				() -> communities.suspend(id, customers.current(customerId), Boolean.TRUE.equals(body.suspended())));
	}

	/**
	 * Imports members from the company's register (CSV: {@code customer} or
	 * {@code email}, {@code kind}, {@code registerNumber}, {@code role}, {@code since});
	 * a file with a bad line imports nothing and answers 422 with each line's error.
	 */
	@PostMapping(path = "/communities/{id}/members/import", consumes = "text/csv")
	org.parlons.representation.RegisterImport.Report importMembers(@PathVariable long id, @RequestBody String body,
			java.util.Locale locale) {
		var report = register.load(id, new java.io.StringReader(body), locale);
		if (!report.errors().isEmpty()) {
			InvalidRequestException rejected = InvalidRequestException.said(
					"representation.import.rejected", "Nothing was imported: " + report.errors().size()
							+ " line(s) cannot be taken. " + report.errors().get(0),
					String.valueOf(report.errors().size()), report.errors().get(0));
			rejected.getBody().setProperty("errors", report.errors());
			throw rejected;
		}
		return report;
	}

	/** Ends a membership; the member keeps their register number. */
	@DeleteMapping("/communities/{id}/members/{customerId}")
	Communities.Membership end(@PathVariable long id, @PathVariable long customerId) {
		return communities.end(id, customers.current(customerId));
	}

	/** Creates an election. */
	@PostMapping("/elections")
	@ResponseStatus(HttpStatus.CREATED)
	Elections.Election create(@AuthenticationPrincipal AgentPrincipal me, @RequestBody NewElection body) {
		if (body.electorate() == null || body.votingOpensAt() == null || body.votingClosesAt() == null) {
			throw InvalidRequestException.said("representation.election.incomplete",
					"electorate, votingOpensAt and votingClosesAt are required");
		}
		String kind = body.electorate().kind();
		return InvalidRequestException.answering(() -> elections.create(
				new Elections.NewElection(body.title(), body.seats(), body.method(), kind,
						body.electorate().communityId(), body.electorate().activeMonths(),
						body.votingOpensAt().toInstant(), body.votingClosesAt().toInstant(), body.termMonths()),
				me.id()));
	}

	/** The elections, the latest first. */
	@GetMapping("/elections")
	Items<Elections.Election> elections() {
		return new Items<>(elections.list());
	}

	/** One election with its candidates. */
	@GetMapping("/elections/{id}")
	ElectionView election(@PathVariable long id) {
		return new ElectionView(elections.get(id), elections.candidates(id));
	}

	/**
	 * Enters a candidacy; refused once someone voted (the ballot is the same for
	 * everyone).
	 */
	@PostMapping("/elections/{id}/candidates")
	@ResponseStatus(HttpStatus.CREATED)
	Elections.Candidate stand(@PathVariable long id, @RequestBody NewCandidate body) {
		if (body.customerId() == null || customers.findById(body.customerId()).isEmpty()) {
			throw new NotFoundException("No customer " + body.customerId());
		}
		return InvalidRequestException.answering(() -> elections.stand(id, body.customerId(), body.statement(), false));
	}

	/** Closes voting now. */
	@PostMapping("/elections/{id}/close")
	Elections.Election close(@PathVariable long id) {
		return InvalidRequestException.answering(() -> elections.close(id));
	}

	/**
	 * The count once voting closed (409 before): winners, each candidate's votes, the
	 * Schulze matrices, ballots and turnout. Ballots are counted without their voters.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/elections/{id}/results")
	Results.Result results(@PathVariable long id) {
		return InvalidRequestException.answering(() -> results.of(id));
	}

	/** Certifies the results once; the winners become representatives for the term. */
	@PostMapping("/elections/{id}/certification")
	Results.Result certify(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		return InvalidRequestException.answering(() -> results.certify(id, me.id()));
	}

	/** The representatives whose term runs. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/representatives")
	Items<Representatives.Representative> representatives() {
		return new Items<>(representatives.current());
	}

	/** What representatives raised and the answers: the public record. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/representatives/questions")
	Items<org.parlons.representation.Questions.Question> questions() {
		return new Items<>(questions.record(200));
	}

}
