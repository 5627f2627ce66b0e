package org.parlons.platform;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The live bus of a single node: a message is handed to the subscribers at once. */
@Component
@Profile("!cluster")
class LocalLiveBus implements LiveBus {

	private static final Logger log = LoggerFactory.getLogger(LocalLiveBus.class);

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private final Map<String, Supplier<Set<String>>> presence = new ConcurrentHashMap<>();

	@Override
	public void publish(String kind, String json) {
		for (Consumer<String> handler : handlers.getOrDefault(kind, List.of())) {
			try {
				handler.accept(json);
			}
			catch (RuntimeException ex) {
				log.warn("A live {} message was not handled", kind, ex);
			}
		}
	}

	@Override
	public void subscribe(String kind, Consumer<String> handler) {
		handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
	}

	@Override
	public void present(String kind, Supplier<Set<String>> localKeys) {
		presence.put(kind, localKeys);
	}

	@Override
	public boolean anywhere(String kind, String key) {
		Supplier<Set<String>> keys = presence.get(kind);
		return keys != null && keys.get().contains(key);
	}

}
