package org.parlons.conversations;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;

/**
 * The port through which a reply learns under which name it speaks (the brand, "Julie,
 * Service client", a representative): the governance module decides what each inbox
 * allows.
 */
public interface Personas {

	/** The persona a reply uses and the name the customer sees. */
	record Persona(String kind, String displayName) {
	}

	/**
	 * @param requested "brand", "agent" or "representative", or null for the inbox's
	 * default
	 * @throws IllegalArgumentException when the inbox does not allow it here, saying
	 * which it allows
	 */
	Persona choose(AgentPrincipal agent, Inbox inbox, Visibility visibility, @Nullable String requested);

}
