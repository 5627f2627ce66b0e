package org.parlons.customers;

import java.util.List;
import java.util.Set;

/**
 * A customer's personal data is being erased, in this transaction: every module that
 * keeps something they wrote or were identified by makes it unreadable before the
 * transaction commits, keeping its rows so counts and reports stay what they were.
 * Published synchronously and never stored (it names the identities being erased).
 *
 * @param customerId the live profile
 * @param profileIds the profile and every profile merged into it
 * @param identities the identities those profiles held, as the channels wrote them
 * @param names the names the profiles had
 */
public record CustomerErasing(long customerId, Set<Long> profileIds, List<Identity> identities, List<String> names) {

	public CustomerErasing {
		profileIds = Set.copyOf(profileIds);
		identities = List.copyOf(identities);
		names = List.copyOf(names);
	}

}
