package org.parlons.governance.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.conversations.ConversationAccess;
import org.parlons.governance.Approvals;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The count beside "Approvals" in the menu: the held replies the reader may decide. Only
 * for screens (never the API) and only for those who decide.
 */
@ControllerAdvice
class PendingApprovalsCount {

	private final Approvals approvals;

	private final ConversationAccess access;

	PendingApprovalsCount(Approvals approvals, ConversationAccess access) {
		this.approvals = approvals;
		this.access = access;
	}

	@ModelAttribute("pendingApprovals")
	@Nullable Integer pending(@AuthenticationPrincipal @Nullable AgentPrincipal me, HttpServletRequest request) {
		if (me == null || !me.may(Permission.DECIDE_APPROVALS) || !org.parlons.platform.Screens.drawn(request)) {
			return null;
		}
		return approvals.list("pending", access.scope(me)).size();
	}

}
