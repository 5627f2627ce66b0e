package org.parlons.channels.widget;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.parlons.conversations.AgentTyping;
import org.parlons.platform.Json;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams of connected visitors, by customer: agent replies and "is typing" go out here. A
 * visitor with no open stream gets the answer when they come back (history), or by email.
 */
@Component
class WidgetStreams {

	private record Key(long inboxId, long customerId) {
	}

	private final Map<Key, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

	private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "parlons-widget");
		t.setDaemon(true);
		return t;
	});

	SseEmitter open(long inboxId, long customerId) {
		SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
		Key key = new Key(inboxId, customerId);
		streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(emitter);
		Runnable remove = () -> streams.computeIfPresent(key, (k, set) -> {
			set.remove(emitter);
			return set.isEmpty() ? null : set;
		});
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError(e -> remove.run());
		try {
			emitter.send(SseEmitter.event().comment("connected").reconnectTime(2000));
		}
		catch (IOException ex) {
			remove.run();
		}
		return emitter;
	}

	boolean connected(long inboxId, long customerId) {
		return streams.containsKey(new Key(inboxId, customerId));
	}

	/** Sends an event to every open stream of the customer; answers whether one was open. */
	boolean push(long inboxId, long customerId, String type, Map<String, Object> data) {
		Set<SseEmitter> open = streams.get(new Key(inboxId, customerId));
		if (open == null || open.isEmpty()) {
			return false;
		}
		String json = Json.write(data);
		sender.execute(() -> open.forEach(emitter -> {
			try {
				emitter.send(SseEmitter.event().name(type).data(json, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				open.remove(emitter);
			}
		}));
		return true;
	}

	@EventListener
	void on(AgentTyping typing) {
		push(typing.inboxId(), typing.customerId(), "typing", Map.of("agent", typing.agentName()));
	}

	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		sender.execute(() -> streams.values().forEach(set -> set.forEach(emitter -> {
			try {
				emitter.send(SseEmitter.event().comment("ping"));
			}
			catch (IOException | IllegalStateException ex) {
				set.remove(emitter);
			}
		})));
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		streams.values().forEach(set -> set.forEach(emitter -> {
			try {
				emitter.complete();
			}
			catch (RuntimeException ignored) {
				// already gone
			}
		}));
		streams.clear();
	}

}
