package org.parlons.agents;

import java.util.Set;

/**
 * A group of agents that owns inboxes: its members see those inboxes and answer their
 * conversations.
 *
 * @param id its number
 * @param name its name
 * @param memberIds its agents
 * @param inboxIds its inboxes
 */
public record Team(long id, String name, Set<Long> memberIds, Set<Long> inboxIds) {
}
