package org.parlons.customers;

import org.jspecify.annotations.Nullable;

/**
 * A person changed a customer profile: renamed it, changed attributes, tags or
 * identities, imported it from a file. The kind is the profile history's line type.
 */
public record CustomerEdited(long customerId, String kind, @Nullable String detail, long actorId) {
}
