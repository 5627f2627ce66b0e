package org.parlons.conversations;

/**
 * Tells one agent, on the screens they have open, that something concerns them (a
 * colleague's decision on their held reply, say). Nothing is kept: an agent who is not
 * there sees the result in the conversation itself.
 */
public interface AgentNotices {

	/**
	 * @param kind what happened, the word the agent's screen words it by ("approved",
	 * "rejected", …)
	 */
	void tell(long agentId, String kind, long conversationId);

}
