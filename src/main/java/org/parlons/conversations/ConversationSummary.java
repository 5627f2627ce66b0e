package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A row of the inbox list.
 *
 * @param id the conversation's number
 * @param inboxId the inbox it came in through
 * @param customerId the customer (the profile that absorbed it, after a merge)
 * @param customerName the customer's name, else their most telling identity, else "#" and
 * their number
 * @param status "open", "pending", "snoozed" or "resolved"
 * @param priority "low", "normal", "high" or "urgent"
 * @param assigneeId the agent who holds it, if anyone
 * @param teamId the team it belongs to, if any
 * @param subject the subject (email) or none
 * @param preview the start of its latest message
 * @param messageCount how many messages it holds
 * @param lastMessageAt when its latest message was written
 * @param labels its labels
 */
public record ConversationSummary(long id, long inboxId, long customerId, String customerName, String status,
		String priority, @Nullable Long assigneeId, @Nullable Long teamId, @Nullable String subject,
		@Nullable String preview, int messageCount, Instant lastMessageAt, List<String> labels) {
}
