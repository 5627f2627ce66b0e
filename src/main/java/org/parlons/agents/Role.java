package org.parlons.agents;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.parlons.agents.Permission.DECIDE_APPROVALS;
import static org.parlons.agents.Permission.EDIT_CUSTOMERS;
import static org.parlons.agents.Permission.EXPORT_CUSTOMERS;
import static org.parlons.agents.Permission.IMPORT_CUSTOMERS;
import static org.parlons.agents.Permission.INGEST;
import static org.parlons.agents.Permission.NETWORK;
import static org.parlons.agents.Permission.MANAGE_CANNED_RESPONSES;
import static org.parlons.agents.Permission.WRITE_ANSWERS;
import static org.parlons.agents.Permission.MERGE_CUSTOMERS;
import static org.parlons.agents.Permission.READ_AGENTS;
import static org.parlons.agents.Permission.READ_CONVERSATIONS;
import static org.parlons.agents.Permission.READ_LISTENING;
import static org.parlons.agents.Permission.READ_REPORTS;
import static org.parlons.agents.Permission.WORK_CONVERSATIONS;

/**
 * What an agent may do: administrators and supervisors see every inbox, others their
 * teams' only; each role holds its permissions, the one matrix every door checks.
 */
public enum Role {

	/** Everything. */
	ADMIN(EnumSet.allOf(Permission.class)),

	/** Runs the service: every inbox, approvals, the customer base, reports. */
	SUPERVISOR(EnumSet.of(READ_CONVERSATIONS, WORK_CONVERSATIONS, INGEST, EDIT_CUSTOMERS, MERGE_CUSTOMERS,
			IMPORT_CUSTOMERS, EXPORT_CUSTOMERS, MANAGE_CANNED_RESPONSES, WRITE_ANSWERS, READ_AGENTS, DECIDE_APPROVALS,
			READ_LISTENING, READ_REPORTS, NETWORK)),

	/** Answers customers in their teams' inboxes. */
	AGENT(EnumSet.of(READ_CONVERSATIONS, WORK_CONVERSATIONS, INGEST, EDIT_CUSTOMERS, WRITE_ANSWERS, READ_LISTENING,
			NETWORK)),

	/** Reads, everywhere they may see, and writes nothing. */
	ANALYST(EnumSet.of(READ_CONVERSATIONS, READ_LISTENING, READ_REPORTS));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = permissions;
	}

	/** What the role may do, grants aside. */
	public Set<Permission> permissions() {
		return EnumSet.copyOf(permissions);
	}

	public boolean may(Permission permission) {
		return permissions.contains(permission);
	}

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
		return may(WORK_CONVERSATIONS);
	}

}
