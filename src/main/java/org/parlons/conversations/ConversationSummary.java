package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A row of the inbox list.
 */
public record ConversationSummary(long id, long inboxId, long customerId, String customerName, String status,
		String priority, @Nullable Long assigneeId, @Nullable Long teamId, @Nullable String subject,
		@Nullable String preview, int messageCount, Instant lastMessageAt, List<String> labels) {
}
