package org.parlons.customers.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.customers.Customer;
import org.parlons.customers.CustomerHistory;
import org.parlons.customers.CustomerMerges;
import org.parlons.customers.CustomerNotes;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.CustomerFacts;
import org.parlons.customers.Customers;
import org.parlons.customers.CustomersExported;
import org.parlons.customers.Identity;
import org.parlons.customers.internal.CustomerCsv;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.Page;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer pages: the searchable list, the profile with identities, tags, notes, history
 * and merges, and CSV import and export.
 */
@Controller
class CustomerPages {

	private final Customers customers;

	private final CustomerProfiles profiles;

	private final CustomerMerges merges;

	private final CustomerNotes notes;

	private final CustomerHistory history;

	private final CustomerCsv csv;

	private final Agents agents;

	private final ApplicationEventPublisher events;

	private final List<CustomerFacts> facts;

	private final org.parlons.customers.Organisations organisations;

	CustomerPages(Customers customers, CustomerProfiles profiles, CustomerMerges merges, CustomerNotes notes,
			CustomerHistory history, CustomerCsv csv, Agents agents, ApplicationEventPublisher events,
			List<CustomerFacts> facts, org.parlons.customers.Organisations organisations) {
		this.organisations = organisations;
		this.facts = facts;
		this.events = events;
		this.customers = customers;
		this.profiles = profiles;
		this.merges = merges;
		this.notes = notes;
		this.history = history;
		this.csv = csv;
		this.agents = agents;
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/customers")
	String list(@RequestParam @Nullable String q, @RequestParam @Nullable Integer page, Model model) {
		model.addAttribute("page", customers.search(q, Page.clampPage(page), 50));
		model.addAttribute("q", q == null ? "" : q);
		return "customers/index";
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/customers/{id}")
	String show(@PathVariable long id, Model model) {
		Customer customer = profiles.get(id);
		var aliases = customers.aliasesOf(id);
		model.addAttribute("customer", customer);
		model.addAttribute("notes", notes.of(aliases));
		model.addAttribute("history", history.of(aliases));
		model.addAttribute("merges", merges.involving(id));
		model.addAttribute("duplicates",
				customer.mergedInto() == null ? customers.duplicatesOf(customer, 5) : List.of());
		model.addAttribute("facts", facts.stream().flatMap(source -> source.of(id).stream()).toList());
		model.addAttribute("agentNames",
				agents.findAll().stream().collect(Collectors.toMap(a -> a.id(), a -> a.name())));
		var membership = organisations.ofCustomer(id).orElse(null);
		model.addAttribute("membership", membership);
		model.addAttribute("organisation",
				membership == null ? null : organisations.find(membership.organisationId()).orElse(null));
		model.addAttribute("organisations", organisations.all());
		return "customers/show";
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers")
	String create(@AuthenticationPrincipal AgentPrincipal me, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String phone,
			RedirectAttributes redirect) {
		try {
			long id = profiles.create(name.isBlank() ? null : name.strip(), email, phone, me.id());
			return "redirect:/customers/" + id;
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/customers";
		}
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/notes")
	String note(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> notes.add(id, me.id(), text));
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/tags")
	String tag(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String tag,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> profiles.tag(id, tag, me.id()));
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/identities")
	String link(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String network,
			@RequestParam String handle, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> profiles.addIdentity(id, Identity.handle(network, handle), me.id()));
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/identities/{identityId}/detach")
	String unlink(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long identityId,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> profiles.detachIdentity(id, identityId, me.id()));
	}

	@Requires(Permission.MERGE_CUSTOMERS)
	@PostMapping("/customers/{id}/merge")
	String merge(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long otherId,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> merges.merge(id, otherId, me.id()));
	}

	@Requires(Permission.MERGE_CUSTOMERS)
	@PostMapping("/customers/merges/{mergeId}/undo")
	String undo(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long mergeId, @RequestParam long back,
			RedirectAttributes redirect) {
		return attempt(back, redirect, () -> merges.undo(mergeId, me.id()));
	}

	@Requires(Permission.EXPORT_CUSTOMERS)
	@GetMapping("/customers/export.csv")
	void export(@AuthenticationPrincipal AgentPrincipal me, HttpServletResponse response) throws IOException {
		events.publishEvent(new CustomersExported(me.id(), "csv"));
		response.setContentType("text/csv; charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"parlons-customers.csv\"");
		csv.exportTo(response.getWriter());
	}

	@Requires(Permission.IMPORT_CUSTOMERS)
	@PostMapping("/customers/import")
	String importCsv(@AuthenticationPrincipal AgentPrincipal me, @RequestParam("file") MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		var report = csv.importFrom(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), me.id());
		redirect.addFlashAttribute("report", report);
		return "redirect:/customers";
	}

	private String attempt(long id, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/customers/" + id;
	}

}
