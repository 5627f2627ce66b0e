package org.parlons.governance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Role;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboxSettingsRule;
import org.parlons.conversations.Personas;
import org.parlons.conversations.Visibility;
import org.springframework.stereotype.Component;

/**
 * Who speaks for the brand (seeds 000 and 002). Three personas: the brand's own voice
 * ({@code brandVoice}, by default the inbox's name), the agent within the brand ("Julie,
 * Service client" with {@code agentSignature}, the agent's full name without), and a
 * representative ("Marc Dupont, Responsable de la relation client":
 * {@code representativeTitle}), whom only supervisors and administrators may use. An
 * inbox lists the personas allowed in public and in private: {@code "personas":
 * {"public": ["brand"], "private": ["agent", "representative"]}}; the first is the
 * default.
 */
@Component
class PersonaRules implements Personas, InboxSettingsRule {

	static final List<String> KINDS = List.of("brand", "agent", "representative");

	@Override
	public Set<String> keys() {
		return Set.of("personas", "brandVoice", "agentSignature", "representativeTitle");
	}

	@Override
	public void check(Map<String, Object> settings) {
		Object personas = settings.get("personas");
		if (personas == null) {
			return;
		}
		if (!(personas instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("personas must be {\"public\": [...], \"private\": [...]}");
		}
		for (Map.Entry<?, ?> e : map.entrySet()) {
			if (!"public".equals(e.getKey()) && !"private".equals(e.getKey())) {
				throw new IllegalArgumentException("personas: only \"public\" and \"private\", not " + e.getKey());
			}
			if (!(e.getValue() instanceof List<?> list) || list.isEmpty()
					|| !list.stream().allMatch(k -> KINDS.contains(String.valueOf(k)))) {
				throw new IllegalArgumentException("personas." + e.getKey() + " must list some of " + KINDS);
			}
		}
	}

	@Override
	public Persona choose(AgentPrincipal agent, Inbox inbox, Visibility visibility, @Nullable String requested) {
		List<String> allowed = allowed(inbox, visibility);
		String kind = requested == null || requested.isBlank() ? allowed.get(0)
				: requested.strip().toLowerCase(Locale.ROOT);
		if (!KINDS.contains(kind)) {
			throw org.parlons.platform.Refusals.invalid("persona.unknown",
					"persona must be one of " + KINDS + ", not '" + requested + "'", requested);
		}
		if (!allowed.contains(kind)) {
			throw org.parlons.platform.Refusals
				.invalid(
						"persona.notAllowed", "This inbox does not allow the " + kind + " persona in "
								+ visibility.api() + " replies; allowed: " + allowed,
						kind, visibility.api(), String.join(", ", allowed));
		}
		if ("representative".equals(kind) && agent.role() != Role.SUPERVISOR && agent.role() != Role.ADMIN) {
			throw org.parlons.platform.Refusals.invalid("persona.representative",
					"Only supervisors and administrators speak as representatives");
		}
		return new Persona(kind, switch (kind) {
			case "brand" -> setting(inbox, "brandVoice", inbox.name());
			case "agent" -> inbox.settings().get("agentSignature") == null ? agent.name()
					: firstName(agent.name()) + ", " + setting(inbox, "agentSignature", "");
			default -> agent.name() + ", " + setting(inbox, "representativeTitle", "Responsable de la relation client");
		});
	}

	/**
	 * What an inbox allows for replies of this visibility; every persona when it says
	 * nothing.
	 */
	static List<String> allowed(Inbox inbox, Visibility visibility) {
		if (inbox.settings().get("personas") instanceof Map<?, ?> map
				&& map.get(visibility.api()) instanceof List<?> list && !list.isEmpty()) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of("agent", "brand", "representative");
	}

	private static String setting(Inbox inbox, String name, String fallback) {
		Object value = inbox.settings().get(name);
		return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
	}

	private static String firstName(String name) {
		return name.strip().split("\\s+")[0];
	}

}
