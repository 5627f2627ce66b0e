package org.parlons.conversations;

/**
 * A customer's message was stored in a conversation, whatever the channel.
 *
 * @param automated sent by a machine (an auto-reply, a bounce, list mail): routing rules
 * and automatic assignment leave it alone
 */
public record MessageReceived(long messageId, long conversationId, long inboxId, long customerId,
		boolean newConversation, boolean automated) {

	public MessageReceived(long messageId, long conversationId, long inboxId, long customerId,
			boolean newConversation) {
		this(messageId, conversationId, inboxId, customerId, newConversation, false);
	}

}
