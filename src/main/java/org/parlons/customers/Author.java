package org.parlons.customers;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who a channel says wrote a message: a display name and every identity the channel
 * vouches for, most specific first.
 */
public record Author(@Nullable String name, List<Identity> identities) {

	public Author {
		if (identities.isEmpty()) {
			throw new IllegalArgumentException("An author needs at least one identity");
		}
		identities = List.copyOf(identities);
	}

}
