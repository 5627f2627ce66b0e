package org.parlons.governance;

import java.time.Instant;

/**
 * A service-level timer of a conversation passed its due time without being met.
 */
public record ServiceLevelBreached(long conversationId, long inboxId, String timer, Instant dueAt) {
}
