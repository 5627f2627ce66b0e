package org.parlons.customers;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Facts other modules know about a customer and the profile shows (their public
 * influence, for one): a name that is a message key suffix, a value, and a short
 * explanation of where it comes from.
 */
public interface CustomerFacts {

	List<Fact> of(long customerId);

	/** One fact: {@code name} is a message key suffix ({@code fact.<name>}). */
	record Fact(String name, String value, @Nullable String detail) {
	}

}
