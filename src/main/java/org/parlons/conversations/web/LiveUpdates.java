package org.parlons.conversations.web;

import java.util.Map;

import org.parlons.agents.InboxScope;
import org.parlons.conversations.AgentPresence;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.MessageReceived;
import org.parlons.platform.Json;
import org.parlons.platform.SseHub;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes inbox changes to connected agents over server-sent events, once the change is
 * committed, and only to agents who may see the inbox. Not durable on purpose: a browser
 * that reconnects reloads its lists, so nothing here needs the event registry.
 */
@Component
class LiveUpdates implements AgentPresence {

	private final SseHub<InboxScope> streams = new SseHub<>("parlons-live");

	SseEmitter subscribe(InboxScope scope) {
		return streams.open(scope);
	}

	@Override
	public boolean anyoneWatching(long inboxId) {
		return streams.any(scope -> scope.includes(inboxId));
	}

	@EventListener
	void on(MessageReceived event) {
		afterCommit(event.inboxId(), Map.of("type", "message", "conversationId", event.conversationId(), "inboxId",
				event.inboxId(), "messageId", event.messageId(), "newConversation", event.newConversation()));
	}

	@EventListener
	void on(ConversationChanged event) {
		afterCommit(event.inboxId(), Map.of("type", "changed", "conversationId", event.conversationId(), "inboxId",
				event.inboxId(), "what", event.what()));
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		streams.close();
	}

	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		streams.heartbeat();
	}

	/** Pushes once the change is committed, only to agents who may see the inbox. */
	private void afterCommit(long inboxId, Map<String, Object> payload) {
		Runnable push = () -> {
			if (anyoneWatching(inboxId)) {
				streams.send(scope -> scope.includes(inboxId), "inbox", Json.write(payload));
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					push.run();
				}
			});
		}
		else {
			push.run();
		}
	}

}
