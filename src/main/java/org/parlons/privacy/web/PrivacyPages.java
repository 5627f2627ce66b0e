package org.parlons.privacy.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.ErrorDetails;
import org.parlons.privacy.DataRequests;
import org.parlons.privacy.Purposes;
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
 * The data-rights desk: the open requests with their deadlines (the overdue first in
 * red), carried out or refused from here, the latest closed ones, and the consent
 * purposes.
 */
@Controller
class PrivacyPages {

	private final DataRequests requests;

	private final Purposes purposes;

	private final Customers customers;

	private final MessageSource words;

	private final java.time.Clock clock;

	PrivacyPages(DataRequests requests, Purposes purposes, Customers customers, MessageSource words,
			java.time.Clock clock) {
		this.clock = clock;
		this.requests = requests;
		this.purposes = purposes;
		this.customers = customers;
		this.words = words;
	}

	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@GetMapping("/privacy")
	String page(Model model) {
		var open = requests.open();
		model.addAttribute("open", open);
		model.addAttribute("closed", requests.recent(50).stream().filter(r -> !r.open()).toList());
		model.addAttribute("names",
				customers.summaries(open.stream().map(DataRequests.DataRequest::customerId).distinct().toList()));
		model.addAttribute("purposes", purposes.list());
		model.addAttribute("now", clock.instant());
		return "privacy/privacy";
	}

	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/privacy/requests/{id}/execute")
	String execute(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect, Locale locale) {
		try {
			requests.execute(id, me.id(), note);
			redirect.addFlashAttribute("notice", words.getMessage("privacy.executed", new Object[] { id }, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/privacy";
	}

	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/privacy/requests/{id}/start")
	String start(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, RedirectAttributes redirect,
			Locale locale) {
		try {
			requests.start(id, me.id());
			redirect.addFlashAttribute("notice", words.getMessage("privacy.started", new Object[] { id }, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/privacy";
	}

	@Requires(Permission.HANDLE_DATA_REQUESTS)
	@PostMapping("/privacy/requests/{id}/refuse")
	String refuse(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect, Locale locale) {
		try {
			requests.refuse(id, me.id(), note == null ? "" : note);
			redirect.addFlashAttribute("notice", words.getMessage("privacy.refused", new Object[] { id }, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/privacy";
	}

}
