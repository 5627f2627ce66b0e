package org.parlons.channels.widget;

import java.util.Map;
import java.util.stream.Collectors;

import org.parlons.conversations.AgentTyping;
import org.parlons.platform.Json;
import org.parlons.platform.LiveBus;
import org.parlons.platform.SseHub;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams of connected visitors, by customer: agent replies and "is typing" go
 * out here. A visitor with no open stream gets the answer when they come back (history),
 * or by email.
 */
@Component
class WidgetStreams {

	private record Key(long inboxId, long customerId) {
	}

	/** The live bus's kind, and the presence of visitors' streams ("inbox:customer"). */
	private static final String WIDGET = "widget", VISITORS = "visitors";

	private final SseHub<Key> streams = new SseHub<>("parlons-widget");

	private final LiveBus bus;

	WidgetStreams(LiveBus bus) {
		this.bus = bus;
		bus.present(VISITORS,
				() -> streams.keys().stream().map(k -> k.inboxId() + ":" + k.customerId()).collect(Collectors.toSet()));
		bus.subscribe(WIDGET, json -> {
			Map<String, Object> m = Json.readMap(json);
			Key key = new Key(((Number) m.get("inboxId")).longValue(), ((Number) m.get("customerId")).longValue());
			streams.send(key::equals, (String) m.get("type"), Json.write(m.get("data")));
		});
	}

	SseEmitter open(long inboxId, long customerId) {
		return streams.open(new Key(inboxId, customerId));
	}

	/**
	 * Sends an event to every open stream of the customer, on whichever node it is open;
	 * answers whether one was.
	 */
	boolean push(long inboxId, long customerId, String type, Map<String, Object> data) {
		boolean open = bus.anywhere(VISITORS, inboxId + ":" + customerId);
		if (open) {
			bus.publish(WIDGET,
					Json.write(Map.of("inboxId", inboxId, "customerId", customerId, "type", type, "data", data)));
		}
		return open;
	}

	@EventListener
	void on(AgentTyping typing) {
		push(typing.inboxId(), typing.customerId(), "typing", Map.of("agent", typing.agentName()));
	}

	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		streams.heartbeat();
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		streams.close();
	}

}
