package org.parlons.customers.web;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Organisations;
import org.parlons.platform.ErrorDetails;
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

	OrganisationPages(Organisations organisations) {
		this.organisations = organisations;
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/organisation")
	String join(@PathVariable long id, @RequestParam(required = false) @Nullable Long organisationId,
			@RequestParam(required = false) @Nullable String newName,
			@RequestParam(defaultValue = "member") String role, RedirectAttributes redirect) {
		try {
			long organisation = newName != null && !newName.isBlank() ? organisations.create(newName, false).id()
					: organisationId == null ? organisations.create("", false).id() : organisationId;
			organisations.join(organisation, id, role);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
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

}
