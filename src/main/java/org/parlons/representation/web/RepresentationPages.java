package org.parlons.representation.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.Zones;
import org.parlons.representation.Communities;
import org.parlons.representation.Elections;
import org.parlons.representation.Representatives;
import org.parlons.representation.Results;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The company's representation pages: communities and their members, elections, and for
 * each its candidates, closing, the count (with the Schulze matrix) and certification.
 */
@Controller
@Requires(Permission.MANAGE_REPRESENTATION)
class RepresentationPages {

	private final Communities communities;

	private final Elections elections;

	private final Results results;

	private final Representatives representatives;

	private final Customers customers;

	private final Zones zone;

	private final MessageSource words;

	private final java.time.Clock clock;

	private final org.parlons.representation.Mediations mediations;

	private final org.parlons.representation.MediatorLinks mediatorLinks;

	RepresentationPages(Communities communities, Elections elections, Results results, Representatives representatives,
			Customers customers, Zones zone, MessageSource words, java.time.Clock clock,
			org.parlons.representation.Mediations mediations, org.parlons.representation.MediatorLinks mediatorLinks) {
		this.mediations = mediations;
		this.mediatorLinks = mediatorLinks;
		this.communities = communities;
		this.elections = elections;
		this.results = results;
		this.representatives = representatives;
		this.customers = customers;
		this.zone = zone;
		this.words = words;
		this.clock = clock;
	}

	@GetMapping("/representation")
	String index(Model model) {
		model.addAttribute("communities", communities.list());
		model.addAttribute("elections", elections.list());
		model.addAttribute("representatives", representatives.current());
		model.addAttribute("methods", Elections.METHODS);
		model.addAttribute("kinds", Communities.KINDS);
		model.addAttribute("now", clock.instant());
		model.addAttribute("mediators", mediations.mediators());
		var cases = mediations.list();
		Map<Long, String> links = new HashMap<>();
		cases.stream()
			.filter(m -> "assigned".equals(m.status()) && m.mediatorId() != null)
			.forEach(m -> links.put(m.id(), mediatorLinks.linkOf(m.id())));
		model.addAttribute("mediations", cases);
		model.addAttribute("mediatorLinks", links);
		return "representation/index";
	}

	@PostMapping("/representation/communities")
	String community(@RequestParam String name, @RequestParam(required = false) @Nullable String description,
			RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.community", "/representation",
				() -> communities.create(name, description));
	}

	@PostMapping("/representation/communities/members")
	String join(@RequestParam long communityId, @RequestParam long customerId, @RequestParam String kind,
			@RequestParam(required = false) @Nullable String registerNumber, RedirectAttributes redirect,
			Locale locale) {
		return act(redirect, locale, "representation.done.member", "/representation", () -> {
			if (customers.findById(customerId).isEmpty()) {
				throw new org.parlons.platform.NotFoundException("No customer " + customerId);
			}
			communities.join(communityId, customers.current(customerId), kind, registerNumber, null);
		});
	}

	@PostMapping("/representation/elections")
	String create(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String title, @RequestParam int seats,
			@RequestParam String method, @RequestParam String electorate,
			@RequestParam(required = false) @Nullable Long communityId,
			@RequestParam(required = false) @Nullable Integer activeMonths,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime opensAt,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime closesAt,
			@RequestParam(required = false) @Nullable Integer termMonths, RedirectAttributes redirect, Locale locale) {
		ZoneId here = zone.current();
		try {
			long id = elections
				.create(new Elections.NewElection(title, seats, method, electorate,
						"community".equals(electorate) ? communityId : null,
						"active".equals(electorate) ? activeMonths : null, opensAt.atZone(here).toInstant(),
						closesAt.atZone(here).toInstant(), termMonths), me.id())
				.id();
			return "redirect:/representation/elections/" + id;
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/representation";
		}
	}

	@GetMapping("/representation/elections/{id}")
	String election(@PathVariable long id, Model model) {
		Elections.Election e = elections.get(id);
		List<Elections.Candidate> candidates = elections.candidates(id);
		Map<Long, String> names = new HashMap<>();
		candidates.forEach(c -> names.put(c.id(), c.name()));
		model.addAttribute("election", e);
		model.addAttribute("candidates", candidates);
		model.addAttribute("names", names);
		model.addAttribute("open", e.openAt(clock.instant()));
		model.addAttribute("closed", e.closedAt(clock.instant()));
		model.addAttribute("result", e.closedAt(clock.instant()) ? results.of(id) : null);
		model.addAttribute("community", e.communityId() == null ? null : communities.get(e.communityId()));
		return "representation/election";
	}

	@PostMapping("/representation/elections/{id}/candidates")
	String stand(@PathVariable long id, @RequestParam long customerId,
			@RequestParam(required = false) @Nullable String statement, RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.candidate", "/representation/elections/" + id, () -> {
			if (customers.findById(customerId).isEmpty()) {
				throw new org.parlons.platform.NotFoundException("No customer " + customerId);
			}
			elections.stand(id, customerId, statement, false);
		});
	}

	@PostMapping("/representation/elections/{id}/close")
	String close(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.closed", "/representation/elections/" + id,
				() -> elections.close(id));
	}

	@PostMapping("/representation/elections/{id}/certification")
	String certify(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, RedirectAttributes redirect,
			Locale locale) {
		return act(redirect, locale, "representation.done.certified", "/representation/elections/" + id,
				() -> results.certify(id, me.id()));
	}

	@PostMapping("/representation/mediators")
	String mediator(@RequestParam String name, @RequestParam(required = false) @Nullable String organisation,
			@RequestParam(required = false) @Nullable String website,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(defaultValue = "false") boolean external, RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.mediator", "/representation",
				() -> mediations.addMediator(name, blank(organisation), blank(website), blank(email), external));
	}

	@PostMapping("/representation/mediations/{id}/mediator")
	String assign(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long mediatorId,
			RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.assigned", "/representation",
				() -> mediations.assign(id, mediatorId, me.id()));
	}

	@PostMapping("/representation/mediations/{id}/proposal")
	String propose(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.proposed", "/representation",
				() -> mediations.propose(id, text, me.id()));
	}

	@PostMapping("/representation/mediations/{id}/decision")
	String decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam boolean accept,
			RedirectAttributes redirect, Locale locale) {
		return act(redirect, locale, "representation.done.decided", "/representation",
				() -> mediations.decide(id, false, accept, me.id()));
	}

	private static @Nullable String blank(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private String act(RedirectAttributes redirect, Locale locale, String done, String back, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", words.getMessage(done, null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:" + back;
	}

}
