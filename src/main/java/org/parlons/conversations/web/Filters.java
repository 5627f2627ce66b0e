package org.parlons.conversations.web;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationStatus;

/**
 * Reads the list filters shared by the API and the UI; {@code assignee} takes an id, "me"
 * or "none".
 */
final class Filters {

	private Filters() {
	}

	static ConversationFilter of(AgentPrincipal me, @Nullable Long inboxId, @Nullable String status,
			@Nullable Long teamId, @Nullable String assignee, @Nullable String label, @Nullable String q,
			@Nullable Long customerId) {
		ConversationStatus s = status == null || status.isBlank() || status.equals("all") ? null
				: ConversationStatus.fromApi(status);
		boolean unassigned = "none".equals(assignee);
		Long assigneeId = null;
		if ("me".equals(assignee)) {
			assigneeId = me.id();
		}
		else if (assignee != null && !assignee.isBlank() && !unassigned) {
			try {
				assigneeId = Long.parseLong(assignee);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("assignee must be an agent id, 'me' or 'none'");
			}
		}
		return new ConversationFilter(inboxId, s, teamId, assigneeId, unassigned, blankToNull(label), blankToNull(q),
				customerId);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
