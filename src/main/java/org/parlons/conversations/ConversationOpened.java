package org.parlons.conversations;

/**
 * A new conversation started in an inbox; automatic assignment listens for it.
 */
public record ConversationOpened(long conversationId, long inboxId, long customerId) {
}
