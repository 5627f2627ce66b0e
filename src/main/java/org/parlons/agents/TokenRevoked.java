package org.parlons.agents;

/** An agent's API token was revoked: what it opened (live streams) closes. */
public record TokenRevoked(long agentId, long tokenId) {
}
