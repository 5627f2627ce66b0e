package org.parlons.advocacy;

import org.jspecify.annotations.Nullable;

/**
 * A member changed status: the powers delegated to them follow ({@link Delegations}).
 *
 * @param memberId the membership
 * @param from the status before
 * @param to the status now
 * @param actorId who decided
 */
public record MemberMoved(long memberId, MemberStatus from, MemberStatus to, @Nullable Long actorId) {
}
