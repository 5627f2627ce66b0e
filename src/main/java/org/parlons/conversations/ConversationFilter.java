package org.parlons.conversations;

import org.jspecify.annotations.Nullable;

/**
 * What an inbox list asks for. Every field is optional; {@code assignee} is an agent id,
 * or {@code "me"} and {@code "none"} resolved by the caller.
 */
public record ConversationFilter(@Nullable Long inboxId, @Nullable ConversationStatus status, @Nullable Long teamId,
		@Nullable Long assigneeId, boolean unassigned, @Nullable String label, @Nullable String text,
		@Nullable Long customerId) {

	public static ConversationFilter all() {
		return new ConversationFilter(null, null, null, null, false, null, null, null);
	}

	public ConversationFilter withStatus(@Nullable ConversationStatus newStatus) {
		return new ConversationFilter(inboxId, newStatus, teamId, assigneeId, unassigned, label, text, customerId);
	}

}
