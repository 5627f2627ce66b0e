package org.parlons.privacy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.privacy.Consents;
import org.parlons.privacy.DataRequests;
import org.parlons.privacy.PersonalRecords;
import org.parlons.privacy.Purposes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data rights for the team: the consent purposes, a customer's consents and their
 * history, the customers' requests about their data with their deadlines, carried out or
 * refused, and a customer's personal data as every table holds it.
 */
@RestController
@RequestMapping("/api/v1")
class PrivacyApi {

	private final Purposes purposes;

	private final Consents consents;

	private final DataRequests requests;

	private final PersonalRecords records;

	private final Customers customers;

	PrivacyApi(Purposes purposes, Consents consents, DataRequests requests, PersonalRecords records,
			Customers customers) {
		this.purposes = purposes;
		this.consents = consents;
		this.requests = requests;
		this.records = records;
		this.customers = customers;
	}

	/**
	 * A purpose as the company defines it.
	 *
	 * @param titleFr its title in French
	 * @param titleEn its title in English
	 * @param noticeFr what customers are told, in French
	 * @param noticeEn what customers are told, in English
	 * @param lawfulBasis "consent", "contract", "legal-obligation" or
	 * "legitimate-interest"
	 * @param channels the channels it covers: "email", "sms", "whatsapp"…
	 * @param promotional whether it serves promotion (then its basis is consent)
	 */
	record PurposeBody(@NotNull String titleFr, @NotNull String titleEn, @NotNull String noticeFr,
			@NotNull String noticeEn, @NotNull String lawfulBasis, @Nullable List<String> channels,
			@Nullable Boolean promotional) {
	}

	/**
	 * A customer's consents.
	 *
	 * @param items where they stand on each purpose
	 * @param history every decision, newest first
	 */
	record CustomerConsents(List<Consents.State> items, List<Consents.Decision> history) {
	}

	/**
	 * A request an agent enters for a customer (by phone, by letter…).
	 *
	 * @param kind "access", "portability", "rectification", "restriction", "objection" or
	 * "erasure"
	 * @param verifiedIdentity the customer's identity the agent checked it against (an
	 * address or number on the profile)
	 * @param detail what the customer said
	 */
	record EnteredRequest(@NotNull String kind, @NotNull String verifiedIdentity, @Nullable String detail) {
	}

	/**
	 * How a request was carried out, or why it is refused.
	 *
	 * @param note what was done, or the reason (required to refuse)
	 */
	record Handling(@Nullable String note) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/** The purposes the company asks consent for or tells customers about. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/consent-purposes")
	Items<Purposes.Purpose> purposes() {
		return new Items<>(purposes.list());
	}

	/** Creates or changes a purpose; a changed notice gets a new hash. */
	@Requires(Permission.MANAGE_RULES)
	@PutMapping("/consent-purposes/{key}")
	Purposes.Purpose savePurpose(@PathVariable String key, @RequestBody PurposeBody body) {
		try {
			return purposes.save(key, body.titleFr(), body.titleEn(), body.noticeFr(), body.noticeEn(),
					body.lawfulBasis(), body.channels() == null ? List.of() : body.channels(),
					Boolean.TRUE.equals(body.promotional()));
		}
		catch (Refusals.Invalid ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Where a customer stands on each purpose, and every decision they made. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/customers/{id}/consents")
	CustomerConsents customerConsents(@PathVariable long id, Locale locale) {
		known(id);
		return new CustomerConsents(consents.states(id, locale), consents.history(id));
	}

	/**
	 * The open requests, the nearest deadline first ({@code ?all=true}: the latest 200).
	 */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@GetMapping("/data-requests")
	Items<DataRequests.DataRequest> dataRequests(@RequestParam(defaultValue = "false") boolean all) {
		return new Items<>(all ? requests.recent(200) : requests.open());
	}

	/** One request. */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@GetMapping("/data-requests/{id}")
	DataRequests.DataRequest dataRequest(@PathVariable long id) {
		return requests.get(id);
	}

	/**
	 * Enters a request a customer made elsewhere, checked against one of their identities
	 * (422 when the identity is not theirs).
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/data-requests")
	@ResponseStatus(HttpStatus.CREATED)
	DataRequests.DataRequest enter(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody EnteredRequest body) {
		known(id);
		String identity = body.verifiedIdentity() == null ? "" : body.verifiedIdentity().strip();
		boolean theirs = customers.aliasesOf(customers.current(id))
			.stream()
			.flatMap(p -> customers.identities(p).stream())
			.anyMatch(i -> i.identity().value().equalsIgnoreCase(identity));
		if (!theirs) {
			throw InvalidRequestException.said("privacy.request.identity",
					"The identity checked must be one of the customer's");
		}
		try {
			return requests.receive(id, body.kind() == null ? "" : body.kind(), body.detail(), "agent", identity,
					me.id());
		}
		catch (Refusals.Invalid | Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/**
	 * Carries a request out (erasure erases, at once and for good); 409 when it is no
	 * longer open.
	 */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/data-requests/{id}/execute")
	DataRequests.DataRequest execute(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody(required = false) @Nullable Handling body) {
		try {
			return requests.execute(id, me.id(), body == null ? null : body.note());
		}
		catch (Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Marks a request as being handled by the caller; 409 when it is no longer open. */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/data-requests/{id}/start")
	DataRequests.DataRequest start(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		try {
			return requests.start(id, me.id());
		}
		catch (Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Refuses a request with its reason; 409 when it is no longer open. */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/data-requests/{id}/refusal")
	DataRequests.DataRequest refuse(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Handling body) {
		try {
			return requests.refuse(id, me.id(), body.note() == null ? "" : body.note());
		}
		catch (Refusals.Invalid | Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/**
	 * Every row of every table that refers to the customer (the database's foreign keys
	 * say which), secrets left out: what an access or portability request is answered
	 * with, besides the customer's own export.
	 */
	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@GetMapping("/customers/{id}/personal-data")
	Map<String, Object> personalData(@PathVariable long id) {
		known(id);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("customerId", customers.current(id));
		out.put("tables", records.of(customers.aliasesOf(customers.current(id))));
		return out;
	}

	private void known(long id) {
		if (customers.findById(id).isEmpty()) {
			throw new NotFoundException("No customer " + id);
		}
	}

}
