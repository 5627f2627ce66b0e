package org.parlons.portal;

/**
 * The company pushed a customer's contract or what it consumed (by API or CSV): what the
 * customer holds changed, for those who follow it (segments).
 *
 * @param customerId the profile the contract is under
 * @param externalId the contract's id in the company's systems
 */
public record ContractChanged(long customerId, String externalId) {
}
