package org.parlons.agents;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Repository;

/**
 * The language each agent last chose to read Parlons in (the language switch, or
 * {@code PUT /api/v1/me/language}): what is written to them away from a screen, a mail
 * about a missed service level say. An agent who chose none reads the server's default.
 */
@Repository
public class Languages {

	/** The languages Parlons speaks. */
	public static final List<String> SPOKEN = List.of("en", "fr");

	private final AgentPreferences preferences;

	Languages(AgentPreferences preferences) {
		this.preferences = preferences;
	}

	public Optional<Locale> of(long agentId) {
		return preferences.get(agentId, "language").map(Locale::forLanguageTag);
	}

	/** Keeps the agent's choice; a language Parlons does not speak is refused. */
	public void set(long agentId, String language) {
		String clean = language.strip().toLowerCase(Locale.ROOT);
		if (!SPOKEN.contains(clean)) {
			throw org.parlons.platform.InvalidRequestException.said("agents.refused.language",
					"language: en or fr, not " + language, language);
		}
		preferences.put(agentId, "language", clean);
	}

}
