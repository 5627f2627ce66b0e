package org.parlons.agents;

/**
 * An agent was brought in.
 */
public record AgentRegistered(long agentId, String email, String role) {
}
