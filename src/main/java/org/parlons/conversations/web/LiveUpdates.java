package org.parlons.conversations.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentChanged;
import org.parlons.agents.InboxScope;
import org.parlons.agents.PermissionsChanged;
import org.parlons.agents.TokenRevoked;
import org.parlons.conversations.AgentNotices;
import org.parlons.conversations.AgentPresence;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.MessageReceived;
import org.parlons.platform.Json;
import org.parlons.platform.LiveBus;
import org.parlons.platform.SseHub;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes inbox changes to connected agents over server-sent events, once the change is
 * committed, and only to agents who may see the inbox. Not durable on purpose: a browser
 * that reconnects reloads its lists, so nothing here needs the event registry.
 */
@Component
class LiveUpdates implements AgentPresence, AgentNotices {

	/** Who a stream serves, and what they may see. */
	private record Watcher(long agentId, InboxScope scope) {
	}

	/** The live bus's kinds: inbox changes, notices to one agent, streams to close. */
	private static final String INBOX = "inbox", NOTICE = "notice", CLOSE = "close";

	/** Presence: the inboxes agents' streams serve ("all" for an unrestricted scope). */
	private static final String AGENTS = "agents", ALL = "all";

	private final SseHub<Watcher> streams = new SseHub<>("parlons-live");

	private final Conversations conversations;

	private final ConversationList list;

	private final org.parlons.agents.Agents agents;

	private final LiveBus bus;

	LiveUpdates(Conversations conversations, ConversationList list, org.parlons.agents.Agents agents, LiveBus bus) {
		this.agents = agents;
		this.conversations = conversations;
		this.list = list;
		this.bus = bus;
		bus.present(AGENTS, this::watchedHere);
		bus.subscribe(INBOX, this::pushInbox);
		bus.subscribe(NOTICE, this::pushNotice);
		bus.subscribe(CLOSE, this::close);
	}

	/** What this node's streams serve: "all", or the inboxes of a team scope. */
	private java.util.Set<String> watchedHere() {
		return streams.keys()
			.stream()
			.flatMap(w -> w.scope().all() ? java.util.stream.Stream.of(ALL)
					: w.scope().inboxIds().stream().map(String::valueOf))
			.collect(java.util.stream.Collectors.toSet());
	}

	/** An inbox change, from any node, to the streams here that may see the inbox. */
	private void pushInbox(String json) {
		long inboxId = number(Json.readMap(json), "inboxId");
		streams.send(w -> w.scope().includes(inboxId), "inbox", json);
	}

	private void pushNotice(String json) {
		Map<String, Object> m = Json.readMap(json);
		pushNotice(m.get("to") == null ? null : number(m, "to"), (String) m.get("kind"), number(m, "conversationId"));
	}

	/** Closes the streams here of one agent, or every scoped one. */
	private void close(String json) {
		Map<String, Object> m = Json.readMap(json);
		if (m.containsKey("agentId")) {
			long agentId = number(m, "agentId");
			streams.closeWhere(w -> w.agentId() == agentId);
		}
		else {
			streams.closeWhere(w -> !w.scope().all());
		}
	}

	private static long number(Map<String, Object> message, String key) {
		return ((Number) message.get(key)).longValue();
	}

	SseEmitter subscribe(long agentId, InboxScope scope) {
		return streams.open(new Watcher(agentId, scope));
	}

	/** Whether an agent who may see the inbox has a stream open, on any node. */
	@Override
	public boolean anyoneWatching(long inboxId) {
		return bus.anywhere(AGENTS, ALL) || bus.anywhere(AGENTS, String.valueOf(inboxId));
	}

	/**
	 * A role, a grant or an activation changed: the agent's streams close at once, on
	 * every node.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(AgentChanged changed) {
		bus.publish(CLOSE, Json.write(Map.of("agentId", changed.agentId())));
	}

	/** A token was revoked: the streams of its agent close (the UI's reconnects). */
	@TransactionalEventListener(fallbackExecution = true)
	void on(TokenRevoked revoked) {
		bus.publish(CLOSE, Json.write(Map.of("agentId", revoked.agentId())));
	}

