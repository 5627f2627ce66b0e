package org.parlons.governance.web;

import java.util.HashMap;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.conversations.ConversationAccess;
import org.parlons.governance.Approvals;
import org.parlons.platform.ErrorDetails;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvers' page: every held reply they may see, with its reason; approve (after
 * editing, if needed) or reject.
 */
@Controller
@Requires(Permission.DECIDE_APPROVALS)
class ApprovalPages {

	private final Approvals approvals;

	private final ConversationAccess access;

	private final Agents agents;

	ApprovalPages(Approvals approvals, ConversationAccess access, Agents agents) {
		this.approvals = approvals;
		this.access = access;
		this.agents = agents;
	}

	@GetMapping("/approvals")
	String list(@AuthenticationPrincipal AgentPrincipal me, Model model) {
		var pending = approvals.list("pending", access.scope(me));
		Map<Long, String> names = new HashMap<>();
		pending.forEach(a -> names.computeIfAbsent(a.requestedBy(),
				id -> agents.findById(id).map(x -> x.name()).orElse("#" + id)));
		model.addAttribute("approvals", pending);
		model.addAttribute("names", names);
		return "governance/approvals";
	}

	@PostMapping("/approvals/{id}/approve")
	String approve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			RedirectAttributes redirect) {
		return decide(redirect, () -> approvals.approve(me, id, text));
	}

	@PostMapping("/approvals/{id}/reject")
	String reject(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		return decide(redirect, () -> approvals.reject(me, id, null));
	}

	private String decide(RedirectAttributes redirect, Runnable decision) {
		try {
			decision.run();
			redirect.addFlashAttribute("done", true);
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ErrorDetails.of(ex));
		}
		return "redirect:/approvals";
	}

}
