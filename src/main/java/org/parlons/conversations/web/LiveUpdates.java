package org.parlons.conversations.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.parlons.agents.InboxScope;
import org.parlons.conversations.AgentPresence;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.MessageReceived;
import org.parlons.platform.Json;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes inbox changes to connected agents over server-sent events, once the change is committed, and
 * only to agents who may see the inbox. Not durable on purpose: a browser that reconnects reloads its
 * lists, so nothing here needs the event registry.
 */
@Component
class LiveUpdates implements AgentPresence {

	private record Subscriber(SseEmitter emitter, InboxScope scope) {
	}

	private final Map<SseEmitter, Subscriber> subscribers = new ConcurrentHashMap<>();

	// One sender thread: a slow browser must not hold up the transaction that stored the message.
	private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "parlons-live");
		t.setDaemon(true);
		return t;
	});

	SseEmitter subscribe(InboxScope scope) {
		SseEmitter emitter = new SseEmitter(30 * 60 * 1000L);
		subscribers.put(emitter, new Subscriber(emitter, scope));
		emitter.onCompletion(() -> subscribers.remove(emitter));
		emitter.onTimeout(() -> subscribers.remove(emitter));
		emitter.onError(e -> subscribers.remove(emitter));
		try {
			emitter.send(SseEmitter.event().comment("connected").reconnectTime(2000));
		}
		catch (IOException ex) {
			subscribers.remove(emitter);
		}
		return emitter;
	}

	int connected() {
		return subscribers.size();
	}

	@Override
	public boolean anyoneWatching(long inboxId) {
		return subscribers.values().stream().anyMatch(s -> s.scope().includes(inboxId));
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

	/** Ends every stream on shutdown, so graceful shutdown does not wait for browsers to hang up. */
	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		subscribers.keySet().forEach(emitter -> {
			try {
				emitter.complete();
			}
			catch (RuntimeException ignored) {
				// already gone
			}
		});
		subscribers.clear();
	}

	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		sender.execute(() -> subscribers.values().forEach(s -> send(s, null)));
	}

	private void afterCommit(long inboxId, Map<String, Object> payload) {
		Runnable push = () -> sender.execute(() -> {
			String json = Json.write(payload);
			subscribers.values().stream().filter(s -> s.scope().includes(inboxId)).forEach(s -> send(s, json));
		});
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

	private void send(Subscriber s, String json) {
		try {
			if (json == null) {
				s.emitter().send(SseEmitter.event().comment("ping"));
			}
			else {
				s.emitter().send(SseEmitter.event().name("inbox").data(json, MediaType.APPLICATION_JSON));
			}
		}
		catch (IOException | IllegalStateException ex) {
			subscribers.remove(s.emitter());
		}
	}

}
