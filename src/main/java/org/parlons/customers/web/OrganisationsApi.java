package org.parlons.customers.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Organisations;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organisations of customers: agents who edit customers make them and put customers in
 * them; letting an organisation's admins read their members' requests is the
 * administrators' decision (those who keep the rules), off until they make it.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationsApi {

	private final Organisations organisations;

	OrganisationsApi(Organisations organisations) {
		this.organisations = organisations;
	}

	/**
	 * An organisation to make or change.
	 *
	 * @param name what it is called
	 * @param sharesRequests whether its admins may read their members' requests in their
	 * space (administrators only; false by default)
	 */
	record OrganisationBody(@Nullable String name, @Nullable Boolean sharesRequests) {
	}

	/**
	 * A customer's place in an organisation.
	 *
	 * @param role "member" or "admin"
	 */
	record MemberBody(@Nullable String role) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/** Every organisation, by name. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	Items<Organisations.Organisation> all() {
		return new Items<>(organisations.all());
	}

	/** An organisation and its members. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}")
	Map<String, Object> one(@PathVariable long id) {
		Organisations.Organisation o = organisations.find(id)
			.orElseThrow(() -> new NotFoundException("No organisation " + id));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", o.id());
		out.put("name", o.name());
		out.put("sharesRequests", o.sharesRequests());
		out.put("members", organisations.members(id));
		return out;
	}

	/**
	 * Makes an organisation; its requests are shared only when an administrator says so.
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Organisations.Organisation create(@AuthenticationPrincipal AgentPrincipal me, @RequestBody OrganisationBody body) {
		boolean shares = Boolean.TRUE.equals(body.sharesRequests());
		requireRuleKeeper(me, shares);
		return organisations.create(body.name() == null ? "" : body.name(), shares);
	}

	/** Renames an organisation, or (administrators) lets it share requests or not. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PatchMapping("/{id}")
	Organisations.Organisation update(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody OrganisationBody body) {
		requireRuleKeeper(me, body.sharesRequests() != null);
		return organisations.update(id, body.name(), body.sharesRequests());
	}

	/** Puts a customer in the organisation as a member or one of its admins. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PutMapping("/{id}/members/{customerId}")
	Organisations.Membership join(@PathVariable long id, @PathVariable long customerId, @RequestBody MemberBody body) {
		return organisations.join(id, customerId, body.role() == null ? "member" : body.role());
	}

	/** Takes a customer out of the organisation. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@DeleteMapping("/{id}/members/{customerId}")
	ResponseEntity<Void> leave(@PathVariable long id, @PathVariable long customerId) {
		organisations.leave(id, customerId);
		return ResponseEntity.noContent().build();
	}

	private static void requireRuleKeeper(AgentPrincipal me, boolean changesSharing) {
		if (changesSharing && !me.may(Permission.MANAGE_RULES)) {
			throw InvalidRequestException.forbiddenSaid("organisations.sharingIsAdmins",
					"Only an administrator decides whether an organisation's admins read their members' requests");
		}
	}

}
