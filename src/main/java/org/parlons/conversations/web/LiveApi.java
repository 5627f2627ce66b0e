package org.parlons.conversations.web;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationAccess;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of inbox changes: {@code /live} for the agent UI (session),
 * {@code /api/v1/events} for API clients (token). Each event is JSON naming the
 * conversation and what changed.
 */
@RestController
class LiveApi {

	private final LiveUpdates live;

	private final ConversationAccess access;

	LiveApi(LiveUpdates live, ConversationAccess access) {
		this.live = live;
		this.access = access;
	}

	/**
	 * Server-sent events of the inboxes the caller may see ({@code inbox}: a message or a
	 * change, once committed) and of what concerns them ({@code notice}); not durable: a
	 * client that reconnects reloads.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping(path = { "/live", "/api/v1/events" }, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@AuthenticationPrincipal AgentPrincipal me) {
		return live.subscribe(me.id(), access.scope(me));
	}

}
