package org.parlons.portal.web;

import java.util.List;

import org.parlons.portal.Contracts;
import org.parlons.portal.Grants;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.platform.InvalidRequestException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a customer's grantee reads with the token the customer gave them: the customer's
 * requests, contracts or consumption, each only with its scope ({@code requests:read},
 * {@code contracts:read}, {@code consumption:read}), exactly as the customer sees them in
 * their space. Every read is logged for the customer.
 */
@RestController
@RequestMapping("/vrm/api/v1")
class VrmApi {

	private final Grants grants;

	private final PortalRequests requests;

	private final Contracts contracts;

	VrmApi(Grants grants, PortalRequests requests, Contracts contracts) {
		this.grants = grants;
		this.requests = requests;
		this.contracts = contracts;
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/** The customer's requests (scope {@code requests:read}). */
	@GetMapping("/requests")
	Items<PortalRequests.Request> requests(@AuthenticationPrincipal Grants.Holder holder) {
		scope(holder, "requests:read");
		List<PortalRequests.Request> items = requests.list(new PortalCustomer(holder.customerId()))
			.stream()
			.filter(r -> r.from() == null)
			.toList();
		grants.logRead(holder.grantId(), "requests", items.size());
		return new Items<>(items);
	}

	/** The customer's contracts (scope {@code contracts:read}). */
	@GetMapping("/contracts")
	Items<Contracts.Contract> contracts(@AuthenticationPrincipal Grants.Holder holder) {
		scope(holder, "contracts:read");
		List<Contracts.Contract> items = contracts.ofCustomer(holder.customerId());
		grants.logRead(holder.grantId(), "contracts", items.size());
		return new Items<>(items);
	}

	/** The customer's consumption (scope {@code consumption:read}). */
	@GetMapping("/consumption")
	Items<Contracts.Consumption> consumption(@AuthenticationPrincipal Grants.Holder holder) {
		scope(holder, "consumption:read");
		List<Contracts.Consumption> items = contracts
			.consumptionOf(requests.profilesOf(new PortalCustomer(holder.customerId())));
		grants.logRead(holder.grantId(), "consumption", items.size());
		return new Items<>(items);
	}

	private static void scope(Grants.Holder holder, String scope) {
		if (!holder.scopes().contains(scope)) {
			throw InvalidRequestException.forbiddenSaid("vrm.problem.scope", "This access does not cover " + scope,
					scope);
		}
	}

}
