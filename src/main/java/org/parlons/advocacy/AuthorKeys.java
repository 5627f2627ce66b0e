package org.parlons.advocacy;

import java.util.LinkedHashSet;
import java.util.Set;

import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.listening.Mentions;
import org.springframework.stereotype.Component;

/**
 * The keys listening files a customer's public posts under: each of their merged
 * profiles, and, for posts heard before the person was known, their handles and ids on
 * each network as the mention import writes them ("x:alice").
 */
@Component
class AuthorKeys {

	private final Customers customers;

	AuthorKeys(Customers customers) {
		this.customers = customers;
	}

	Set<String> of(long customerId) {
		Set<String> keys = new LinkedHashSet<>();
		for (long profile : customers.aliasesOf(customers.current(customerId))) {
			keys.add(Mentions.customerKey(profile));
			for (Customer.StoredIdentity stored : customers.identities(profile)) {
				Identity identity = stored.identity();
				boolean onNetwork = identity.kind() == Identity.Kind.HANDLE
						|| identity.kind() == Identity.Kind.EXTERNAL && identity.namespace().matches("[a-z0-9_-]+");
				if (onNetwork) {
					keys.add(identity.namespace() + ":" + identity.value());
				}
			}
		}
		return keys;
	}

}
