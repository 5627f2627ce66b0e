package org.parlons.agents;

import java.util.Locale;

/**
 * What an agent may do, beyond seeing the inboxes of their scope. Each role holds a set
 * of them ({@link Role#permissions()}); an admin may grant an agent the
 * {@link #grantable()} ones on top of their role. docs/permissions.md draws the matrix.
 */
public enum Permission {

	/** Read conversations, customers and their history in the agent's inboxes. */
	READ_CONVERSATIONS,

	/** Reply, note, change status, assignee, team, priority and labels. */
	WORK_CONVERSATIONS,

	/** Post inbound messages through the API channel (an integration's door). */
	INGEST,

	/** Edit customers: details, identities, tags, notes. */
	EDIT_CUSTOMERS,

	/** Merge two customers and undo a merge. */
	MERGE_CUSTOMERS,

	/** Import customers from CSV. */
	IMPORT_CUSTOMERS,

	/** Export the customer base as CSV. */
	EXPORT_CUSTOMERS,

	/** Keep the canned replies and macros, everyone's or a team's. */
	MANAGE_CANNED_RESPONSES,

	/** Write and publish the answers customers search in their space. */
	WRITE_ANSWERS,

	/** List the agents with their roles and mandates. */
	READ_AGENTS,

	/** Approve or reject a held reply. */
	DECIDE_APPROVALS,

	/** Write escalation, priority, conduct and mandate-topic rules and service levels. */
	MANAGE_RULES,

	/** Create and change inboxes, their credentials and their moderation. */
	MANAGE_INBOXES,

	/** Create agents and teams, change roles, mandates and grants, deactivate. */
	MANAGE_AGENTS,

	/** Read listening figures, mentions and their exports, within the agent's inboxes. */
	READ_LISTENING,

	/** Add and remove feeds, network searches, topics and post readings. */
	MANAGE_LISTENING,

	/** Read reports. */
	READ_REPORTS,

	/**
	 * Handle customers' requests about their data: list, carry out (erasure too), refuse.
	 */
	HANDLE_DATA_REQUESTS,

	/**
	 * Run the ambassador and advocate programmes: members, their status and contract,
	 * missions, points, rewards, disclosure flags, candidates.
	 */
	MANAGE_PROGRAMMES,

	/**
	 * Run customer representation: communities and their members, elections, candidates,
	 * closing and certifying results.
	 */
	MANAGE_REPRESENTATION,

	/**
	 * Keep the segments, scores and the catalogue of next-best actions, and read who is
	 * in which segment and why.
	 */
	MANAGE_SEGMENTS,

	/**
	 * Curate and publish: keep the sources, triage their items, compose editions and ask
	 * to publish them (the posts go through the curator's mandate and the conduct rules).
	 */
	CURATE,

	/**
	 * Use the professional network: import one's own LinkedIn connections and vCards,
	 * enter meetings, search introduction paths and ask for introductions, follow job
	 * changes, keep lead lists, record the notices owed to imported people.
	 */
	NETWORK,

	/** Read and export the audit log. */
	READ_AUDIT,

	/** Read the server's metrics (Prometheus). */
	READ_METRICS;

	/** Those an admin may grant an agent on top of their role. */
	public boolean grantable() {
		return this == MERGE_CUSTOMERS || this == IMPORT_CUSTOMERS || this == EXPORT_CUSTOMERS
				|| this == HANDLE_DATA_REQUESTS || this == MANAGE_PROGRAMMES || this == MANAGE_REPRESENTATION
				|| this == MANAGE_SEGMENTS || this == CURATE || this == NETWORK;
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Permission fromApi(String value) {
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown permission '" + value + "'");
		}
	}

}
