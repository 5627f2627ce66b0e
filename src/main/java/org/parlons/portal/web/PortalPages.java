package org.parlons.portal.web;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Satisfaction;
import org.parlons.platform.PlatformSettings;
import org.parlons.portal.Contracts;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalPreferences;
import org.parlons.portal.PortalRequests;
import org.parlons.portal.PortalSignIn;
import org.parlons.platform.ErrorDetails;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer space's pages: sign-in, requests and their threads, a new request,
 * contracts and consumption, satisfaction, preferences. Plain forms (no script needed),
 * in the customer's language, at any width.
 */
@Controller
@RequestMapping("/portal")
class PortalPages {

	private final PortalSignIn signIn;

	private final PortalRequests requests;

	private final Contracts contracts;

	private final PortalPreferences preferences;

	private final PortalLinks links;

	private final Satisfaction satisfaction;

	private final PlatformSettings platform;

	private final MessageSource words;

	private final java.time.Clock clock;

	private final org.parlons.knowledge.Answers answers;

	PortalPages(PortalSignIn signIn, PortalRequests requests, Contracts contracts, PortalPreferences preferences,
			PortalLinks links, Satisfaction satisfaction, PlatformSettings platform, MessageSource words,
			java.time.Clock clock, org.parlons.knowledge.Answers answers) {
		this.answers = answers;
		this.clock = clock;
		this.signIn = signIn;
		this.requests = requests;
		this.contracts = contracts;
		this.preferences = preferences;
		this.links = links;
		this.satisfaction = satisfaction;
		this.platform = platform;
		this.words = words;
	}

	@GetMapping("/sign-in")
	String signInPage(@RequestParam(required = false) @Nullable String sent,
			@RequestParam(required = false) @Nullable String spent, Model model) {
		model.addAttribute("sent", sent != null);
		model.addAttribute("spent", spent != null);
		return "portal/sign-in";
	}

	@PostMapping("/sign-in")
	String askForLink(@RequestParam(required = false) @Nullable String email, HttpServletRequest request,
			Locale locale) {
		if (email != null && !email.isBlank() && email.length() <= 320) {
			signIn.mailLink(email, links.base(request), locale);
		}
		return "redirect:/portal/sign-in?sent";
	}

	/** The link of a mail or an agent: spent once, it signs the customer in. */
	@GetMapping("/sign-in/{token}")
	String signIn(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
		return links.signIn(token, request, response) ? "redirect:/portal" : "redirect:/portal/sign-in?spent";
	}