	/** A team's members or inboxes changed: every scope is asked again. */
	@TransactionalEventListener(fallbackExecution = true)
	void on(PermissionsChanged changed) {
		bus.publish(CLOSE, Json.write(Map.of("scoped", true)));
	}

	@EventListener
	void on(MessageReceived event) {
		afterCommit(Map.of("type", "message", "conversationId", event.conversationId(), "inboxId", event.inboxId(),
				"messageId", event.messageId(), "newConversation", event.newConversation()));
		if (!event.newConversation() && anyoneWatching(event.inboxId())) {
			notice(null, "message", event.conversationId());
		}
	}

	@EventListener
	void on(ConversationChanged event) {
		afterCommit(Map.of("type", "changed", "conversationId", event.conversationId(), "inboxId", event.inboxId(),
				"what", event.what()));
		if (event instanceof ConversationChanged.NoteAdded note && note.text().indexOf('@') >= 0) {
			for (long mentioned : mentioned(note.text(), note.agentId())) {
				notice(mentioned, "mentioned", event.conversationId());
			}
		}
		if (event instanceof ConversationChanged.Assigned assigned && assigned.assigneeId() != null
				&& !assigned.assigneeId().equals(currentAgent())) {
			notice(assigned.assigneeId(), "assigned", event.conversationId());
		}
	}

	@Override
	public void tell(long agentId, String kind, long conversationId) {
		notice(agentId, kind, conversationId);
	}

	/**
	 * The colleagues a note names with "@": by the first word of their name or their
	 * email's local part ("@julie", "@julie.martin"), whatever the case and accents; the
	 * writer left out.
	 */
	private java.util.Set<Long> mentioned(String text, long writer) {
		java.util.Set<Long> out = new java.util.LinkedHashSet<>();
		java.util.Set<String> words = new java.util.HashSet<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("@([\\p{L}0-9._-]+)").matcher(text);
		while (m.find()) {
			words.add(plain(m.group(1)).replaceAll("[._-]+$", ""));
		}
		for (var agent : agents.findAll()) {
			if (agent.id() == writer || !agent.active()) {
				continue;
			}
			String first = plain(agent.name().strip().split("\\s+")[0]);
			String local = plain(agent.email().substring(0, Math.max(0, agent.email().indexOf('@'))));
			if (words.contains(first) || words.contains(local)) {
				out.add(agent.id());
			}
		}
		return out;
	}

	private static String plain(String word) {
		return java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(java.util.Locale.ROOT);
	}

	/** The agent whose request this is, if an agent's. */
	private static @Nullable Long currentAgent() {
		var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof org.parlons.agents.AgentPrincipal me ? me.id() : null;
	}

	/**
	 * Tells one agent (the conversation's assignee when {@code to} is null), on their own
	 * streams only, that something concerns them: a conversation assigned to them, a
	 * customer's message on one of theirs.
	 */
	private void notice(@Nullable Long to, String kind, long conversationId) {
		java.util.Map<String, Object> notice = new java.util.HashMap<>();
		notice.put("to", to);
		notice.put("kind", kind);
		notice.put("conversationId", conversationId);
		bus.publishOnCommit(NOTICE, Json.write(notice));
	}

	/** On each node, to the agent's streams there, if any. */
	private void pushNotice(@Nullable Long to, String kind, long conversationId) {
		if (to != null && !streams.any(w -> w.agentId() == to)) {
			return;
		}
		Conversation c = conversations.findById(conversationId).orElse(null);
		Long agentId = to != null ? to : c == null ? null : c.assigneeId();
		if (c == null || agentId == null || !streams.any(w -> w.agentId() == agentId)) {
			return;
		}
		String customer = list.summaries(java.util.List.of(c)).get(0).customerName();
		streams.send(w -> w.agentId() == agentId && w.scope().includes(c.inboxId()), "notice",
				Json.write(Map.of("kind", kind, "conversationId", conversationId, "customer", customer)));
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
	private void afterCommit(Map<String, Object> payload) {
		// not asked whether anyone watches: a stream opened on another node a moment ago
		// may not be known here yet
		bus.publishOnCommit(INBOX, Json.write(payload));
	}

}
