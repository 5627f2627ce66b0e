package org.parlons.routing.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Priority;
import org.parlons.routing.EscalationRules;
import org.parlons.routing.Escalations;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Escalation rules (administrators) and the escalations of a conversation (whoever may
 * see it).
 */
@RestController
class EscalationsApi {

	private final EscalationRules rules;

	private final Escalations escalations;

	private final ConversationAccess access;

	private final Teams teams;

	private final Agents agents;

	private final Inboxes inboxes;

	EscalationsApi(EscalationRules rules, Escalations escalations, ConversationAccess access, Teams teams,
			Agents agents, Inboxes inboxes) {
		this.rules = rules;
		this.escalations = escalations;
		this.access = access;
		this.teams = teams;
		this.agents = agents;
		this.inboxes = inboxes;
	}

	/**
	 * A routing rule: when it fires, who takes the conversation and how urgent it
	 * becomes.
	 *
	 * @param name its name
	 * @param kind "manager", "keywords", "repeat", "tone", "influence",
	 * "public_complaint" or "customer_value"
	 * @param keywords for "keywords": the words or phrases
	 * @param repeatCount for "repeat": the n-th conversation…
	 * @param repeatDays …within these days
	 * @param threshold for "influence" and "customer_value": the value that fires it
	 * @param inboxId one inbox; every inbox when left out
	 * @param targetTeamId the team that takes the conversation
	 * @param targetAgentId the agent who takes it
	 * @param priority the priority it raises to (high when left out)
	 * @param attribute for "customer_value": the customer attribute read
	 */
	record RuleBody(@NotBlank @Size(max = 200) String name, @NotBlank String kind, @Nullable List<String> keywords,
			@Nullable Integer repeatCount, @Nullable Integer repeatDays, @Nullable Double threshold,
			@Nullable Long inboxId, @Nullable Long targetTeamId, @Nullable Long targetAgentId,
			@Nullable String priority, @Nullable @Size(max = 100) String attribute) {
	}

	/**
	 * Creates an escalation rule (with a target team or agent) or a priority rule (with
	 * only a priority):
	 * {@code {"name", "kind": "manager"|"keywords"|"repeat"|"tone"|"influence"|"public_complaint"|"customer_value",
	 * "keywords"?, "repeatCount"?, "repeatDays"?, "threshold"?, "attribute"?, "inboxId"?, "targetTeamId"?,
	 * "targetAgentId"?, "priority"?: "urgent"|"high"|"normal"|"low"}}.
	 */
	@Requires(Permission.MANAGE_RULES)
	@PostMapping("/api/v1/escalation-rules")
	@ResponseStatus(HttpStatus.CREATED)
	EscalationRules.Rule create(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody RuleBody body) {
		return rules.findById(create(me, body, rules, teams, agents, inboxes)).orElseThrow();
	}

	/** Checks and saves a rule for the API and the rules page alike. @return its id */
	static long create(AgentPrincipal me, RuleBody body, EscalationRules rules, Teams teams, Agents agents,
			Inboxes inboxes) {
		EscalationRules.Kind kind;
		try {
			kind = EscalationRules.Kind.valueOf(body.kind().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.said("escalations.refused.kind",
					"kind is manager, keywords, repeat, tone, influence, public_complaint or customer_value, not "
							+ body.kind(),
					String.valueOf(body.kind()));
		}
		Priority priority = null;
		if (body.priority() != null && !body.priority().isBlank()) {
			try {
				priority = Priority.fromApi(body.priority());
			}
			catch (IllegalArgumentException ex) {
				throw InvalidRequestException.from(ex);
			}
		}
		List<String> keywords = body.keywords() == null ? List.of()
				: body.keywords().stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
		if (body.targetTeamId() != null && teams.findById(body.targetTeamId()).isEmpty()) {
			throw InvalidRequestException.said("refused.noTeam", "No team " + body.targetTeamId(),
					String.valueOf(body.targetTeamId()));
		}
		if (body.targetAgentId() != null && agents.findById(body.targetAgentId()).isEmpty()) {
			throw InvalidRequestException.said("refused.noAgent", "No agent " + body.targetAgentId(),
					String.valueOf(body.targetAgentId()));
		}
		if (body.inboxId() != null && inboxes.findLive(body.inboxId()).isEmpty()) {
			throw InvalidRequestException.said("refused.noInbox", "No inbox " + body.inboxId(),
					String.valueOf(body.inboxId()));
		}
		try {
			return rules.create(me.id(),
					new EscalationRules.Draft(body.name().strip(), kind, keywords, body.repeatCount(),
							body.repeatDays(), body.threshold(), body.inboxId(), body.targetTeamId(),
							body.targetAgentId(), priority, body.attribute()));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Escalation rules. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/api/v1/escalation-rules")
	Map<String, List<EscalationRules.Rule>> list() {
		return Map.of("items", rules.all());
	}

	/** Turns an escalation rule off. */
	@Requires(Permission.MANAGE_RULES)
	@DeleteMapping("/api/v1/escalation-rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deactivate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		if (!rules.deactivate(me.id(), id)) {
			throw new NotFoundException("No rule " + id);
		}
	}

	/** The escalations of a conversation. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/api/v1/conversations/{id}/escalations")
	Map<String, List<Escalations.Escalation>> of(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		access.conversation(me, id);
		return Map.of("items", escalations.of(id));
	}

}
