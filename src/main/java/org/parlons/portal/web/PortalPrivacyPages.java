package org.parlons.portal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.ErrorDetails;
import org.parlons.portal.Grants;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.privacy.Consents;
import org.parlons.privacy.DataRequests;
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
 * The "My data" page of the customer space: consents with their receipts, requests about
 * their data, and the access they gave others with who read what and when.
 */
@Controller
class PortalPrivacyPages {

	private final Consents consents;

	private final DataRequests dataRequests;

	private final Grants grants;

	private final PortalRequests requests;

	private final MessageSource words;

	private final java.time.Clock clock;

	PortalPrivacyPages(Consents consents, DataRequests dataRequests, Grants grants, PortalRequests requests,
			MessageSource words, java.time.Clock clock) {
		this.clock = clock;
		this.consents = consents;
		this.dataRequests = dataRequests;
		this.grants = grants;
		this.requests = requests;
		this.words = words;
	}

	@GetMapping("/portal/privacy")
	String page(@AuthenticationPrincipal PortalCustomer me, Model model, Locale locale) {
		long id = requests.currentOf(me);
		model.addAttribute("consents", consents.states(id, locale));
		model.addAttribute("dataRequests", dataRequests.ofCustomer(id));
		model.addAttribute("kinds",
				List.of("access", "portability", "rectification", "restriction", "objection", "erasure"));
		model.addAttribute("grants", grants.of(requests.profilesOf(me)));
		model.addAttribute("scopes", List.of("requests:read", "contracts:read", "consumption:read"));
		model.addAttribute("now", clock.instant());
		model.addAttribute("active", "privacy");
		return "portal/privacy";
	}

	@PostMapping("/portal/privacy/consents/{purpose}")
	String decide(@AuthenticationPrincipal PortalCustomer me, @PathVariable String purpose,
			@RequestParam boolean granted, RedirectAttributes redirect, Locale locale) {
		try {
			consents.decideAsCustomer(requests.currentOf(me), purpose, granted, locale.getLanguage());
			redirect.addFlashAttribute("notice",
					words.getMessage(granted ? "portal.privacy.granted" : "portal.privacy.withdrawn", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/privacy";
	}

	@PostMapping("/portal/privacy/requests")
	String request(@AuthenticationPrincipal PortalCustomer me, @RequestParam String kind,
			@RequestParam(required = false) @Nullable String detail, RedirectAttributes redirect, Locale locale) {
		try {
			DataRequests.DataRequest r = dataRequests.receive(requests.currentOf(me), kind, detail, "portal",
					"signed in to the customer space", null);
			redirect.addFlashAttribute("notice", words.getMessage("portal.privacy.requested",
					new Object[] { java.util.Date.from(r.dueAt()) }, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/privacy";
	}

	@PostMapping("/portal/privacy/grants")
	String give(@AuthenticationPrincipal PortalCustomer me, @RequestParam(required = false) @Nullable String grantee,
			@RequestParam(required = false) @Nullable List<String> scopes,
			@RequestParam(required = false) @Nullable LocalDate until, RedirectAttributes redirect, Locale locale) {
		try {
			Grants.Given given = grants.give(requests.currentOf(me), grantee == null ? "" : grantee,
					scopes == null ? List.of() : scopes,
					until == null ? null : until.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
			redirect.addFlashAttribute("token", given.token());
			redirect.addFlashAttribute("notice", words.getMessage("portal.privacy.given", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/privacy";
	}

	@PostMapping("/portal/privacy/grants/{id}/revoke")
	String revoke(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, RedirectAttributes redirect,
			Locale locale) {
		try {
			grants.revoke(requests.profilesOf(me), id);
			redirect.addFlashAttribute("notice", words.getMessage("portal.privacy.revoked", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/privacy";
	}

}
