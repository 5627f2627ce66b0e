package org.parlons.customers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.platform.Sentences;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Finds the profile behind an author, or creates it: a known identity reuses its profile,
 * and the author's other identities are attached to it when nobody else holds them.
 */
@Service
public class CustomerResolver {

	private final Customers customers;

	private final CustomerHistory history;

	private final Sentences sentences;

	CustomerResolver(Sentences sentences, Customers customers, CustomerHistory history) {
		this.sentences = sentences;
		this.customers = customers;
		this.history = history;
	}

	/**
	 * Must run inside the caller's transaction: a concurrent creation of the same
	 * identity fails on the unique key, and the caller retries, finding the profile the
	 * other one created.
	 */
	public long resolve(Author author) {
		return resolveAll(List.of(author)).get(0);
	}

	/**
	 * The profile of each author, in order, with a handful of statements whatever the
	 * number of authors: one look-up per kind of identity, one batch of new profiles, one
	 * batch of new identities. Two authors sharing an identity in the same call get the
	 * same profile. Same transaction rule as {@link #resolve}.
	 */
	public List<Long> resolveAll(List<Author> authors) {
		Set<Identity> all = new LinkedHashSet<>();
		authors.forEach(a -> all.addAll(a.identities()));
		Map<Identity, Long> known = customers.findByIdentities(all);

		// Profiles are numbered before they exist: a negative number -n stands for the
		// n-th new profile.
		Map<Identity, Long> claimed = new HashMap<>(known);
		List<Long> chosen = new ArrayList<>(authors.size());
		List<String> newNames = new ArrayList<>();
		List<Identity> firstIdentities = new ArrayList<>();
		List<Map.Entry<Long, Identity>> newIdentities = new ArrayList<>();
		for (Author author : authors) {
			Long profile = author.identities()
				.stream()
				.map(claimed::get)
				.filter(id -> id != null)
				.findFirst()
				.orElse(null);
			if (profile == null) {
				newNames.add(author.name());
				firstIdentities.add(author.identities().get(0));
				profile = (long) -newNames.size();
			}
			for (Identity identity : author.identities()) {
				if (!claimed.containsKey(identity)) {
					claimed.put(identity, profile);
					newIdentities.add(Map.entry(profile, identity));
				}
			}
			chosen.add(profile);
		}

		List<Long> created = customers.createAll(newNames);
		List<Long> result = chosen.stream().map(id -> id < 0 ? created.get((int) (-id - 1)) : id).toList();
		List<Map.Entry<Long, Identity>> taken = customers.addIdentitiesIfFree(newIdentities.stream()
			.map(e -> Map.entry(e.getKey() < 0 ? created.get((int) (-e.getKey() - 1)) : e.getKey(), e.getValue()))
			.toList());
		Map<Long, Long> folded = foldWhereRaced(taken, Set.copyOf(created));
		List<CustomerHistory.NewEntry> entries = new ArrayList<>();
		for (int i = 0; i < created.size(); i++) {
			if (!folded.containsKey(created.get(i))) {
				entries.add(new CustomerHistory.NewEntry(created.get(i), "created",
						sentences.english("history.from", firstIdentities.get(i).label())));
			}
		}
		history.recordAll(entries);
		return result.stream().map(id -> folded.getOrDefault(id, id)).toList();
	}

	/**
	 * A concurrent transaction attached some of these identities first. A profile this
	 * call just created then joins the one that holds its identity; an existing profile
	 * simply does without the extra identity, as when it was known to belong to someone
	 * else. Answers new profile → the one it joined.
	 */
	private Map<Long, Long> foldWhereRaced(List<Map.Entry<Long, Identity>> taken, Set<Long> created) {
		Map<Long, Long> folded = new HashMap<>();
		if (taken.isEmpty()) {
			return folded;
		}
		Map<Identity, Long> owners = customers.findByIdentities(taken.stream().map(Map.Entry::getValue).toList());
		for (Map.Entry<Long, Identity> entry : taken) {
			Long owner = owners.get(entry.getValue());
			if (owner == null) {
				// Taken, then released by a rollback: the caller's retry starts afresh.
				throw new DuplicateKeyException(
						"Identity " + entry.getValue().label() + " changed hands during ingestion");
			}
			if (created.contains(entry.getKey()) && !folded.containsKey(entry.getKey())) {
				folded.put(entry.getKey(), owner);
			}
		}
		folded.forEach(customers::foldNewInto);
		return folded;
	}

}
