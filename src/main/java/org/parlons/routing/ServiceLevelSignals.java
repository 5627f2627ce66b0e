package org.parlons.routing;

import java.util.List;

import org.parlons.conversations.ConversationSignals;
import org.springframework.stereotype.Component;

/**
 * The service-level timers as signals on the conversation pane.
 */
@Component
class ServiceLevelSignals implements ConversationSignals {

	private final ServiceLevels levels;

	ServiceLevelSignals(ServiceLevels levels) {
		this.levels = levels;
	}

	@Override
	public List<Signal> of(long conversationId) {
		return levels.of(conversationId)
			.stream()
			.map(t -> new Signal("sla." + t.name(), t.state(), t.dueAt()))
			.toList();
	}

}
