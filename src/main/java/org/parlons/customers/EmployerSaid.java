package org.parlons.customers;

import org.jspecify.annotations.Nullable;

/**
 * A customer file said where a customer works (its {@code organisation} and {@code title}
 * columns), published in the import's transaction for the professional network to keep
 * their employment.
 *
 * @param customerId the profile
 * @param organisation the employer's name
 * @param title their title there
 */
public record EmployerSaid(long customerId, String organisation, @Nullable String title) {
}
