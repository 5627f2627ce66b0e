package org.parlons.representation.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.ErrorDetails;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalRequests;
import org.parlons.representation.BallotBox;
import org.parlons.representation.Elections;
import org.parlons.representation.Representatives;
import org.parlons.representation.Results;
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
 * "Elections" in the customer space: the elections the customer is on the roll of, their
 * candidates, the ballot (ranks, approvals or a choice), standing, the results once
 * closed with the Schulze matrix, and the representatives in office.
 */
@Controller
class PortalElectionPages {

	private final PortalElections portal;

	private final BallotBox box;

	private final Elections elections;

	private final Results results;

	private final Representatives representatives;

	private final PortalRequests requests;

	private final MessageSource words;

	private final org.parlons.representation.Questions questions;

	private final org.parlons.representation.Recalls recalls;

	PortalElectionPages(PortalElections portal, BallotBox box, Elections elections, Results results,
			Representatives representatives, PortalRequests requests, MessageSource words,
			org.parlons.representation.Questions questions, org.parlons.representation.Recalls recalls) {
		this.recalls = recalls;
		this.questions = questions;
		this.portal = portal;
		this.box = box;
		this.elections = elections;
		this.results = results;
		this.representatives = representatives;
		this.requests = requests;
		this.words = words;
	}

	@GetMapping("/portal/elections")
	String page(@AuthenticationPrincipal PortalCustomer me, Model model) {
		List<PortalElections.Seen> seen = portal.of(me);
		Map<Long, Results.Result> counted = new HashMap<>();
		Map<Long, String> names = new HashMap<>();
		for (PortalElections.Seen s : seen) {
			s.candidates().forEach(c -> names.put(c.id(), c.name()));
			if (s.closed()) {
				counted.put(s.election().id(), results.of(s.election().id()));
			}
		}
		model.addAttribute("elections", seen);
		model.addAttribute("results", counted);
		model.addAttribute("names", names);
		model.addAttribute("representatives", representatives.current());
		model.addAttribute("record", questions.record(50));
		model.addAttribute("inOffice", questions.office(me).isPresent());
		model.addAttribute("active", "elections");
		return "representation/portal";
	}

	/**
	 * A ballot from the form: {@code rank-<candidate>} numbers for Schulze (blank: not
	 * ranked), {@code choice} values for approval and plurality.
	 */
	@PostMapping("/portal/elections/{id}/ballot")
	String vote(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id,
			@RequestParam Map<String, String> form, @RequestParam(required = false) @Nullable List<Long> choice,
			RedirectAttributes redirect, Locale locale) {
		try {
			Elections.Election e = elections.get(id);
			List<Long> ballot;
			if ("schulze".equals(e.method())) {
				TreeMap<Integer, List<Long>> byRank = new TreeMap<>();
				form.forEach((name, value) -> {
					if (name.startsWith("rank-") && !value.isBlank()) {
						byRank.computeIfAbsent(Integer.parseInt(value.strip()), r -> new ArrayList<>())
							.add(Long.parseLong(name.substring(5)));
					}
				});
				if (byRank.values().stream().anyMatch(tied -> tied.size() > 1)) {
					throw new NumberFormatException("two candidates with one rank");
				}
				ballot = new ArrayList<>();
				byRank.values().forEach(ballot::addAll);
			}
			else {
				ballot = choice == null ? List.of() : choice;
			}
			box.cast(id, requests.currentOf(me), ballot);
			redirect.addFlashAttribute("notice", words.getMessage("portal.elections.voted", null, locale));
		}
		catch (BallotBox.NotOnTheRoll ex) {
			redirect.addFlashAttribute("error", words.getMessage("representation.ballot.roll", null, locale));
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("error", words.getMessage("portal.elections.badRank", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/elections";
	}

	@PostMapping("/portal/representatives/questions")
	String raise(@AuthenticationPrincipal PortalCustomer me, @RequestParam String subject, @RequestParam String text,
			RedirectAttributes redirect, Locale locale) {
		try {
			questions.raise(me, subject, text);
			redirect.addFlashAttribute("notice", words.getMessage("portal.elections.raised", null, locale));
		}
		catch (org.parlons.representation.Questions.NotInOffice ex) {
			redirect.addFlashAttribute("error", words.getMessage("representation.question.office", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/elections";
	}

	@PostMapping("/portal/representatives/{id}/recall")
	String recall(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, RedirectAttributes redirect,
			Locale locale) {
		try {
			var petition = recalls.sign(id, requests.currentOf(me));
			redirect.addFlashAttribute("notice",
					petition.recalled() ? words.getMessage("portal.elections.recalled", null, locale)
							: words.getMessage("portal.elections.signed",
									new Object[] { petition.signatures(), petition.needed() }, locale));
		}
		catch (org.parlons.representation.Recalls.NotRepresented ex) {
			redirect.addFlashAttribute("error", words.getMessage("representation.recall.notRepresented", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/elections";
	}

	@PostMapping("/portal/elections/{id}/candidacy")
	String stand(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String statement, RedirectAttributes redirect, Locale locale) {
		try {
			portal.mayStand(me, elections.get(id), requests.profilesOf(me));
			elections.stand(id, requests.currentOf(me), statement, true);
			redirect.addFlashAttribute("notice", words.getMessage("portal.elections.standing", null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/elections";
	}

	/** Tells the space's pages whether to show "Elections". */
	@ControllerAdvice(
			basePackages = { "org.parlons.portal.web", "org.parlons.advocacy.web", "org.parlons.representation.web" })
	static class Navigation {

		private final PortalElections portal;

		Navigation(PortalElections portal) {
			this.portal = portal;
		}

		@ModelAttribute("electionsVisible")
		boolean electionsVisible(HttpServletRequest request) {
			Authentication who = SecurityContextHolder.getContext().getAuthentication();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return ("/portal".equals(path) || path.startsWith("/portal/")) && !path.startsWith("/portal/api/")
					&& who != null && who.getPrincipal() instanceof PortalCustomer me && !portal.of(me).isEmpty();
		}

	}

}
