package org.parlons.curation.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.channels.AccountPosts;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.curation.EditionText;
import org.parlons.curation.Editions;
import org.parlons.curation.Items;
import org.parlons.curation.Sources;
import org.parlons.listening.Topics;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.Refusals;
import org.parlons.platform.Sentences;
import org.parlons.platform.Zones;
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
 * The curator's pages: the triage (suggestions with their reasons, the new items), the
 * sources and their health, the editions (composed, published, approved, retracted) and
 * their calendar.
 */
@Controller
@Requires(Permission.CURATE)
class CurationPages {

	private final Sources sources;

	private final Items items;

	private final Editions editions;

	private final EditionText text;

	private final Inboxes inboxes;

	private final AccountPosts posts;

	private final Topics topics;

	private final Zones zones;

	private final Sentences sentences;

	private final MessageSource words;

	CurationPages(Sources sources, Items items, Editions editions, EditionText text, Inboxes inboxes,
			AccountPosts posts, Topics topics, Zones zones, Sentences sentences, MessageSource words) {
		this.sources = sources;
		this.items = items;
		this.editions = editions;
		this.text = text;
		this.inboxes = inboxes;
		this.posts = posts;
		this.topics = topics;
		this.zones = zones;
		this.sentences = sentences;
		this.words = words;
	}

	/** A suggestion as the page shows it: the item and its reasons, said. */
	record Shown(Items.Item item, List<String> reasons) {
	}

	@GetMapping("/curation")
	String triage(Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("suggestions",
				items.suggestions(12)
					.stream()
					.map(s -> new Shown(s.item(),
							s.reasons()
								.stream()
								.map(r -> words.getMessage(r.code(), r.arguments().toArray(), locale))
								.toList()))
					.toList());
		model.addAttribute("fresh", items.list(Items.Status.NEW, 0, 50));
		model.addAttribute("kept", items.list(Items.Status.KEPT, 0, 50));
		model.addAttribute("sourceNames", sourceNames());
		return "curation/triage";
	}

	private Map<Long, String> sourceNames() {
		Map<Long, String> names = new LinkedHashMap<>();
		sources.all().forEach(s -> names.put(s.id(), s.name()));
		return names;
	}

