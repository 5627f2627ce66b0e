package org.parlons.listening.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.BadBuzz;
import org.parlons.listening.BrandPosts;
import org.parlons.listening.Influence;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.Topics;
import org.parlons.platform.InvalidRequestException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The listening dashboard: a period and filters (topic included), the volume per day with
 * its negative part, tonality per message beside tonality per person, the loudest and the
 * most influential authors, the hashtags and keywords, and the drill-down to the
 * mentions.
 */
@Controller
class ListeningPages {

	private final InboxAccess access;

	private final ListeningFigures figures;

	private final Clock clock;

	private final BadBuzz badBuzz;

	private final Topics topics;

	private final Influence influence;

	private final BrandPosts brandPosts;

	private final Inboxes inboxes;

	private final JsonMapper json;

	ListeningPages(ListeningFigures figures, Clock clock, BadBuzz badBuzz, Topics topics, Influence influence,
			BrandPosts brandPosts, Inboxes inboxes, InboxAccess access, JsonMapper json) {
		this.json = json;
		this.access = access;
		this.inboxes = inboxes;
		this.brandPosts = brandPosts;
		this.topics = topics;
		this.influence = influence;
		this.figures = figures;
		this.clock = clock;
		this.badBuzz = badBuzz;
	}

	@Requires(Permission.READ_LISTENING)
	@GetMapping("/listening")
	String dashboard(@AuthenticationPrincipal AgentPrincipal me, @ParameterObject ListeningFilters.Query query,
			Model model) {
		ListeningFigures.Filter f = ListeningFilters.of(query, null, null, topics, inboxes, access.scopeOf(me), clock);
		ListeningFigures.Summary s = figures.summary(f);
		filters(model, f);
		model.addAttribute("voices", influence.top(f.topic(), f.inbox(), f.within(), f.from(), f.to(), 10));
		model.addAttribute("terms", figures.terms(f, 15));
		model.addAttribute("summary", s);
		model.addAttribute("alerts", AlertHour.of(badBuzz.lastHours(24, ListeningFilters.within(access.scopeOf(me)))));
		VolumeChart volume = VolumeChart.of(s.days());
		model.addAttribute("volume", volume);
		model.addAttribute("volumeJson", json.writeValueAsString(volume));
		List<Long> accounts = brandPosts.accountsOf(f);
		FollowerChart followers = FollowerChart.of(brandPosts.followerGrowth(f, accounts));
		model.addAttribute("followerChart", followers);
		model.addAttribute("followerJson", json.writeValueAsString(followers));
		List<BrandPosts.Figures> periodPosts = brandPosts.posts(f.from(), f.to(), accounts);
		model.addAttribute("posts", periodPosts.stream().limit(10).toList());
		model.addAttribute("accounts", brandPosts.accounts(periodPosts, f.to()));
		model.addAttribute("people", figures.people(f));
		return "listening/index";
	}

	@Requires(Permission.READ_LISTENING)
	@GetMapping("/listening/mentions")
	String mentions(@AuthenticationPrincipal AgentPrincipal me, @ParameterObject ListeningFilters.Query query,
			@RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String author, @RequestParam(defaultValue = "0") int page,
			Model model) {
		ListeningFigures.Filter f = ListeningFilters.of(query, label, author, topics, inboxes, access.scopeOf(me),
				clock);
		filters(model, f);
		model.addAttribute("mentions", figures.mentions(f, Math.max(0, page), 50));
		model.addAttribute("total", figures.count(f));
		model.addAttribute("page", Math.max(0, page));
		return "listening/mentions";
	}

	@Requires(Permission.READ_LISTENING)
	@GetMapping(path = "/listening/mentions.csv", produces = "text/csv")
	ResponseEntity<String> csv(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query, @RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String author) throws IOException {
		return ListeningApi.csvOf(figures.mentions(
				ListeningFilters.of(query, label, author, topics, inboxes, access.scopeOf(me), clock), 0, 100_000));
	}

	/** The mentions ticked in the drill-down, verbatim, as CSV (for product teams). */
	@Requires(Permission.READ_LISTENING)
	@PostMapping(path = "/listening/mentions/selected.csv", produces = "text/csv")
	ResponseEntity<String> selected(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(name = "id", required = false) @Nullable List<Long> ids) throws IOException {
		if (ids == null || ids.isEmpty()) {
			throw InvalidRequestException.said("listening.tickFirst", "Tick the mentions to export first");
		}
		try {
			return ListeningApi.csvOf(
					figures.selected(new java.util.LinkedHashSet<>(ids), ListeningFilters.within(access.scopeOf(me))));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/**
	 * An administrator names a topic from the dashboard; it tags the mentions in the
	 * background.
	 */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/listening/topics")
	String createTopic(@RequestParam String name, @RequestParam String keywords, RedirectAttributes redirect) {
		try {
			long id = topics.create(name, Arrays.stream(keywords.split("[,\\n]")).toList());
			return "redirect:/listening?topic=" + id;
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", org.parlons.platform.ErrorDetails.of(ex));
			return "redirect:/listening";
		}
	}

	private void filters(Model model, ListeningFigures.Filter f) {
		model.addAttribute("filter", f);
		model.addAttribute("topics", topics.all());
		model.addAttribute("inboxes", inboxes.findAll());
		model.addAttribute("fromDay", ListeningFilters.firstDay(f).toString());
		model.addAttribute("toDay", ListeningFilters.lastDay(f).toString());
	}

	/**
	 * One hour of alerts: each measure that burst (all mentions, negative ones), and the
	 * mentions that drove it, once.
	 */
	record AlertHour(java.time.Instant hour, List<BadBuzz.Alert> measures, List<ListeningFigures.Mention> driving) {

		static List<AlertHour> of(List<BadBuzz.Alert> alerts) {
			java.util.Map<java.time.Instant, List<BadBuzz.Alert>> byHour = new java.util.TreeMap<>();
			alerts.forEach(a -> byHour.computeIfAbsent(a.hour(), h -> new ArrayList<>()).add(a));
			List<AlertHour> out = new ArrayList<>();
			byHour.forEach((hour, measures) -> {
				java.util.Map<Long, ListeningFigures.Mention> driving = new java.util.LinkedHashMap<>();
				measures.forEach(m -> m.driving().forEach(d -> driving.putIfAbsent(d.id(), d)));
				out.add(new AlertHour(hour, measures, List.copyOf(driving.values())));
			});
			return out;
		}

	}

}
