package org.parlons.platform;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Small counts the nodes keep together: token buckets against floods, failed sign-ins.
 * Each key holds an amount and when it last changed. With one node they live in memory (a
 * restart forgives); with several ({@code cluster} profile) in the database, each change
 * made under the keys' row locks, so two nodes never both spend the last token.
 */
public interface SharedState {

	/** What a key holds: an amount (tokens, failures) and when it last changed. */
	record Entry(double amount, Instant at) {
	}

	/**
	 * Changes the entries of these keys as one step: {@code change} gets a map of what is
	 * stored (a key without an entry is missing), may put, replace or remove entries, and
	 * answers what this method answers.
	 */
	<R> R change(Collection<String> keys, Function<Map<String, Entry>, R> change);

	/** Removes every entry whose key starts with the prefix. */
	void removeStartingWith(String prefix);

}
