package org.parlons.conversations;

/**
 * An agent is writing an answer in a conversation: channels that can show it (web chat)
 * tell the customer. Published at most every few seconds per agent and conversation;
 * never stored.
 */
public record AgentTyping(long conversationId, long inboxId, long customerId, String agentName) {
}
