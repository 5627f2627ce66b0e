package org.parlons.channels.widget;

import java.util.Map;

import org.parlons.conversations.AgentTyping;
import org.parlons.platform.Json;
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

	private final SseHub<Key> streams = new SseHub<>("parlons-widget");

	SseEmitter open(long inboxId, long customerId) {
		return streams.open(new Key(inboxId, customerId));
	}

	/**
	 * Sends an event to every open stream of the customer; answers whether one was open.
	 */
	boolean push(long inboxId, long customerId, String type, Map<String, Object> data) {
		Key key = new Key(inboxId, customerId);
		return streams.send(key::equals, type, Json.write(data));
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
