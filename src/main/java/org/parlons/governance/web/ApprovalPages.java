package org.parlons.governance.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.platform.Sentences;
import org.springframework.context.i18n.LocaleContextHolder;
import org.parlons.agents.Requires;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
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

	private final ConversationList conversations;

	private final Messages messages;

	private final Inboxes inboxes;

	private final Sentences sentences;

	ApprovalPages(Approvals approvals, ConversationAccess access, Agents agents, ConversationList conversations,
			Messages messages, Inboxes inboxes, Sentences sentences) {
		this.sentences = sentences;
		this.approvals = approvals;
		this.access = access;
		this.agents = agents;
		this.conversations = conversations;
		this.messages = messages;
		this.inboxes = inboxes;
	}

	@GetMapping("/approvals")
	String list(@AuthenticationPrincipal AgentPrincipal me, Model model) {
		var pending = approvals.list("pending", access.scope(me));
		Map<Long, String> names = new HashMap<>();
		pending.forEach(a -> names.computeIfAbsent(a.requestedBy(),
				id -> agents.findById(id).map(x -> x.name()).orElse("#" + id)));
		model.addAttribute("approvals", pending);
		model.addAttribute("names", names);
		model.addAttribute("cards", pending.stream().map(a -> card(me, a, names.get(a.requestedBy()))).toList());
		return "governance/approvals";
	}

	private ApprovalCard card(AgentPrincipal me, Approvals.Approval a, String requestedBy) {
		var conversation = access.conversation(me, a.conversationId());
		String customer = conversations.summaries(List.of(conversation)).get(0).customerName();
		List<Message> fromCustomer = messages.ofConversation(a.conversationId())
			.stream()
			.filter(Message::inbound)
			.toList();
		return new ApprovalCard(a, customer, inboxes.findById(a.inboxId()).map(i -> i.name()).orElse(""), requestedBy,
				fromCustomer.subList(Math.max(0, fromCustomer.size() - 3), fromCustomer.size()),
				ApprovalCard.segments(a.text(), a.amount() != null, a.reason()),
				sentences.retell(a.reason(), LocaleContextHolder.getLocale(), "hold."));
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