	@PostMapping("/curation/items/{id}")
	String triaged(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String status,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		try {
			items.triage(id, Items.Status.fromApi(status), note == null || note.isBlank() ? null : note, me.id());
			redirect.addFlashAttribute("notice",
					words.getMessage("curation.triaged." + status, null, LocaleContextHolder.getLocale()));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation";
	}

	@GetMapping("/curation/sources")
	String sources(Model model) {
		model.addAttribute("sources", sources.all());
		model.addAttribute("topics", topics.all());
		return "curation/sources";
	}

	@PostMapping("/curation/sources")
	String addSource(@RequestParam String kind, @RequestParam(required = false) @Nullable String url,
			@RequestParam(required = false) @Nullable Long topicId,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable Double weight, RedirectAttributes redirect) {
		try {
			Sources.Source added = sources.add(Sources.Kind.fromApi(kind), name, url, topicId, weight);
			redirect.addFlashAttribute("notice", words.getMessage("curation.source.added",
					new Object[] { added.name(), added.found() }, LocaleContextHolder.getLocale()));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation/sources";
	}

	@PostMapping("/curation/sources/opml")
	String opml(@RequestParam MultipartFile file, RedirectAttributes redirect) {
		try {
			int added = sources.importOpml(file.getBytes(), null).size();
			redirect.addFlashAttribute("notice", words.getMessage("curation.opml.imported", new Object[] { added },
					LocaleContextHolder.getLocale()));
		}
		catch (java.io.IOException | RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation/sources";
	}

	@PostMapping("/curation/sources/{id}/reading")
	String read(@PathVariable long id, RedirectAttributes redirect) {
		try {
			sources.read(sources.get(id));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation/sources";
	}

	@PostMapping("/curation/sources/{id}/removal")
	String remove(@PathVariable long id, RedirectAttributes redirect) {
		try {
			sources.remove(id);
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation/sources";
	}

	@GetMapping("/curation/editions")
	String editions(Model model) {
		model.addAttribute("editions", editions.list(null, 100));
		model.addAttribute("kept", items.list(Items.Status.KEPT, 0, 100));
		model.addAttribute("accounts", accounts());
		return "curation/editions";
	}

	/**
	 * The inboxes an edition can go to: those whose network takes posts, and mailboxes.
	 */
	private List<Inbox> accounts() {
		return inboxes.findAll()
			.stream()
			.filter(i -> !i.deleted() && (i.channel().equals("email") || posts.limit(i.channel()) > 0))
			.toList();
	}

	@PostMapping("/curation/editions")
	String compose(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String title,
			@RequestParam(defaultValue = "fr") String language, @RequestParam long headline,
			@RequestParam(required = false) @Nullable String headlineNote,
			@RequestParam(required = false) @Nullable List<Long> briefs,
			@RequestParam(required = false) @Nullable List<Long> inboxIds,
			@RequestParam(required = false) @Nullable String publishAt, RedirectAttributes redirect) {
		try {
			List<Editions.Brief> all = new ArrayList<>();
			if (briefs != null) {
				briefs.stream().filter(b -> b != headline).forEach(b -> all.add(new Editions.Brief(b, null)));
			}
			Editions.Edition made = editions
				.create(new Editions.Draft(title, language, new Editions.Brief(headline, headlineNote), all,
						inboxIds == null ? List.of() : inboxIds, when(publishAt)), me.id());
			return "redirect:/curation/editions/" + made.id();
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/curation/editions";
		}
	}

	/** A local date and time of the reader's zone, from a datetime-local field. */
	private @Nullable Instant when(@Nullable String local) {
		if (local == null || local.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(local.strip()).atZone(zones.current()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Refusals.invalid("edition.publishAt", "A date and time such as 2026-12-24T09:00", local);
		}
	}

	@GetMapping("/curation/editions/{id}")
	String edition(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		Editions.Edition edition = editions.get(id);
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("edition", edition);
		model.addAttribute("items", items.all(EditionText.itemIds(edition)));
		model.addAttribute("steps", editions.steps(id));
		model.addAttribute("reasons",
				edition.reviewReasons().stream().map(r -> sentences.retell(r, locale, "hold")).toList());
		Map<Long, Inbox> targets = new LinkedHashMap<>();
		Map<Long, String> previews = new LinkedHashMap<>();
		for (Editions.Target t : edition.targets()) {
			inboxes.findById(t.inboxId()).ifPresent(i -> {
				targets.put(i.id(), i);
				if (!i.channel().equals("email")) {
					previews.put(i.id(), text.post(edition, i));
				}
			});
		}
		model.addAttribute("targets", targets);
		model.addAttribute("previews", previews);
		Map<Long, AccountPosts.Post> byPost = new LinkedHashMap<>();
		posts.all(edition.targets().stream().map(Editions.Target::postId).filter(p -> p != null).toList())
			.forEach(p -> byPost.put(p.id(), p));
		model.addAttribute("posts", byPost);
		model.addAttribute("mayApprove", me.may(Permission.DECIDE_APPROVALS));
		model.addAttribute("publicUrl", text.pageUrl(id));
		return "curation/edition";
	}

	@PostMapping("/curation/editions/{id}/publish")
	String publish(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			Editions.Publishing done = editions.publish(id, me.id());
			return "curation.edition." + done.edition().status().api();
		});
	}

	@PostMapping("/curation/editions/{id}/approval")
	@Requires(Permission.DECIDE_APPROVALS)
	String decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam boolean approved,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		return act(id, redirect,
				() -> "curation.edition." + editions.decide(id, me.id(), approved, note).status().api());
	}

	@PostMapping("/curation/editions/{id}/retraction")
	String retract(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		return act(id, redirect, () -> "curation.edition." + editions.retract(id, me.id(), reason).status().api());
	}

	@PostMapping("/curation/editions/{id}/removal")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		try {
			editions.delete(id);
			return "redirect:/curation/editions";
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/curation/editions/" + id;
		}
	}

	private String act(long id, RedirectAttributes redirect, java.util.function.Supplier<String> action) {
		try {
			redirect.addFlashAttribute("notice", words.getMessage(action.get(), null, LocaleContextHolder.getLocale()));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/curation/editions/" + id;
	}

	/** The editions of four weeks, day by day, from the Monday of the week asked. */
	@GetMapping("/curation/calendar")
	String calendar(@RequestParam(required = false) @Nullable String from, Model model) {
		ZoneId zone = zones.current();
		LocalDate start;
		try {
			start = from == null ? LocalDate.now(zone) : LocalDate.parse(from);
		}
		catch (DateTimeParseException ex) {
			start = LocalDate.now(zone);
		}
		start = start.minusDays(start.getDayOfWeek().getValue() - 1L);
		LocalDate end = start.plusWeeks(4);
		Map<LocalDate, List<Editions.Edition>> days = new TreeMap<>();
		for (LocalDate d = start; d.isBefore(end); d = d.plusDays(1)) {
			days.put(d, new ArrayList<>());
		}
		for (Editions.Edition e : editions.between(start.atStartOfDay(zone).toInstant(),
				end.atStartOfDay(zone).toInstant())) {
			Instant at = e.publishedAt() != null ? e.publishedAt() : e.publishAt();
			days.computeIfAbsent(at.atZone(zone).toLocalDate(), k -> new ArrayList<>()).add(e);
		}
		model.addAttribute("days", days);
		model.addAttribute("start", start);
		model.addAttribute("previous", start.minusWeeks(4));
		model.addAttribute("next", end);
		model.addAttribute("zone", zone);
		return "curation/calendar";
	}

}
