package org.parlons.portal.web;

import jakarta.servlet.http.HttpServletRequest;

import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.portal.PortalSignIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer page's "invite to the customer space": a single-use sign-in link shown to
 * the agent, to hand over (read out on the phone, pasted in a reply).
 */
@Controller
class InvitationPages {

	private final PortalSignIn signIn;

	private final PortalLinks links;

	InvitationPages(PortalSignIn signIn, PortalLinks links) {
		this.signIn = signIn;
		this.links = links;
	}

	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/customers/{id}/portal-invitation")
	String invite(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, HttpServletRequest request,
			RedirectAttributes redirect) {
		redirect.addFlashAttribute("invitationUrl", signIn.invite(id, me.id(), links.base(request)));
		return "redirect:/customers/" + id;
	}

}
