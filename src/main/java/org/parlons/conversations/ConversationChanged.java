package org.parlons.conversations;

/**
 * Something about a conversation changed (status, assignee, labels, a note, a delivery); screens refresh.
 */
public record ConversationChanged(long conversationId, long inboxId, String what) {
}
