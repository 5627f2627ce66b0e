package org.parlons.representation.web;

import java.util.Locale;

import org.parlons.platform.ErrorDetails;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.representation.Mediations;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mediation" in the customer space: the mediators' details (published, as the law asks),
 * asking for mediation of one's request, following the steps, deciding on the proposal.
 */
@Controller
class PortalMediationPages {

	private final Mediations mediations;

	private final PortalRequests requests;

	private final MessageSource words;

	PortalMediationPages(Mediations mediations, PortalRequests requests, MessageSource words) {
		this.mediations = mediations;
		this.requests = requests;
		this.words = words;
	}

	@GetMapping("/portal/mediation")
	String page(@AuthenticationPrincipal PortalCustomer me, Model model) {
		model.addAttribute("mediators", mediations.mediators());
		model.addAttribute("mediations", mediations.ofCustomer(requests.profilesOf(me)));
		model.addAttribute("requests", requests.list(me).stream().filter(r -> r.from() == null).toList());
		model.addAttribute("active", "mediation");
		return "representation/mediation";
	}

	@PostMapping("/portal/mediation")
	String ask(@AuthenticationPrincipal PortalCustomer me, @RequestParam long conversationId,
			@RequestParam String reason, RedirectAttributes redirect, Locale locale) {
		try {
			var request = requests.one(me, conversationId);
			if (request.from() != null) {
				throw new org.parlons.platform.NotFoundException("No request " + conversationId + " of yours");
			}
			mediations.request(request.id(), requests.currentOf(me), reason);
			redirect.addFlashAttribute("notice", words.getMessage("portal.mediation.asked", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/mediation";
	}

	@PostMapping("/portal/mediation/{id}/decision")
	String decide(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, @RequestParam boolean accept,
			RedirectAttributes redirect, Locale locale) {
		try {
			if (mediations.ofCustomer(requests.profilesOf(me)).stream().noneMatch(m -> m.id() == id)) {
				throw new org.parlons.platform.NotFoundException("No mediation " + id);
			}
			mediations.decide(id, true, accept, null);
			redirect.addFlashAttribute("notice", words.getMessage("portal.mediation.decided", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/mediation";
	}

}
