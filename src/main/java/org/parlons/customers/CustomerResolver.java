package org.parlons.customers;

import org.springframework.stereotype.Service;

/**
 * Finds the profile behind an author, or creates it: a known identity reuses its profile, and the
 * author's other identities are attached to it when nobody else holds them.
 */
@Service
public class CustomerResolver {

	private final Customers customers;

	private final CustomerHistory history;

	CustomerResolver(Customers customers, CustomerHistory history) {
		this.customers = customers;
		this.history = history;
	}

	/**
	 * Must run inside the caller's transaction: a concurrent creation of the same identity fails on the
	 * unique key, and the caller retries, finding the profile the other one created.
	 */
	public long resolve(Author author) {
		Long found = null;
		java.util.List<Identity> unknown = new java.util.ArrayList<>();
		for (Identity identity : author.identities()) {
			var match = customers.findByIdentity(identity);
			if (match.isEmpty()) {
				unknown.add(identity);
			}
			else if (found == null) {
				found = match.get();
			}
		}
		if (found == null) {
			long created = customers.create(author.name());
			author.identities().forEach(i -> customers.addIdentity(created, i));
			history.record(created, "created", "from " + author.identities().get(0).label(), null);
			return created;
		}
		for (Identity identity : unknown) {
			customers.addIdentity(found, identity);
		}
		return found;
	}

}
