package org.parlons.customers;

/**
 * Two profiles became one: {@code mergedId}'s history now shows under {@code survivorId}.
 */
public record CustomerMerged(long mergeId, long survivorId, long mergedId, long actorId) {
}
