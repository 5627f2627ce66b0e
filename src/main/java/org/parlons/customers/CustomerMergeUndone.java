package org.parlons.customers;

/**
 * A merge was taken back: both profiles stand apart again as they were before it.
 */
public record CustomerMergeUndone(long mergeId, long survivorId, long mergedId, long actorId) {
}
