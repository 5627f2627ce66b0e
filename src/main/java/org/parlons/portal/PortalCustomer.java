package org.parlons.portal;

/**
 * A signed-in customer, as the customer space's requests carry them: the profile their
 * link was issued for. What they see is that profile with every profile merged into it,
 * read again at each request (a merge undone splits it at once).
 *
 * @param customerId the profile the link was issued for
 */
public record PortalCustomer(long customerId) {

	/** The authority every signed-in customer has, and no agent. */
	public static final String AUTHORITY = "CUSTOMER";

}
