package org.parlons.routing.web;

import java.util.Arrays;
import java.util.List;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Priority;
import org.parlons.routing.EscalationRules;
import org.parlons.governance.MandateTopics;
import org.parlons.platform.ErrorDetails;
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
 * The administrators' page for the rules that govern conversations: escalation and
 * priority rules (what fires them, who takes the conversation, which priority it gets)
 * and the topics a mandate may withhold in public. The same checks as the API, with the
 * reason shown on the page.
 */
@Controller
@Requires(Permission.MANAGE_RULES)
class RulePages {

	private final EscalationRules rules;

	private final MandateTopics topics;

	private final Teams teams;

	private final Agents agents;

	private final Inboxes inboxes;

	RulePages(EscalationRules rules, MandateTopics topics, Teams teams, Agents agents, Inboxes inboxes) {
		this.rules = rules;
		this.topics = topics;
		this.teams = teams;
		this.agents = agents;
		this.inboxes = inboxes;
	}

	@GetMapping("/admin/rules")
	String page(Model model) {
		model.addAttribute("rules", rules.all().stream().filter(EscalationRules.Rule::active).toList());
		model.addAttribute("kinds",
				Arrays.stream(EscalationRules.Kind.values()).map(EscalationRules.Kind::api).toList());
		model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::api).toList());
		model.addAttribute("teams", teams.findAll());
		model.addAttribute("agents", agents.findAll());
		model.addAttribute("inboxes", inboxes.findAll());
		model.addAttribute("topics", topics.all());
		return "routing/rules";
	}

	@PostMapping("/admin/rules")
	String create(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String name, @RequestParam String kind,
			@RequestParam(required = false) @Nullable String keywords,
			@RequestParam(required = false) @Nullable Integer repeatCount,
			@RequestParam(required = false) @Nullable Integer repeatDays,
			@RequestParam(required = false) @Nullable Double threshold,
			@RequestParam(required = false) @Nullable String attribute,
			@RequestParam(required = false) @Nullable Long inboxId,
			@RequestParam(required = false) @Nullable Long targetTeamId,
			@RequestParam(required = false) @Nullable Long targetAgentId,
			@RequestParam(required = false) @Nullable String priority, RedirectAttributes redirect) {
		List<String> words = keywords == null ? List.of() : Arrays.asList(keywords.split("[\\n,]"));
		try {
			EscalationsApi.create(me,
					new EscalationsApi.RuleBody(name, kind, words, repeatCount, repeatDays, threshold, inboxId,
							targetTeamId, targetAgentId, priority,
							attribute == null || attribute.isBlank() ? null : attribute),
					rules, teams, agents, inboxes);
			redirect.addFlashAttribute("saved", name.strip());
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/rules";
	}

	@PostMapping("/admin/rules/{id}/off")
	String off(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		rules.deactivate(me.id(), id);
		return "redirect:/admin/rules";
	}

	@PostMapping("/admin/mandate-topics")
	String saveTopic(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String name,
			@RequestParam String phrases, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("saved",
					topics.save(me.id(), name.strip(), Arrays.asList(phrases.split("[\\n,]"))).name());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/admin/rules#topics";
	}

}
