package org.parlons.conversations;

/**
 * Whether someone is there to answer: an agent who may see the inbox has Parlons open (a
 * live stream).
 */
public interface AgentPresence {

	boolean anyoneWatching(long inboxId);

}
