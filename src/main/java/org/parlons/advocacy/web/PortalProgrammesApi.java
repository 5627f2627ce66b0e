package org.parlons.advocacy.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.parlons.advocacy.Rewards;
import org.parlons.platform.InvalidRequestException;
import org.parlons.portal.PortalCustomer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A member's programmes in their space: their status, mission, contract and points, and
 * the rewards they ask for.
 */
@RestController
class PortalProgrammesApi {

	private final PortalProgrammes portal;

	private final Rewards rewards;

	PortalProgrammesApi(PortalProgrammes portal, Rewards rewards) {
		this.portal = portal;
		this.rewards = rewards;
	}

	/**
	 * A reward asked for.
	 *
	 * @param rewardId one of the programme's rewards
	 */
	record Ask(@NotNull Long rewardId) {
	}

	/**
	 * The customer's memberships.
	 *
	 * @param items each membership with its rewards and points
	 */
	record Memberships(List<PortalProgrammes.Membership> items) {
	}

	/** The programmes the customer belongs or belonged to. */
	@GetMapping("/portal/api/v1/programmes")
	Memberships mine(@AuthenticationPrincipal PortalCustomer me) {
		return new Memberships(portal.of(me));
	}

	/**
	 * Asks for a reward: the points are set aside until a manager decides; 409 when the
	 * member is not active or lacks the points.
	 */
	@PostMapping("/portal/api/v1/programmes/{memberId}/redemptions")
	@ResponseStatus(HttpStatus.CREATED)
	Rewards.Redemption ask(@AuthenticationPrincipal PortalCustomer me, @PathVariable long memberId,
			@Valid @RequestBody Ask body) {
		portal.mine(me, memberId);
		return InvalidRequestException.answering(() -> rewards.request(memberId, body.rewardId()));
	}

}
