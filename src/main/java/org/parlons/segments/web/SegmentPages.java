package org.parlons.segments.web;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import org.parlons.segments.NextBestActions;
import org.parlons.segments.Scores;
import org.parlons.segments.Segments;
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
 * The pages of whoever keeps the segments: the segments with their members and history,
 * why a customer is in one or not; the scores; the catalogue of actions with their
 * acceptance rates.
 */
@Controller
@Requires(Permission.MANAGE_SEGMENTS)
class SegmentPages {

	private final Segments segments;

	private final Scores scores;

	private final NextBestActions actions;

	private final Customers customers;

	private final MessageSource words;

	SegmentPages(Segments segments, Scores scores, NextBestActions actions, Customers customers, MessageSource words) {
		this.segments = segments;
		this.scores = scores;
		this.actions = actions;
		this.customers = customers;
		this.words = words;
	}

	@GetMapping("/segments")
	String list(Model model) {
		model.addAttribute("segments", segments.all());
		model.addAttribute("scores", scores.all());
		model.addAttribute("tallies", actions.report());
		model.addAttribute("kinds", NextBestActions.KINDS);
		return "segments/segments";
	}

	@PostMapping("/segments")
	String create(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String name, @RequestParam String condition,
			@RequestParam(defaultValue = "dynamic") String kind,
			@RequestParam(defaultValue = "profiling") String purpose, RedirectAttributes redirect) {
		try {
			return "redirect:/segments/" + segments.create(name, condition, kind, purpose, me.id()).id();
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			redirect.addFlashAttribute("draft", condition);
			return "redirect:/segments";
		}
	}

	@GetMapping("/segments/{id}")
	String segment(@PathVariable long id, @RequestParam(required = false) @Nullable Long explain, Model model) {
		Segments.Segment segment = segments.get(id);
		Segments.Members page = segments.members(id, 0, 100);
		List<Segments.Change> history = segments.history(id, 50);
		List<Long> named = new ArrayList<>(page.customerIds());
		history.forEach(c -> named.add(c.customerId()));
		Map<Long, String> names = new HashMap<>();
		customers.summaries(named).forEach((k, v) -> names.put(k, v.displayName()));
		model.addAttribute("segment", segment);
		model.addAttribute("members", page);
		model.addAttribute("history", history);
		model.addAttribute("names", names);
		if (explain != null && customers.findById(explain).isPresent()) {
			model.addAttribute("explained", explain);
			model.addAttribute("reasons", segments.explain(id, explain));
		}
		return "segments/segment";
	}

	@PostMapping("/segments/{id}/evaluation")
	String evaluate(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		long members = segments.evaluateAll(id, "asked");
		redirect.addFlashAttribute("notice", words.getMessage("segments.evaluated", new Object[] { members }, locale));
		return "redirect:/segments/" + id;
	}

	@PostMapping("/segments/{id}/deletion")
	String delete(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		segments.delete(id);
		redirect.addFlashAttribute("notice", words.getMessage("segments.deleted", null, locale));
		return "redirect:/segments";
	}

	@PostMapping("/segments/scores")
	String createScore(@RequestParam String name, @RequestParam(required = false) @Nullable String halfLife,
			@RequestParam(required = false) @Nullable Double cap, @RequestParam String event,
			@RequestParam(required = false) @Nullable String channel, @RequestParam double points,
			@RequestParam(defaultValue = "always") String per, @RequestParam(required = false) @Nullable Double at,
			@RequestParam(required = false) @Nullable String tag, RedirectAttributes redirect, Locale locale) {
		Map<String, Object> rule = new HashMap<>(Map.of("event", event, "points", points, "per", per));
		if (channel != null && !channel.isBlank()) {
			rule.put("channel", channel.strip());
		}
		List<Map<String, Object>> thresholds = at == null || tag == null || tag.isBlank() ? List.of()
				: List.of(Map.of("at", at, "tag", tag.strip()));
		return act(redirect, locale, "segments.score.created",
				() -> scores.create(name, halfLife, cap, List.of(rule), thresholds));
	}

	@PostMapping("/segments/actions")
	String createAction(@RequestParam String key, @RequestParam String titleFr, @RequestParam String titleEn,
			@RequestParam String kind, @RequestParam(required = false) @Nullable List<Long> segmentIds,
			@RequestParam(defaultValue = "1") int capCount, @RequestParam(defaultValue = "30") int capDays,
			@RequestParam(defaultValue = "1") double value, @RequestParam(defaultValue = "1") double priority,
			@RequestParam(defaultValue = "false") boolean promotional,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable BigDecimal gestureAmount,
			@RequestParam(required = false) @Nullable String gestureCurrency, RedirectAttributes redirect,
			Locale locale) {
		return act(redirect, locale, "segments.action.created",
				() -> actions.create(key, titleFr, titleEn, kind, segmentIds == null ? List.of() : segmentIds, capCount,
						capDays, value, priority, promotional, purpose, gestureAmount,
						gestureCurrency == null || gestureCurrency.isBlank() ? null
								: gestureCurrency.strip().toUpperCase(Locale.ROOT)));
	}

	private String act(RedirectAttributes redirect, Locale locale, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", words.getMessage(done, null, locale));
		}
		catch (RuntimeException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/segments";
	}

}
