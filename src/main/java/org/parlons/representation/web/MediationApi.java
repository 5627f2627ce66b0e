package org.parlons.representation.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.Messages;
import org.parlons.representation.Mediations;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consumer mediation for the company and its mediators: the mediators published to
 * customers, the cases with their dated steps, the read-only bundle of a case, the
 * mediator's proposal and the company's decision.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_REPRESENTATION)
class MediationApi {

	private final Mediations mediations;

	private final Messages messages;

	private final org.parlons.representation.MediatorLinks links;

	MediationApi(Mediations mediations, Messages messages, org.parlons.representation.MediatorLinks links) {
		this.mediations = mediations;
		this.messages = messages;
		this.links = links;
	}

	/**
	 * A link.
	 *
	 * @param url where the mediator reads the case and proposes, without an account
	 */
	record Link(String url) {
	}

	/**
	 * The signed link for the mediator who has the case (an external one); 409 before one
	 * has it.
	 */
	@GetMapping("/mediations/{id}/mediator-link")
	Link link(@PathVariable long id) {
		return new Link(InvalidRequestException.answering(() -> links.linkOf(id)));
	}

	/**
	 * A mediator.
	 *
	 * @param name their name
	 * @param organisation the body they belong to
	 * @param website where customers reach them
	 * @param email their address
	 * @param external whether they are outside the company (a consumer mediator)
	 */
	record NewMediator(@NotNull String name, @Nullable String organisation, @Nullable String website,
			@Nullable String email, @Nullable Boolean external) {
	}

	/**
	 * The mediator given a case.
	 *
	 * @param mediatorId one of the mediators
	 */
	record Assignment(@NotNull Long mediatorId) {
	}

	/**
	 * A proposed resolution.
	 *
	 * @param text what the mediator proposes
	 */
	record Proposal(@NotNull String text) {
	}

	/**
	 * A side's decision.
	 *
	 * @param accept true to accept the proposal, false to refuse it
	 */
	record Decision(@NotNull Boolean accept) {
	}

	/**
	 * A line of the case.
	 *
	 * @param direction "in" from the customer, "out" from the company
	 * @param text what was written
	 * @param at when
	 */
	record Line(String direction, String text, Instant at) {
	}

	/**
	 * What the mediator reads, and may not change.
	 *
	 * @param mediation the case
	 * @param thread the request's messages that reached either side, in order (internal
	 * notes left out)
	 */
	record Bundle(Mediations.Mediation mediation, List<Line> thread) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements
	 */
	record Items<T>(List<T> items) {
	}

	/** Adds a mediator; customers see their details in their space. */
	@PostMapping("/mediators")
	@ResponseStatus(HttpStatus.CREATED)
	Mediations.Mediator addMediator(@RequestBody NewMediator body) {
		return InvalidRequestException.answering(() -> mediations.addMediator(body.name(), body.organisation(),
				body.website(), body.email(), Boolean.TRUE.equals(body.external())));
	}

	/** The mediators. */
	@GetMapping("/mediators")
	Items<Mediations.Mediator> mediators() {
		return new Items<>(mediations.mediators());
	}

	/** The mediations, the latest first. */
	@GetMapping("/mediations")
	Items<Mediations.Mediation> list() {
		return new Items<>(mediations.list());
	}

	/** The read-only bundle of a case. */
	@GetMapping("/mediations/{id}/bundle")
	Bundle bundle(@PathVariable long id) {
		Mediations.Mediation m = mediations.get(id);
		return new Bundle(m,
				messages.ofConversation(m.conversationId())
					.stream()
					.filter(x -> x.inbound() || x.status().reachedCustomer())
					.map(x -> new Line(x.direction(), x.text(), x.sentAt()))
					.toList());
	}

	/** Gives the case to a mediator; 409 unless it was just requested. */
	@PostMapping("/mediations/{id}/mediator")
	Mediations.Mediation assign(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Assignment body) {
		return InvalidRequestException.answering(() -> mediations.assign(id, body.mediatorId(), me.id()));
	}

	/** The mediator's proposal; 409 unless a mediator has the case. */
	@PostMapping("/mediations/{id}/proposal")
	Mediations.Mediation propose(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Proposal body) {
		return InvalidRequestException.answering(() -> mediations.propose(id, body.text(), me.id()));
	}

	/** The company's decision on the proposal. */
	@PostMapping("/mediations/{id}/decision")
	Mediations.Mediation decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Decision body) {
		return InvalidRequestException
			.answering(() -> mediations.decide(id, false, Boolean.TRUE.equals(body.accept()), me.id()));
	}

}
