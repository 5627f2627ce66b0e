package org.parlons.agents;

import org.jspecify.annotations.Nullable;

/**
 * What an agent may do or take on changed: their role, their mandate (the largest gesture
 * they may promise) or their capacity for open conversations; {@code what} is
 * {@code role}, {@code mandate} or {@code capacity}, {@code detail} says from what to
 * what.
 */
public record AgentChanged(@Nullable Long actorId, long agentId, String what, String detail) {
}
