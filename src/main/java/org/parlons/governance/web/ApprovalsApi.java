package org.parlons.governance.web;

import java.util.List;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.conversations.ConversationAccess;
import org.parlons.governance.Approvals;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Held replies over the API: list them, approve (optionally with an edited text) or
 * reject.
 */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalsApi {

	private final Approvals approvals;

	private final ConversationAccess access;

	private final Agents agents;

	ApprovalsApi(Approvals approvals, ConversationAccess access, Agents agents) {
		this.approvals = approvals;
		this.access = access;
		this.agents = agents;
	}

	/**
	 * A decision on a held reply.
	 *
	 * @param text to approve an edited reply: its new text
	 * @param reason to reject: why (the agent reads it)
	 */
	record Decision(@Nullable String text, @Nullable String reason) {
	}

	/** Held replies the caller may see, by status (pending by default). */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	Map<String, List<Map<String, Object>>> list(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(required = false) @Nullable String status) {
		return Map.of("items", approvals.list(status, access.scope(me)).stream().map(this::view).toList());
	}

	/** One held reply with why it was held. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}")
	Map<String, Object> one(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		var approval = approvals.findById(id)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No approval " + id));
		access.conversation(me, approval.conversationId());
		return view(approval);
	}

	/**
	 * Sends the held reply, as it was or as edited ({@code text}); only someone else
	 * whose mandate covers it may approve.
	 */
	@Requires(Permission.DECIDE_APPROVALS)
	@PostMapping("/{id}/approve")
	Map<String, Object> approve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody(required = false) @Nullable Decision decision) {
		return view(approvals.approve(me, id, decision == null ? null : decision.text()));
	}

	/** Turns the held reply down: it is never sent. */
	@Requires(Permission.DECIDE_APPROVALS)
	@PostMapping("/{id}/reject")
	Map<String, Object> reject(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody(required = false) @Nullable Decision decision) {
		return view(approvals.reject(me, id, decision == null ? null : decision.reason()));
	}

	private Map<String, Object> view(Approvals.Approval a) {
		Map<String, Object> v = new java.util.LinkedHashMap<>();
		v.put("id", a.id());
		v.put("conversationId", a.conversationId());
		v.put("inboxId", a.inboxId());
		v.put("messageId", a.messageId());
		v.put("text", a.text());
		v.put("requestedBy", a.requestedBy());
		v.put("requestedByName", agents.findById(a.requestedBy()).map(x -> x.name()).orElse(null));
		v.put("reason", a.reason());
		v.put("amount", a.amount());
		v.put("currency", a.currency());
		v.put("status", a.status());
		v.put("decidedBy", a.decidedBy());
		v.put("decidedAt", a.decidedAt());
		v.put("finalText", a.finalText());
		v.put("createdAt", a.createdAt());
		return v;
	}

}
