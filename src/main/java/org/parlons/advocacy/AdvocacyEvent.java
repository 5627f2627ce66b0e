package org.parlons.advocacy;

import org.jspecify.annotations.Nullable;

/**
 * Something done in a programme, for the audit log: a programme created, a member
 * nominated or moved to another status, powers delegated, points recorded by hand, a
 * reward decided, a flag resolved. Its detail names numbers and statuses, never what a
 * member wrote.
 *
 * @param type what happened ("member.status", "reward.approved"…)
 * @param subject what it happened to ("programme-member:12")
 * @param detail how
 * @param actorId the agent who did it, none when the member or the watch did
 */
public record AdvocacyEvent(String type, String subject, String detail, @Nullable Long actorId) {
}
