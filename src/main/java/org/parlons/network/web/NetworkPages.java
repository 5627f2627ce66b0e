package org.parlons.network.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.parlons.listening.PersonFigures;
import org.parlons.network.Acquaintances;
import org.parlons.network.Connectors;
import org.parlons.network.Employments;
import org.parlons.network.ImportNotices;
import org.parlons.network.Introductions;
import org.parlons.network.JobChanges;
import org.parlons.network.Leads;
import org.parlons.network.Meetings;
import org.parlons.network.NetworkImports;
import org.parlons.network.Paths;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The network's pages: the desk (find a person, job changes and their tasks,
 * introductions asked and to answer, imports, lending one's connections, notices owed), a
 * person's page to prepare a meeting (work, paths, whom they know, what Parlons already
 * has of them), and the lead lists.
 */
@Controller
@Requires(Permission.NETWORK)
class NetworkPages {

	private final NetworkImports imports;

	private final Paths paths;

	private final Acquaintances acquaintances;

	private final JobChanges jobChanges;

	private final Employments employments;

	private final Meetings meetings;

	private final Connectors connectors;

	private final Introductions introductions;

	private final Leads leads;

	private final ImportNotices notices;

	private final Customers customers;

	private final Organisations organisations;

	private final CustomerActivity activity;

	private final PersonFigures figures;

	private final MessageSource words;

	private final java.time.Clock clock;

	NetworkPages(NetworkImports imports, Paths paths, Acquaintances acquaintances, JobChanges jobChanges,
			Employments employments, Meetings meetings, Connectors connectors, Introductions introductions, Leads leads,
			ImportNotices notices, Customers customers, Organisations organisations, CustomerActivity activity,
			PersonFigures figures, MessageSource words, java.time.Clock clock) {
		this.clock = clock;
		this.imports = imports;
		this.paths = paths;
		this.acquaintances = acquaintances;
		this.jobChanges = jobChanges;
		this.employments = employments;
		this.meetings = meetings;
		this.connectors = connectors;
		this.introductions = introductions;
		this.leads = leads;
		this.notices = notices;
		this.customers = customers;
		this.organisations = organisations;
		this.activity = activity;
		this.figures = figures;
		this.words = words;
	}

	@GetMapping("/network")
	String desk(@AuthenticationPrincipal AgentPrincipal me, @RequestParam(required = false) @Nullable String q,
			Model model) {
		if (q != null && !q.isBlank()) {
			model.addAttribute("q", q.strip());
			model.addAttribute("found", customers.search(q.strip(), 0, 10).items());
		}
		model.addAttribute("signals", jobChanges.signals(null, true, 50));
		model.addAttribute("introductions", introductions.of(me.id()));
		model.addAttribute("optedOut", connectors.optedOut(me.id()));
		model.addAttribute("notices", notices.due(50));
		model.addAttribute("now", clock.instant());
		model.addAttribute("me", me.id());
		return "network/desk";
	}

	@PostMapping("/network/imports/linkedin")
	String linkedIn(@AuthenticationPrincipal AgentPrincipal me, @RequestParam MultipartFile file,
			RedirectAttributes redirect) {
		return imported(() -> imports.linkedIn(me.id(), text(file)), redirect);
	}

	@PostMapping("/network/imports/vcard")
	String vCard(@RequestParam MultipartFile file, RedirectAttributes redirect) {
		String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
		boolean json = name.endsWith(".json") || name.endsWith(".jcard")
				|| String.valueOf(file.getContentType()).contains("json");
		return imported(() -> imports.vCards(text(file), json), redirect);
	}

