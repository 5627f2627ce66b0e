package org.parlons.customers;

/**
 * Someone took every customer profile out as CSV: personal data leaving the system, for
 * the audit log.
 */
public record CustomersExported(long actorId, String format) {
}
