package org.parlons.customers.web;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.customers.Customer;
import org.parlons.customers.CustomerHistory;
import org.parlons.customers.CustomerMerges;
import org.parlons.customers.CustomerNotes;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.Customers;
import org.parlons.customers.CustomersExported;
import org.parlons.customers.Identity;
import org.parlons.customers.internal.CustomerCsv;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.Page;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customers over the API: search, profile, edits, identities, notes, merge and undo, CSV.
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomersApi {

	private final Customers customers;

	private final CustomerProfiles profiles;

	private final CustomerMerges merges;

	private final CustomerNotes notes;

	private final CustomerHistory history;

	private final CustomerCsv csv;

	private final ApplicationEventPublisher events;

	CustomersApi(Customers customers, CustomerProfiles profiles, CustomerMerges merges, CustomerNotes notes,
			CustomerHistory history, CustomerCsv csv, ApplicationEventPublisher events) {
		this.events = events;
		this.customers = customers;
		this.profiles = profiles;
		this.merges = merges;
		this.notes = notes;
		this.history = history;
		this.csv = csv;
	}

	/**
	 * A change of name or attributes.
	 *
	 * @param name the new name
	 * @param attributes attributes to set (a null value removes one)
	 */
	record Edit(@Nullable String name, @Nullable Map<String, Object> attributes) {
	}

	/**
	 * An identity to add to a profile.
	 *
	 * @param kind "email", "phone", "handle" or "external"
	 * @param namespace the network of a handle, the channel of an external id
	 * @param value the address, number, handle or id
	 */
	record NewIdentity(@NotNull String kind, @Nullable String namespace, @NotNull String value) {
	}

	/**
	 * A merge into this profile.
	 *
	 * @param mergedId the profile to absorb (its conversations and identities move here)
	 */
	record MergeRequest(@NotNull Long mergedId) {
	}

	/**
	 * A note's text.
	 *
	 * @param text seen by agents only
	 */
	record Text(@NotNull String text) {
	}

	/**
	 * A tag.
	 *
	 * @param tag 1 to 100 characters
	 */
	record Tag(@NotNull String tag) {
	}

	/**
	 * Customers whose name or one of whose identities (email, phone, handle) contains
	 * {@code q}; merged ones left out.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	Page<Customer> search(@RequestParam @Nullable String q, @RequestParam @Nullable Integer page,
			@RequestParam @Nullable Integer size) {
		return customers.search(q, Page.clampPage(page), Page.clampSize(size, 25));
	}

	/** One customer with identities, attributes and tags. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}")
	Customer one(@PathVariable long id) {
		return profiles.get(id);
	}

	/** Changes a customer's name or attributes; recorded in their history. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PatchMapping("/{id}")
	Customer edit(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Edit body) {
		profiles.update(id, body.name(), body.attributes(), me.id());
		return profiles.get(id);
	}

	/**
	 * Adds an identity (email, phone, a network handle) to a customer; one already held
	 * by another customer is refused.
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/{id}/identities")
	Customer identity(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody NewIdentity body) {
		Identity identity = switch (body.kind()) {
			case "email" -> Identity.email(body.value());
			case "phone" -> Identity.phone(body.value(), profiles.defaultRegion());
			case "handle" -> Identity.handle(body.namespace() == null ? "" : body.namespace(), body.value());
			default -> throw new IllegalArgumentException("kind must be email, phone or handle");
		};
		profiles.addIdentity(id, identity, me.id());
		return profiles.get(id);
	}

	/** Unlinks an identity into a profile of its own; answers the new profile. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/{id}/identities/{identityId}/detach")
	@ResponseStatus(HttpStatus.CREATED)
	Customer detach(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long identityId) {
		return profiles.get(profiles.detachIdentity(id, identityId, me.id()));
	}

	/** Adds a tag. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/{id}/tags")
	Customer tag(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Tag body) {
		profiles.tag(id, body.tag(), me.id());
		return profiles.get(id);
	}

	/** Adds a note on the customer, seen by agents only. */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/{id}/notes")
	@ResponseStatus(HttpStatus.CREATED)
	List<CustomerNotes.Note> note(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Text body) {
		profiles.get(id);
		notes.add(id, me.id(), body.text());
		return notes.of(customers.aliasesOf(id));
	}

	/** What changed on the customer, by whom and when. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}/history")
	List<CustomerHistory.Entry> history(@PathVariable long id) {
		return history.of(customers.aliasesOf(id));
	}

	/**
	 * Merges another customer into this one (identities, conversations, notes); the merge
	 * can be undone.
	 */
	@Requires(Permission.MERGE_CUSTOMERS)
	@PostMapping("/{id}/merge")
	CustomerMerges.Merge merge(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody MergeRequest body) {
		return merges.merge(id, body.mergedId(), me.id());
	}

	/** Undoes a merge: the merged customer comes back with what was theirs. */
	@Requires(Permission.MERGE_CUSTOMERS)
	@PostMapping("/merges/{mergeId}/undo")
	CustomerMerges.Merge undo(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long mergeId) {
		return merges.undo(mergeId, me.id());
	}

	/** Every customer as CSV. */
	@Requires(Permission.EXPORT_CUSTOMERS)
	@GetMapping(path = "/export", produces = "text/csv")
	ResponseEntity<String> export(@AuthenticationPrincipal AgentPrincipal me) throws IOException {
		events.publishEvent(new CustomersExported(me.id(), "csv"));
		StringWriter out = new StringWriter();
		csv.exportTo(out);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
			.body(out.toString());
	}

	/**
	 * Imports customers from CSV, all or nothing: a file with a bad line imports nothing
	 * and answers 422 with each line's error.
	 */
	@Requires(Permission.IMPORT_CUSTOMERS)
	@PostMapping(path = "/import", consumes = "text/csv")
	CustomerCsv.ImportReport importCsv(@AuthenticationPrincipal AgentPrincipal me, @RequestBody String body)
			throws IOException {
		CustomerCsv.ImportReport report = csv.importFrom(new StringReader(body), me.id());
		if (report.rejected()) {
			InvalidRequestException rejected = InvalidRequestException.said(
					"customers.refused.import", "Nothing was imported: " + report.errors().size()
							+ " line(s) cannot be taken. " + report.errors().get(0),
					report.errors().size(), report.errors().get(0));
			rejected.getBody().setProperty("errors", report.errors());
			throw rejected;
		}
		return report;
	}

}
