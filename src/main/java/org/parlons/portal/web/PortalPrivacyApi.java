package org.parlons.portal.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.portal.Grants;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.privacy.Consents;
import org.parlons.privacy.DataRequests;
import org.parlons.privacy.Receipts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's data rights in their space: consents per purpose with their receipts,
 * requests about their data (erasure among them), and the access they give others.
 */
@RestController
class PortalPrivacyApi {

	private final Consents consents;

	private final Receipts receipts;

	private final DataRequests dataRequests;

	private final Grants grants;

	private final PortalRequests requests;

	PortalPrivacyApi(Consents consents, Receipts receipts, DataRequests dataRequests, Grants grants,
			PortalRequests requests) {
		this.consents = consents;
		this.receipts = receipts;
		this.dataRequests = dataRequests;
		this.grants = grants;
		this.requests = requests;
	}

	/**
	 * A decision on a purpose.
	 *
	 * @param granted true to consent, false to withdraw or refuse
	 */
	record ConsentChoice(@NotNull Boolean granted) {
	}

	/**
	 * A request about the customer's data.
	 *
	 * @param kind "access", "portability", "rectification", "restriction", "objection" or
	 * "erasure"
	 * @param detail what the customer wants to add, up to 4,000 characters
	 */
	record NewDataRequest(@NotNull String kind, @Nullable String detail) {
	}

	/**
	 * An erasure request.
	 *
	 * @param detail what the customer wants to add, up to 4,000 characters
	 */
	record ErasureRequest(@Nullable String detail) {
	}

	/**
	 * Access to give.
	 *
	 * @param grantee who it is for, as the customer names them
	 * @param scopes what they may read: "requests:read", "contracts:read",
	 * "consumption:read"
	 * @param expiresAt when it ends by itself, if it should
	 */
	record NewGrant(@Nullable String grantee, @Nullable List<String> scopes, @Nullable Instant expiresAt) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	@GetMapping("/portal/api/v1/consents")
	Items<Consents.State> consents(@AuthenticationPrincipal PortalCustomer me, Locale locale) {
		return new Items<>(consents.states(requests.currentOf(me), locale));
	}

	@PutMapping("/portal/api/v1/consents/{purpose}")
	Consents.State decide(@AuthenticationPrincipal PortalCustomer me, @PathVariable String purpose,
			@RequestBody ConsentChoice body, Locale locale) {
		if (body.granted() == null) {
			throw InvalidRequestException.said("privacy.consent.granted", "Say \"granted\": true or false");
		}
		long id = requests.currentOf(me);
		try {
			consents.decideAsCustomer(id, purpose, body.granted(), locale.getLanguage());
		}
		catch (Refusals.Invalid ex) {
			throw InvalidRequestException.from(ex);
		}
		return consents.states(id, locale).stream().filter(s -> s.purpose().equals(purpose)).findFirst().orElseThrow();
	}

	@GetMapping("/portal/api/v1/consents/history")
	Items<Consents.Decision> consentHistory(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(consents.history(requests.currentOf(me)));
	}

	@GetMapping("/portal/api/v1/consents/receipts/{receiptId}")
	ResponseEntity<Map<String, Object>> receipt(@AuthenticationPrincipal PortalCustomer me,
			@PathVariable String receiptId) {
		Set<Long> mine = requests.profilesOf(me);
		Consents.Decision decision = consents.byReceipt(receiptId)
			.filter(d -> mine.contains(d.customerId()))
			.orElseThrow(() -> new NotFoundException("No receipt " + receiptId));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-" + receiptId + ".json\"")
			.body(receipts.receipt(decision));
	}

	@GetMapping("/portal/receipt-keys.json")
	Map<String, Object> receiptKeys() {
		return receipts.keys();
	}

	@GetMapping("/portal/api/v1/data-requests")
	Items<DataRequests.DataRequest> dataRequests(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(dataRequests.ofCustomer(requests.currentOf(me)));
	}

	@PostMapping("/portal/api/v1/data-requests")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> newDataRequest(@AuthenticationPrincipal PortalCustomer me, @RequestBody NewDataRequest body) {
		return Map.of("id", receive(me, body.kind(), body.detail()).id());
	}

	@PostMapping("/portal/api/v1/erasure")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> erasure(@AuthenticationPrincipal PortalCustomer me,
			@RequestBody(required = false) @Nullable ErasureRequest body) {
		DataRequests.DataRequest r = receive(me, "erasure", body == null ? null : body.detail());
		return Map.of("id", r.id(), "status", r.status(), "dueAt", r.dueAt().toString());
	}

	private DataRequests.DataRequest receive(PortalCustomer me, @Nullable String kind, @Nullable String detail) {
		if (kind == null) {
			throw InvalidRequestException.said("privacy.request.kind", "Unknown kind of request", "");
		}
		try {
			return dataRequests.receive(requests.currentOf(me), kind, detail, "portal",
					"signed in to the customer space", null);
		}
		catch (Refusals.Invalid | Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	@GetMapping("/portal/api/v1/grants")
	Items<Grants.Grant> grants(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(grants.of(requests.profilesOf(me)));
	}

	@PostMapping("/portal/api/v1/grants")
	@ResponseStatus(HttpStatus.CREATED)
	Grants.Given give(@AuthenticationPrincipal PortalCustomer me, @RequestBody NewGrant body) {
		try {
			return grants.give(requests.currentOf(me), body.grantee() == null ? "" : body.grantee(),
					body.scopes() == null ? List.of() : body.scopes(), body.expiresAt());
		}
		catch (Refusals.Invalid ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	@DeleteMapping("/portal/api/v1/grants/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id) {
		grants.revoke(requests.profilesOf(me), id);
	}

}
