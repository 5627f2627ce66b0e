package org.parlons.routing;

/**
 * An administrator created or switched off an escalation or priority rule; the audit log
 * keeps it.
 */
public record RoutingRuleChanged(long actorId, String what, String detail) {
}
