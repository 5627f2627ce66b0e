package org.parlons.representation.web;

import java.util.Locale;

import org.parlons.conversations.Messages;
import org.parlons.platform.ErrorDetails;
import org.parlons.representation.MediatorLinks;
import org.parlons.representation.Mediations;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An external mediator's page, opened by their signed link: the case read-only (the
 * reason, the messages that reached either side) and the proposal they make.
 */
@Controller
class MediatorPages {

	private final MediatorLinks links;

	private final Mediations mediations;

	private final Messages messages;

	private final MessageSource words;

	MediatorPages(MediatorLinks links, Mediations mediations, Messages messages, MessageSource words) {
		this.links = links;
		this.mediations = mediations;
		this.messages = messages;
		this.words = words;
	}

	@GetMapping("/portal/mediator/{token}")
	String page(@PathVariable String token, Model model) {
		Mediations.Mediation m = opened(token);
		model.addAttribute("mediation", m);
		model.addAttribute("thread",
				messages.ofConversation(m.conversationId())
					.stream()
					.filter(x -> x.inbound() || x.status().reachedCustomer())
					.toList());
		model.addAttribute("token", token);
		return "representation/mediator";
	}

	@PostMapping("/portal/mediator/{token}/proposal")
	String propose(@PathVariable String token, @RequestParam String text, RedirectAttributes redirect, Locale locale) {
		Mediations.Mediation m = opened(token);
		try {
			mediations.propose(m.id(), text, null);
			redirect.addFlashAttribute("notice", words.getMessage("representation.done.proposed", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/mediator/" + token;
	}

	private Mediations.Mediation opened(String token) {
		return links.caseOf(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
