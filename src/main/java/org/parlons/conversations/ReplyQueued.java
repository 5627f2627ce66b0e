package org.parlons.conversations;

/**
 * An agent's reply was stored and waits for its channel to deliver it.
 */
public record ReplyQueued(long messageId, long conversationId, long inboxId) implements ConversationChanged {

	@Override
	public String what() {
		return "reply";
	}

}
