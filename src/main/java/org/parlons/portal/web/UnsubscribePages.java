package org.parlons.portal.web;

import java.util.Locale;

import org.parlons.privacy.Consents;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The unsubscribe link at the foot of what a promotional purpose sends: opening it
 * withdraws nothing (mail scanners open links), it asks to confirm; confirming withdraws
 * the purpose at once, recorded as coming from the link. No sign-in needed: the link is
 * signed.
 */
@Controller
class UnsubscribePages {

	private final Consents consents;

	UnsubscribePages(Consents consents) {
		this.consents = consents;
	}

	@GetMapping("/portal/unsubscribe/{token}")
	String ask(@PathVariable String token, Model model, Locale locale) {
		Consents.Unsubscribe u = of(token);
		model.addAttribute("title", u.purpose().title(locale));
		model.addAttribute("token", token);
		return "portal/unsubscribe";
	}

	@PostMapping("/portal/unsubscribe/{token}")
	String confirm(@PathVariable String token, Model model, Locale locale) {
		Consents.Unsubscribe u = of(token);
		consents.decide(u.customerId(), u.purpose().key(), null, false, "unsubscribe-link", locale.getLanguage(), null);
		model.addAttribute("title", u.purpose().title(locale));
		model.addAttribute("done", true);
		return "portal/unsubscribe";
	}

	private Consents.Unsubscribe of(String token) {
		return consents.unsubscribeOf(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