	private String imported(Supplier<NetworkImports.Summary> run, RedirectAttributes redirect) {
		try {
			NetworkImports.Summary done = run.get();
			redirect.addFlashAttribute("notice", say("network.imported", done.people(), done.created(), done.ties(),
					done.jobChanges(), done.skipped().size()));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/network";
	}

	private static String text(MultipartFile file) {
		try {
			return new String(file.getBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@PostMapping("/network/lending")
	String lending(@AuthenticationPrincipal AgentPrincipal me, @RequestParam boolean optedOut,
			RedirectAttributes redirect) {
		connectors.optOut(me.id(), optedOut);
		redirect.addFlashAttribute("notice", say(optedOut ? "network.lending.out" : "network.lending.in"));
		return "redirect:/network";
	}

	@PostMapping("/network/tasks/{id}/done")
	String done(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		return acted(() -> jobChanges.done(id, me.id()), "network.task.doneNow", "/network", redirect);
	}

	@PostMapping("/network/notices/{customerId}/told")
	String told(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long customerId,
			RedirectAttributes redirect) {
		return acted(() -> notices.told(customerId, me.id()), "network.notice.toldNow", "/network", redirect);
	}

	@PostMapping("/network/introductions/{id}/decision")
	String decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String status,
			@RequestParam(required = false) @Nullable String outcome, RedirectAttributes redirect) {
		return acted(() -> introductions.decide(id, me.id(), Introductions.Status.fromApi(status), outcome),
				"network.introduction.decided", "/network", redirect);
	}

	@GetMapping("/network/people/{id}")
	String person(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		Customer person = customers.findById(customers.current(id))
			.orElseThrow(() -> NotFoundException.said("customer.unknown", "No customer " + id, String.valueOf(id)));
		Set<Long> aliases = customers.aliasesOf(person.id());
		model.addAttribute("person", person);
		model.addAttribute("name", customers.summaries(List.of(person.id())).get(person.id()).displayName());
		model.addAttribute("employments", employments.of(person.id()));
		model.addAttribute("paths", paths.to(person.id(), 5));
		model.addAttribute("known", acquaintances.of(person.id()));
		model.addAttribute("shared", acquaintances.shared(me.id(), person.id()));
		Instant year = clock.instant().minus(365, ChronoUnit.DAYS);
		model.addAttribute("conversations",
				activity.conversations(aliases, null, Instant.EPOCH)
					.values()
					.stream()
					.mapToLong(Long::longValue)
					.sum());
		model.addAttribute("messages",
				activity.messages(aliases, null, Instant.EPOCH).values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("latest", activity.latestConversation(aliases).orElse(null));
		PersonFigures.Heard heard = figures.heard(aliases, year)
			.values()
			.stream()
			.reduce(new PersonFigures.Heard(0, 0, 0, 0), PersonFigures.Heard::plus);
		model.addAttribute("heard", heard);
		model.addAttribute("signals", jobChanges.signals(person.id(), false, 20));
		model.addAttribute("owed", notices.of(person.id()));
		model.addAttribute("me", me.id());
		return "network/person";
	}

	@PostMapping("/network/people/{id}/meetings")
	String met(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String subject, RedirectAttributes redirect) {
		return acted(() -> meetings.met(me.id(), List.of(id), null, subject), "network.meeting.entered",
				"/network/people/" + id, redirect);
	}

	@PostMapping("/network/people/{id}/introductions")
	String introduce(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long connectorId,
			@RequestParam(required = false) @Nullable String message, RedirectAttributes redirect) {
		return acted(() -> introductions.request(me.id(), connectorId, id, message), "network.introduction.asked",
				"/network/people/" + id, redirect);
	}

	@GetMapping("/network/leads")
	String leads(@RequestParam(required = false) @Nullable String list, Model model) {
		String chosen = list == null || list.isBlank() ? null : list.strip();
		model.addAttribute("list", chosen);
		model.addAttribute("lists", leads.lists());
		model.addAttribute("leads", leads.of(chosen));
		model.addAttribute("organisations", organisations.all());
		return "network/leads";
	}

	@PostMapping("/network/leads")
	String listed(@RequestParam String list, @RequestParam(required = false) @Nullable Long organisationId,
			RedirectAttributes redirect) {
		try {
			int added = leads.list(list, organisationId, List.of());
			redirect.addFlashAttribute("notice", say("network.lead.added", added));
			redirect.addAttribute("list", list.strip());
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/network/leads";
	}

	@PostMapping("/network/leads/{id}/conversion")
	String convert(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String list, RedirectAttributes redirect) {
		if (list != null && !list.isBlank()) {
			redirect.addAttribute("list", list);
		}
		return acted(() -> leads.convert(id, me.id()), "network.lead.converted", "/network/leads", redirect);
	}

	private String acted(Runnable action, String said, String back, RedirectAttributes redirect) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", say(said));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:" + back;
	}

	private String say(String code, Object... arguments) {
		return words.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

}