	@PostMapping("/sign-out")
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		links.signOut(request, response);
		return "redirect:/portal/sign-in";
	}

	@GetMapping
	String home(@AuthenticationPrincipal PortalCustomer me, Model model) {
		model.addAttribute("requests", requests.list(me));
		model.addAttribute("zone", zoneOf(me));
		model.addAttribute("active", "requests");
		return "portal/requests";
	}

	@PostMapping("/requests")
	String open(@AuthenticationPrincipal PortalCustomer me, @RequestParam String subject, @RequestParam String text,
			RedirectAttributes redirect, Locale locale) {
		try {
			long id = requests.open(me, subject, text).conversationId();
			return "redirect:/portal/requests/" + id;
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/portal";
		}
	}

	@GetMapping("/requests/{id}")
	String request(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, Model model) {
		model.addAttribute("request", requests.one(me, id));
		model.addAttribute("lines", requests.thread(me, id));
		model.addAttribute("zone", zoneOf(me));
		model.addAttribute("active", "requests");
		return "portal/request";
	}

	@PostMapping("/requests/{id}/messages")
	String reply(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, @RequestParam String text,
			RedirectAttributes redirect, Locale locale) {
		try {
			requests.reply(me, id, text);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/requests/" + id;
	}

	@PostMapping("/requests/{id}/rating")
	String rate(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, @RequestParam int score,
			@RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect, Locale locale) {
		try {
			requests.rate(me, id, score, comment);
			redirect.addFlashAttribute("notice", words.getMessage("portal.rating.thanks", null, locale));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/portal/requests/" + id;
	}

	/** A survey's link from a mail: answered without signing in, once. */
	@GetMapping("/rate/{token}")
	String ratePage(@PathVariable String token, @RequestParam(required = false) @Nullable Integer score, Model model) {
		var survey = satisfaction.byToken(token);
		model.addAttribute("token", token);
		model.addAttribute("score", score);
		model.addAttribute("state", survey.isEmpty() ? "unknown"
				: survey.get().answered() ? "answered" : survey.get().answerable(clock.instant()) ? "open" : "expired");
		return "portal/rate";
	}

	@PostMapping("/rate/{token}")
	String rateByLink(@PathVariable String token, @RequestParam int score,
			@RequestParam(required = false) @Nullable String comment, Model model, Locale locale) {
		var survey = satisfaction.byToken(token);
		model.addAttribute("token", token);
		if (survey.isEmpty()) {
			model.addAttribute("state", "unknown");
			return "portal/rate";
		}
		try {
			satisfaction.rate(survey.get().id(), score, comment, "link");
			model.addAttribute("state", "thanks");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			model.addAttribute("state", "open");
			model.addAttribute("error", ErrorDetails.of(ex));
		}
		return "portal/rate";
	}

	@GetMapping("/answers")
	String answers(@AuthenticationPrincipal PortalCustomer me, @RequestParam(required = false) @Nullable String q,
			Model model, Locale locale) {
		String language = PortalAnswers.languageOf(preferences, requests, me, locale);
		model.addAttribute("q", q);
		model.addAttribute("found", answers.search(q, language, 20));
		model.addAttribute("active", "answers");
		return "portal/answers";
	}

	@GetMapping("/contracts")
	String contracts(@AuthenticationPrincipal PortalCustomer me, Model model) {
		List<Contracts.Consumption> used = contracts.consumptionOf(requests.profilesOf(me));
		model.addAttribute("contracts", contracts.ofCustomer(me.customerId()));
		model.addAttribute("consumption", used);
		model.addAttribute("seriesJson", org.parlons.platform.Json.write(series(used)));
		model.addAttribute("active", "contracts");
		return "portal/contracts";
	}

	@GetMapping("/preferences")
	String preferences(@AuthenticationPrincipal PortalCustomer me, Model model) {
		model.addAttribute("preferences", preferences.of(requests.currentOf(me)));
		model.addAttribute("zones", ZoneId.getAvailableZoneIds().stream().sorted().toList());
		model.addAttribute("active", "preferences");
		return "portal/preferences";
	}

	@PostMapping("/preferences")
	String choose(@AuthenticationPrincipal PortalCustomer me, @RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestParam(required = false) @Nullable String preferredChannel,
			@RequestParam(required = false) @Nullable String notifyByEmail, RedirectAttributes redirect,
			Locale locale) {
		try {
			preferences.save(requests.currentOf(me),
					new PortalPreferences.Preferences(language, timeZone, preferredChannel, notifyByEmail != null));
			redirect.addFlashAttribute("notice", words.getMessage("portal.preferences.saved", null, locale));
			return language == null || language.isBlank() ? "redirect:/portal/preferences"
					: "redirect:/portal/preferences?lang=" + language;
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
			return "redirect:/portal/preferences";
		}
	}

	/**
	 * The consumption as the chart draws it: one series per contract and metric, over the
	 * periods' first days.
	 */
	static Map<String, Object> series(List<Contracts.Consumption> used) {
		List<String> days = used.stream().map(k -> k.from().toString()).distinct().sorted().toList();
		Map<String, Map<String, Number>> byLine = new LinkedHashMap<>();
		used.forEach(k -> byLine
			.computeIfAbsent(k.contract() + " · " + k.metric() + " (" + k.unit() + ")", x -> new LinkedHashMap<>())
			.put(k.from().toString(), k.quantity()));
		List<Map<String, Object>> lines = byLine.entrySet()
			.stream()
			.map(e -> Map.<String, Object>of("name", e.getKey(), "data",
					days.stream().map(d -> e.getValue().get(d)).toList()))
			.toList();
		return Map.of("days", days, "lines", lines);
	}

	private ZoneId zoneOf(PortalCustomer me) {
		String zone = preferences.of(requests.currentOf(me)).timeZone();
		return zone == null ? platform.timeZone() : ZoneId.of(zone);
	}

}
