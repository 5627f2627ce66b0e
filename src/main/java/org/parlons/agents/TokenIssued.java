package org.parlons.agents;

/** A personal API token was issued to an agent (its secret is never in the event). */
public record TokenIssued(long agentId, long tokenId, String name) {
}
