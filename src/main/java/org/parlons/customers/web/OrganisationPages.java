package org.parlons.customers.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Organisations;
import org.parlons.platform.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer page's organisation card: join an organisation (or a new one), change
 * one's role, leave; administrators let an organisation share its requests.
 */
@Controller
class OrganisationPages {

	private final Organisations organisations;

	private final MessageSource words;

	OrganisationPages(Organisations organisations, MessageSource words) {
		this.organisations = organisations;
		this.words = words;
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/organisation")
	String join(@PathVariable long id, @RequestParam(required = false) @Nullable Long organisationId,
			@RequestParam(required = false) @Nullable String newName,
			@RequestParam(defaultValue = "member") String role, RedirectAttributes redirect, Locale locale) {
		try {
			long organisation = newName != null && !newName.isBlank() ? organisations.create(newName, false).id()
					: organisationId == null ? organisations.create("", false).id() : organisationId;
			organisations.join(organisation, id, role);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", said(ex, locale));
		}
		return "redirect:/customers/" + id;
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/organisation/{organisationId}/leave")
	String leave(@PathVariable long id, @PathVariable long organisationId) {
		organisations.leave(organisationId, id);
		return "redirect:/customers/" + id;
	}

	@Requires(Permission.MANAGE_RULES)
	@PostMapping("/customers/{id}/organisation/{organisationId}/sharing")
	String sharing(@PathVariable long id, @PathVariable long organisationId, @RequestParam boolean sharesRequests) {
		organisations.update(organisationId, null, sharesRequests);
		return "redirect:/customers/" + id;
	}

	private String said(RuntimeException ex, Locale locale) {
		if (ex instanceof Refusals.Said s) {
			return words.getMessage(s.code(), s.arguments(), String.valueOf(ex.getMessage()), locale);
		}
		return String.valueOf(ex.getMessage());
	}

}
