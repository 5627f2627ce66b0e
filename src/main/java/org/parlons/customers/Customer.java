package org.parlons.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A person the company talks to, as one profile. {@code mergedInto} points at the profile
 * that absorbed it.
 *
 * @param id the profile's number
 * @param name their name, if known
 * @param attributes custom facts from the company's systems (plan, lifetime value…)
 * @param tags their tags
 * @param identities the ways they are recognised: emails, phones, handles, channel ids
 * @param mergedInto the profile that absorbed this one, after a merge
 * @param createdAt when the profile was made
 */
public record Customer(long id, @Nullable String name, Map<String, Object> attributes, Set<String> tags,
		List<StoredIdentity> identities, @Nullable Long mergedInto, Instant createdAt) {

	/**
	 * An identity as stored, with the id a merge remembers it by.
	 *
	 * @param id the identity's number
	 * @param identity the identity
	 */
	public record StoredIdentity(long id, Identity identity) {
	}

	/**
	 * The name, else the most telling of the identities (an email, a phone, a handle,
	 * then a channel's id; never the random key of an anonymous web chat visitor), else
	 * the profile's number.
	 */
	public String displayName() {
		if (name != null && !name.isBlank()) {
			return name;
		}
		return identities.stream()
			.map(StoredIdentity::identity)
			.filter(i -> !i.anonymous())
			.min(java.util.Comparator.comparing(Identity::kind))
			.map(Identity::label)
			.orElse("#" + id);
	}

	/** The first email address among the identities, to answer by email. */
	public java.util.Optional<String> email() {
		return identity(Identity.Kind.EMAIL, null);
	}

	/**
	 * The value of the first identity of this kind, in this namespace (any namespace when
	 * null): the id a channel answers the customer at.
	 */
	public java.util.Optional<String> identity(Identity.Kind kind, @Nullable String namespace) {
		return identities.stream()
			.map(StoredIdentity::identity)
			.filter(i -> i.kind() == kind && (namespace == null || namespace.equals(i.namespace())))
			.map(Identity::value)
			.findFirst();
	}

	public boolean isMerged() {
		return mergedInto != null;
	}

}
