package org.parlons.conversations;

import java.util.List;

/**
 * New conversations started in an inbox by one ingestion call (a webhook opens one, a
 * mailbox poll or a batch many); automatic assignment listens for it. One event per call,
 * not per conversation: each event is a durable publication, and a batch of 500 messages
 * should not pay for fifty.
 */
public record ConversationsOpened(long inboxId, List<Opened> conversations) {

	public ConversationsOpened {
		conversations = List.copyOf(conversations);
	}

	/**
	 * One new conversation and its customer; {@code automated} when a machine opened it
	 * (an auto-reply, a bounce): nobody is assigned to it.
	 */
	public record Opened(long conversationId, long customerId, boolean automated) {

		public Opened(long conversationId, long customerId) {
			this(conversationId, customerId, false);
		}

	}

}
