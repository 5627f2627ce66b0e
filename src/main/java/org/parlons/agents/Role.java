package org.parlons.agents;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an agent may do: administrators and supervisors see every inbox, others their
 * teams' only.
 */
public enum Role {

	ADMIN, SUPERVISOR, AGENT, ANALYST;

	public static Role fromApi(String value) {
		String wanted = value.trim().toUpperCase(Locale.ROOT);
		if (wanted.equals("ADMINISTRATOR")) {
			return ADMIN;
		}
		return Arrays.stream(values())
			.filter(r -> r.name().equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown role '" + value + "': expected admin, supervisor, agent or analyst"));
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean seesAllInboxes() {
		return this == ADMIN || this == SUPERVISOR;
	}

	/** Analysts read; everyone else may answer customers. */
	public boolean mayAnswer() {
		return this != ANALYST;
	}

}
