package org.parlons.customers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.parlons.platform.Sentences;
import org.jspecify.annotations.Nullable;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents change on a profile by hand: name, attributes, tags and identities, each
 * written in the profile's history.
 */
@Service
public class CustomerProfiles {

	private final Customers customers;

	private final CustomerHistory history;

	private final String defaultRegion;

	private final Sentences sentences;

	CustomerProfiles(Sentences sentences, Customers customers, CustomerHistory history, CustomerSettings settings) {
		this.sentences = sentences;
		this.customers = customers;
		this.history = history;
		this.defaultRegion = settings.defaultRegion();
	}

	public String defaultRegion() {
		return defaultRegion;
	}

	public Customer get(long id) {
		return customers.findById(id).orElseThrow(() -> new NotFoundException("No customer " + id));
	}

	@Transactional
	public long create(@Nullable String name, @Nullable String email, @Nullable String phone, long actorId) {
		Author author = new Author(name,
				Stream
					.of(email == null || email.isBlank() ? null : Identity.email(email),
							phone == null || phone.isBlank() ? null : Identity.phone(phone, defaultRegion))
					.filter(Objects::nonNull)
					.toList());
		for (Identity identity : author.identities()) {
			customers.findByIdentity(identity).ifPresent(existing -> {
				throw InvalidRequestException.conflict(identity.label() + " already belongs to customer " + existing);
			});
		}
		long id = customers.create(name);
		author.identities().forEach(i -> customers.addIdentity(id, i));
		history.record(id, "created", sentences.english("history.byHand"), actorId);
		return id;
	}

	@Transactional
	public void update(long id, @Nullable String name, @Nullable Map<String, Object> attributes, long actorId) {
		Customer customer = get(id);
		if (name != null && !name.equals(customer.name())) {
			customers.rename(id, name.strip());
			history.record(id, "renamed", customer.name() + " → " + name.strip(), actorId);
		}
		if (attributes != null) {
			Map<String, Object> merged = new LinkedHashMap<>(customer.attributes());
			attributes.forEach((k, v) -> {
				if (v == null) {
					merged.remove(k);
				}
				else {
					merged.put(k, v);
				}
			});
			customers.putAttributes(id, merged);
			history.record(id, "attributes", String.join(", ", attributes.keySet()), actorId);
		}
	}

	@Transactional
	public void tag(long id, String tag, long actorId) {
		get(id);
		String clean = tag.strip();
		if (clean.isEmpty() || clean.length() > 100) {
			throw org.parlons.platform.Refusals.invalid("customers.badTag", "A tag needs between 1 and 100 characters");
		}
		customers.tag(id, clean);
		history.record(id, "tagged", clean, actorId);
	}

	@Transactional
	public void untag(long id, String tag, long actorId) {
		customers.untag(id, tag);
		history.record(id, "untagged", tag, actorId);
	}

	@Transactional
	public void addIdentity(long id, Identity identity, @Nullable Long actorId) {
		get(id);
		customers.findByIdentity(identity).ifPresent(existing -> {
			throw InvalidRequestException.conflict(
					identity.label() + " already belongs to customer " + existing + "; merge the two profiles instead");
		});
		customers.addIdentity(id, identity);
		history.record(id, "identity-added", identity.label(), actorId);
	}

	/**
	 * Unlinks an identity that is not this person's (two people with one handle, a wrong
	 * link): it moves to a new profile of its own, and the messages it writes from now on
	 * go there. Both histories say so.
	 * @return the new profile
	 */
	@Transactional
	public long detachIdentity(long id, long identityId, @Nullable Long actorId) {
		Customer customer = get(id);
		if (customer.isMerged()) {
			throw InvalidRequestException.said("customers.refused.unlinkMerged",
					"Customer " + id + " was merged into another profile; unlink there", String.valueOf(id));
		}
		Customer.StoredIdentity detached = customer.identities()
			.stream()
			.filter(i -> i.id() == identityId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Customer " + id + " has no identity " + identityId));
		if (customer.identities().size() == 1) {
			throw InvalidRequestException.said("customers.refused.onlyIdentity",
					"This is the profile's only identity: nothing would be left to recognise it by");
		}
		long created = customers.create(detached.identity().label());
		customers.moveIdentity(identityId, id, created);
		history.record(id, "identity-detached", detached.identity().label() + " → #" + created, actorId);
		history.record(created, "identity-detached-from", "#" + id + ": " + detached.identity().label(), actorId);
		return created;
	}

}
