package org.parlons.platform;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The shared state of a single node: a map in memory, changed one step at a time. */
@Component
@Profile("!cluster")
class LocalSharedState implements SharedState {

	/** Beyond this many keys the memory starts again (an address-spraying flood). */
	static final int MAX = 100_000;

	private final Map<String, Entry> entries = new HashMap<>();

	@Override
	public synchronized <R> R change(Collection<String> keys, Function<Map<String, Entry>, R> change) {
		if (entries.size() > MAX) {
			entries.clear();
		}
		Map<String, Entry> these = new HashMap<>();
		keys.forEach(key -> {
			Entry entry = entries.get(key);
			if (entry != null) {
				these.put(key, entry);
			}
		});
		R answer = change.apply(these);
		keys.forEach(key -> {
			Entry entry = these.get(key);
			if (entry == null) {
				entries.remove(key);
			}
			else {
				entries.put(key, entry);
			}
		});
		return answer;
	}

	@Override
	public synchronized void removeStartingWith(String prefix) {
		entries.keySet().removeIf(key -> key.startsWith(prefix));
	}

}
