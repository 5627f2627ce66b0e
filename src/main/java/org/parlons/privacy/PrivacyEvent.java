package org.parlons.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Something done about a customer's data rights, for the audit log: a consent given or
 * withdrawn, a request received, carried out or refused, a grant given or revoked. Its
 * detail names purposes, kinds and numbers, never the customer's data.
 *
 * @param type what happened ("consent.withdrawn", "data-request.executed"…)
 * @param customerId the customer
 * @param detail how
 * @param actorId the agent who did it, none when the customer did
 */
public record PrivacyEvent(String type, long customerId, String detail, @Nullable Long actorId) {
}
