package org.parlons.agents.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.Agents;
import org.parlons.agents.ApiTokens;
import org.parlons.agents.Mandate;
import org.parlons.agents.PermissionsChanged;
import org.parlons.agents.Role;
import org.parlons.agents.Teams;
import org.parlons.platform.ErrorDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration of people: agents and teams; and every agent's own API tokens.
 */
@Controller
class AdminPages {

	private final ApplicationEventPublisher events;

	private final Agents agents;

	private final AgentRegistration registration;

	private final Teams teams;

	private final ApiTokens tokens;

	private final org.parlons.agents.TimeZones zones;

	private final MandateWords mandates;

	AdminPages(Agents agents, AgentRegistration registration, Teams teams, ApiTokens tokens,
			ApplicationEventPublisher events, org.parlons.agents.TimeZones zones, MandateWords mandates) {
		this.mandates = mandates;
		this.zones = zones;
		this.events = events;
		this.agents = agents;
		this.registration = registration;
		this.teams = teams;
		this.tokens = tokens;
	}

	@Requires(Permission.MANAGE_AGENTS)
	@GetMapping("/admin")
	String admin(Model model) {
		var all = agents.findAll();
		model.addAttribute("agents", all);
		java.util.Map<Long, String> said = new java.util.HashMap<>();
		all.forEach(a -> said.put(a.id(), mandates.describe(a.mandate(), LocaleContextHolder.getLocale())));
		model.addAttribute("mandates", said);
		model.addAttribute("teams", teams.findAll());
		model.addAttribute("roles", Role.values());
		return "agents/admin";
	}

	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/agents")
	String createAgent(@RequestParam String email, @RequestParam String name, @RequestParam String password,
			@RequestParam String role, RedirectAttributes redirect) {
		return afterwards("redirect:/admin", redirect, () -> {
			registration.register(email, name, password, Role.fromApi(role), Mandate.NONE);
		});
	}

	/**
	 * The whole mandate from the form: blank fields grant nothing (no gesture) or
	 * restrict nothing.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/agents/{id}/mandate")
	String mandate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable BigDecimal maxGesture,
			@RequestParam(defaultValue = "EUR") String currency, @RequestParam(defaultValue = "") String languages,
			@RequestParam(defaultValue = "") String channels, @RequestParam(defaultValue = "") String withheld,
			RedirectAttributes redirect) {
		return afterwards("redirect:/admin", redirect, () -> {
			Mandate mandate = new Mandate(maxGesture,
					maxGesture == null ? null : currency.strip().toUpperCase(Locale.ROOT), words(languages),
					words(channels), words(withheld));
			var agent = registration.update(me.id(), id, AgentRegistration.Change.mandate(mandate));
			redirect.addFlashAttribute("saved",
					agent.name() + " \u2014 " + mandates.describe(mandate, LocaleContextHolder.getLocale()));
		});
	}

	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/agents/{id}/active")
	String active(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam boolean active,
			RedirectAttributes redirect) {
		return afterwards("redirect:/admin", redirect, () -> {
			registration.update(me.id(), id, AgentRegistration.Change.active(active));
		});
	}

	private static Set<String> words(String text) {
		return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isBlank()).collect(Collectors.toSet());
	}

	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/teams")
	String createTeam(@RequestParam String name, @RequestParam(required = false) List<Long> memberIds,
			RedirectAttributes redirect) {
		return afterwards("redirect:/admin", redirect, () -> {
			teams.create(name.strip(), List.of(), memberIds == null ? List.of() : memberIds);
		});
	}

	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/teams/{id}/members")
	String members(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) List<Long> memberIds) {
		var before = teams.findById(id).map(t -> t.memberIds().toString()).orElse("[]");
		teams.replaceMembers(id, memberIds == null ? List.of() : memberIds);
		events.publishEvent(new PermissionsChanged(me.id(), id, "team.members",
				before + " → " + (memberIds == null ? List.of() : memberIds)));
		return "redirect:/admin";
	}

	@GetMapping("/account/tokens")
	String tokens(@AuthenticationPrincipal AgentPrincipal me, Model model) {
		model.addAttribute("tokens", tokens.of(me.id()));
		model.addAttribute("myZone", zones.of(me.id()).map(java.time.ZoneId::getId).orElse(""));
		model.addAttribute("allZones",
				java.time.ZoneId.getAvailableZoneIds()
					.stream()
					.filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
					.sorted()
					.toList());
		return "agents/tokens";
	}

	@PostMapping("/account/tokens")
	String issue(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String name, RedirectAttributes redirect) {
		redirect.addFlashAttribute("issued", tokens.issue(me.id(), name.isBlank() ? "token" : name.strip()));
		return "redirect:/account/tokens";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String current,
			@RequestParam String password, RedirectAttributes redirect) {
		return afterwards("redirect:/account/tokens", redirect, () -> {
			registration.changePassword(me.id(), current, password);
			redirect.addFlashAttribute("passwordChanged", true);
		});
	}

	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/admin/agents/{id}/password")
	String resetPassword(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam String password, RedirectAttributes redirect) {
		return afterwards("redirect:/admin", redirect, () -> {
			registration.resetPassword(me.id(), id, password);
			redirect.addFlashAttribute("saved", agents.findById(id).map(a -> a.name()).orElse("#" + id));
		});
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		tokens.revoke(me.id(), id);
		return "redirect:/account/tokens";
	}

	/**
	 * Runs a form's action and goes back to the page, with the refusal's reason shown
	 * there when it was refused.
	 */
	private static String afterwards(String target, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return target;
	}

}
