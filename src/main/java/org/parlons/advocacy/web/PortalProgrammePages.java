package org.parlons.advocacy.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.parlons.advocacy.Rewards;
import org.parlons.platform.ErrorDetails;
import org.parlons.portal.PortalCustomer;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My programmes" in the customer space: a member's status, mission, contract and what it
 * asks them to disclose, their points and level, and the rewards they may ask for.
 */
@Controller
class PortalProgrammePages {

	private final PortalProgrammes portal;

	private final Rewards rewards;

	private final MessageSource words;

	PortalProgrammePages(PortalProgrammes portal, Rewards rewards, MessageSource words) {
		this.portal = portal;
		this.rewards = rewards;
		this.words = words;
	}

	@GetMapping("/portal/programmes")
	String page(@AuthenticationPrincipal PortalCustomer me, Model model) {
		model.addAttribute("memberships", portal.of(me));
		model.addAttribute("active", "programmes");
		return "advocacy/portal";
	}

	@PostMapping("/portal/programmes/{memberId}/redemptions")
	String ask(@AuthenticationPrincipal PortalCustomer me, @PathVariable long memberId, @RequestParam long rewardId,
			RedirectAttributes redirect, Locale locale) {
		try {
			portal.mine(me, memberId);
			rewards.request(memberId, rewardId);
			redirect.addFlashAttribute("notice", words.getMessage("portal.programmes.asked", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/programmes";
	}

	/** Tells the space's pages whether to show "My programmes". */
	@ControllerAdvice(
			basePackages = { "org.parlons.portal.web", "org.parlons.advocacy.web", "org.parlons.representation.web" })
	static class Navigation {

		private final PortalProgrammes portal;

		Navigation(PortalProgrammes portal) {
			this.portal = portal;
		}

		@ModelAttribute("programmeMember")
		boolean programmeMember(HttpServletRequest request) {
			Authentication who = SecurityContextHolder.getContext().getAuthentication();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return ("/portal".equals(path) || path.startsWith("/portal/")) && !path.startsWith("/portal/api/")
					&& who != null && who.getPrincipal() instanceof PortalCustomer me && portal.anyFor(me);
		}

	}

}
