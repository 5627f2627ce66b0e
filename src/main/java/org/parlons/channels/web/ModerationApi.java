package org.parlons.channels.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.channels.Moderation;
import org.parlons.conversations.Message;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moderation of a customer's public message on its network: {@code POST
 * /api/v1/messages/{id}/moderation} with {@code {"action":
 * "hide"|"unhide"|"delete"|"like"}}, and the same from the conversation pane.
 */
@RestController
class ModerationApi {

	private final Moderation moderation;

	ModerationApi(Moderation moderation) {
		this.moderation = moderation;
	}

	/**
	 * What to do to a customer's public message on its network.
	 *
	 * @param action "hide", "unhide", "delete" or "like"
	 */
	record ModerationBody(@NotBlank String action) {
	}

	/**
	 * Acts on a customer's public message on its network (hide, unhide, like, delete),
	 * where the network allows it.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/api/v1/messages/{id}/moderation")
	Map<String, Object> moderate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody ModerationBody body) {
		Message m = moderation.moderate(me, id, body.action().strip());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("messageId", m.id());
		answer.put("action", body.action().strip());
		answer.put("moderation", m.moderation());
		return answer;
	}

	/** From the conversation pane (htmx): the pane reloads to show the new state. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/messages/{id}/moderation")
	ResponseEntity<Void> moderateFromPane(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam String action) {
		moderation.moderate(me, id, action);
		return ResponseEntity.noContent()
			.header("HX-Refresh", "true")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.build();
	}

}
