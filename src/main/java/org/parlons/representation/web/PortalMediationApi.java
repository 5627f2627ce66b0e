package org.parlons.representation.web;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.InvalidRequestException;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.representation.Mediations;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mediation in the customer space: the mediators' details, asking for mediation of one's
 * own request, following its steps and deciding on the proposal.
 */
@RestController
class PortalMediationApi {

	private final Mediations mediations;

	private final PortalRequests requests;

	private final org.parlons.representation.OnBehalf onBehalf;

	PortalMediationApi(Mediations mediations, PortalRequests requests, org.parlons.representation.OnBehalf onBehalf) {
		this.mediations = mediations;
		this.requests = requests;
		this.onBehalf = onBehalf;
	}

	/**
	 * A representative's request for mediation on a member's behalf.
	 *
	 * @param registerNumber the member's number in the representative's community
	 * @param conversationId the member's request, as numbered in their space
	 * @param reason what went wrong
	 */
	record OnBehalfOf(@NotNull String registerNumber, @NotNull Long conversationId, @Nullable String reason) {
	}

	/**
	 * A representative in office asks for mediation on behalf of a member of their
	 * community; 403 for anyone else, 404 when the request is not that member's.
	 */
	@PostMapping("/portal/api/v1/mediations/on-behalf")
	@ResponseStatus(HttpStatus.CREATED)
	Mediations.Mediation onBehalf(@AuthenticationPrincipal PortalCustomer me, @RequestBody OnBehalfOf body) {
		try {
			return InvalidRequestException.answering(() -> onBehalf.mediation(me, body.registerNumber(),
					body.conversationId() == null ? -1 : body.conversationId(),
					body.reason() == null ? "" : body.reason()));
		}
		catch (org.parlons.representation.Questions.NotInOffice ex) {
			throw org.parlons.platform.InvalidRequestException.forbiddenSaid("representation.mediation.office",
					"Only a representative in office asks on a member's behalf");
		}
	}

	/**
	 * A request for mediation.
	 *
	 * @param conversationId one of the customer's own requests
	 * @param reason what is wrong with how it went
	 */
	record Asked(@NotNull Long conversationId, @Nullable String reason) {
	}

	/**
	 * The customer's decision.
	 *
	 * @param accept true to accept the proposal
	 */
	record Decision(@NotNull Boolean accept) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements
	 */
	record Items<T>(List<T> items) {
	}

	/** The mediators, as the law asks to publish them. */
	@GetMapping("/portal/api/v1/mediators")
	Items<Mediations.Mediator> mediators() {
		return new Items<>(mediations.mediators());
	}

	/** The customer's mediations with their steps. */
	@GetMapping("/portal/api/v1/mediations")
	Items<Mediations.Mediation> mine(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(mediations.ofCustomer(requests.profilesOf(me)));
	}

	/** Asks for mediation of one of their own requests (free); 404 for someone else's. */
	@PostMapping("/portal/api/v1/mediations")
	@ResponseStatus(HttpStatus.CREATED)
	Mediations.Mediation ask(@AuthenticationPrincipal PortalCustomer me, @RequestBody Asked body) {
		long conversation = own(me, body.conversationId());
		return InvalidRequestException.answering(() -> mediations.request(conversation, requests.currentOf(me),
				body.reason() == null ? "" : body.reason()));
	}

	/** Accepts or refuses the mediator's proposal. */
	@PostMapping("/portal/api/v1/mediations/{id}/decision")
	Mediations.Mediation decide(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id,
			@RequestBody Decision body) {
		if (mediations.ofCustomer(requests.profilesOf(me)).stream().noneMatch(m -> m.id() == id)) {
			throw new NotFoundException("No mediation " + id);
		}
		return InvalidRequestException
			.answering(() -> mediations.decide(id, true, Boolean.TRUE.equals(body.accept()), null));
	}

	private long own(PortalCustomer me, @Nullable Long conversationId) {
		if (conversationId == null) {
			throw new NotFoundException("No request");
		}
		var request = requests.one(me, conversationId);
		if (request.from() != null) {
			throw new NotFoundException("No request " + conversationId + " of yours");
		}
		return request.id();
	}

}
