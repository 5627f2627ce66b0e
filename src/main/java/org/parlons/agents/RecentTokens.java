package org.parlons.agents;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The agents of the API tokens seen recently, by token digest, so that a request pays no
 * database round trip. Everything is forgotten at once when a token is revoked or an
 * agent changes; a look-up that was under way meanwhile keeps what it read to itself.
 */
final class RecentTokens {

	/** Beyond this many tokens the memory starts again from nothing. */
	static final int MAX = 10_000;

	private final Map<String, Agent> agents = new ConcurrentHashMap<>();

	/** Counts the times everything was forgotten. */
	private final AtomicLong forgotten = new AtomicLong();

	Optional<Agent> get(String digest, Function<String, Optional<Agent>> load) {
		Agent known = agents.get(digest);
		if (known != null) {
			return Optional.of(known);
		}
		long before = forgotten.get();
		Optional<Agent> loaded = load.apply(digest);
		loaded.ifPresent(agent -> {
			if (agents.size() >= MAX) {
				agents.clear();
			}
			agents.put(digest, agent);
			if (forgotten.get() != before) {
				// a change was committed while we read: what we read may be older than it
				agents.remove(digest);
			}
		});
		return loaded;
	}

	void forgetAll() {
		forgotten.incrementAndGet();
		agents.clear();
	}

}
