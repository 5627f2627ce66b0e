package org.parlons.governance.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.parlons.conversations.Inboxes;
import org.parlons.governance.ConductRules;
import org.parlons.governance.PolicyChanged;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The code of conduct's rules: everyone who answers may read them, administrators write
 * them.
 * {@code {"name", "kind": "forbidden"|"tone"|"greeting"|"signature", "phrases": [...], "threshold"?,
 * "mode": "block"|"warn", "appliesTo": "public"|"private"|"all", "inboxId"?}} (no inbox:
 * every inbox).
 */
@RestController
@RequestMapping("/api/v1/conduct-rules")
class ConductRulesApi {

	private final ConductRules rules;

	private final Inboxes inboxes;

	private final ApplicationEventPublisher events;

	ConductRulesApi(ConductRules rules, Inboxes inboxes, ApplicationEventPublisher events) {
		this.events = events;
		this.rules = rules;
		this.inboxes = inboxes;
	}

	/**
	 * A rule of the code of conduct.
	 *
	 * @param name its name
	 * @param kind "forbidden" (words never used), "tone" (a sentiment below the
	 * threshold), "greeting" (a reply opens with one of the phrases) or "signature" (it
	 * ends with one)
	 * @param phrases the words or phrases it looks for
	 * @param threshold for "tone": the lowest sentiment allowed (-0.5 when left out)
	 * @param mode "block" (not sent) or "warn" (sent once the agent confirms)
	 * @param appliesTo "public", "private" or "all" replies
	 * @param inboxId one inbox; every inbox when left out
	 */
	record NewRule(@NotBlank @Size(max = 200) String name, @NotBlank String kind,
			@Nullable List<@NotBlank String> phrases, @Nullable Double threshold, @Nullable String mode,
			@Nullable String appliesTo, @Nullable Long inboxId) {
	}

	/**
	 * A rule switched on or off.
	 *
	 * @param active false to stop applying it
	 */
	record Change(boolean active) {
	}

	/** The code of conduct: rules a reply is checked against before it leaves. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	Map<String, Object> list() {
		return Map.of("items", rules.all().stream().map(ConductRulesApi::view).toList());
	}

	/**
	 * Adds a conduct rule (phrases or a threshold, for public, private or all replies)
	 * that warns or blocks.
	 */
	@Requires(Permission.MANAGE_RULES)
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody NewRule body) {
		ConductRules.Kind kind = parse(ConductRules.Kind.class, body.kind(), "kind");
		List<String> phrases = body.phrases() == null ? List.of() : body.phrases().stream().map(String::strip).toList();
		if (kind != ConductRules.Kind.TONE && phrases.isEmpty()) {
			throw InvalidRequestException.said("conduct.refused.phrases",
					"phrases: a " + kind.api() + " rule needs at least one phrase", kind.api());
		}
		if (body.inboxId() != null && inboxes.findLive(body.inboxId()).isEmpty()) {
			throw InvalidRequestException.said("refused.inboxId", "inboxId: no inbox " + body.inboxId(),
					String.valueOf(body.inboxId()));
		}
		if (body.threshold() != null && (body.threshold() < -1 || body.threshold() > 1)) {
			throw InvalidRequestException.said("conduct.refused.threshold",
					"threshold: a sentiment score between -1 and 1");
		}
		long id = rules.create(body.name().strip(), kind, phrases, body.threshold(),
				body.mode() == null ? ConductRules.Mode.WARN : parse(ConductRules.Mode.class, body.mode(), "mode"),
				body.appliesTo() == null ? ConductRules.Scope.ALL
						: parse(ConductRules.Scope.class, body.appliesTo(), "appliesTo"),
				body.inboxId());
		events.publishEvent(new PolicyChanged(me.id(), "conduct-rule.created",
				"#" + id + " " + body.name() + " (" + kind.api() + ")"));
		return view(rules.all().stream().filter(r -> r.id() == id).findFirst().orElseThrow());
	}

	/** Changes a conduct rule. */
	@Requires(Permission.MANAGE_RULES)
	@PatchMapping("/{id}")
	Map<String, Object> change(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Change body) {
		if (!rules.setActive(id, body.active())) {
			throw new NotFoundException("No conduct rule " + id);
		}
		events
			.publishEvent(new PolicyChanged(me.id(), body.active() ? "conduct-rule.on" : "conduct-rule.off", "#" + id));
		return view(rules.all().stream().filter(r -> r.id() == id).findFirst().orElseThrow());
	}

	/** Removes a conduct rule. */
	@Requires(Permission.MANAGE_RULES)
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		if (!rules.delete(id)) {
			throw new NotFoundException("No conduct rule " + id);
		}
		events.publishEvent(new PolicyChanged(me.id(), "conduct-rule.removed", "#" + id));
	}

	private static Map<String, Object> view(ConductRules.Rule r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", r.id());
		m.put("name", r.name());
		m.put("kind", r.kind().api());
		m.put("phrases", r.phrases());
		m.put("threshold", r.threshold());
		m.put("mode", r.mode().api());
		m.put("appliesTo", r.appliesTo().api());
		m.put("inboxId", r.inboxId());
		m.put("active", r.active());
		return m;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			String known = String
				.valueOf(Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
			throw InvalidRequestException.said("refused.oneOf", field + ": '" + value + "' is not one of " + known,
					field, value, known);
		}
	}

}
