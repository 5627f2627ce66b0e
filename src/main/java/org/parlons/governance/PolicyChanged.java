package org.parlons.governance;

/**
 * An administrator changed what governs replies or conversations: a code-of-conduct or
 * escalation rule was created, switched on or off, or removed.
 */
public record PolicyChanged(long actorId, String what, String detail) {
}
