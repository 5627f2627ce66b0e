package org.parlons.conversations;

/**
 * A customer's message was stored in a conversation, whatever the channel.
 */
public record MessageReceived(long messageId, long conversationId, long inboxId, long customerId,
		boolean newConversation) {
}
