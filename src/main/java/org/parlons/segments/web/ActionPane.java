package org.parlons.segments.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.CustomerActivity;
import org.parlons.platform.ErrorDetails;
import org.parlons.segments.NextBestActions;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The suggested actions in the conversation pane, loaded by the page: the top ones for
 * the customer with the reasons for each, those left out on request, and the agent's
 * accept or decline; and the customer's segments and scores on their profile.
 */
@Controller
@Requires(Permission.READ_CONVERSATIONS)
class ActionPane {

	static final int SHOWN = 3;

	private final NextBestActions actions;

	private final ConversationAccess access;

	private final CustomerActivity activity;

	private final MessageSource words;

	private final org.parlons.segments.Segments segments;

	private final org.parlons.segments.Scores scores;

	private final org.parlons.customers.Customers customers;

	ActionPane(NextBestActions actions, ConversationAccess access, CustomerActivity activity, MessageSource words,
			org.parlons.segments.Segments segments, org.parlons.segments.Scores scores,
			org.parlons.customers.Customers customers) {
		this.segments = segments;
		this.scores = scores;
		this.customers = customers;
		this.actions = actions;
		this.access = access;
		this.activity = activity;
		this.words = words;
	}

	@GetMapping("/inbox/conversations/{id}/actions")
	String pane(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		fill(me, id, model);
		return "segments/pane :: actions";
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/actions/{actionId}")
	String decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long actionId,
			@RequestParam boolean accepted, @RequestParam(required = false) @Nullable String note, Model model,
			Locale locale) {
		Conversation conversation = access.conversation(me, id);
		try {
			boolean approval = actions.decide(actionId, conversation.customerId(), id, activity.channelOf(id), me.id(),
					accepted, note);
			String title = actions.get(actionId).title(locale);
			model.addAttribute("notice",
					words.getMessage(
							accepted ? approval ? "actions.accepted.approval" : "actions.accepted" : "actions.declined",
							new Object[] { title }, locale));
		}
		catch (RuntimeException ex) {
			model.addAttribute("error", ErrorDetails.of(ex));
		}
		fill(me, id, model);
		return "segments/pane :: actions";
	}

	/** The customer's segments and scores, on their profile. */
	@GetMapping("/customers/{id}/segments")
	String profile(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		model.addAttribute("customerId", id);
		model.addAttribute("segments", segments.of(id));
		model.addAttribute("scores", scores.of(id));
		model.addAttribute("objected", customers.rights(id).profilingObjectedAt() != null);
		model.addAttribute("mayManage", me.may(Permission.MANAGE_SEGMENTS));
		return "segments/pane :: profile";
	}

	private void fill(AgentPrincipal me, long id, Model model) {
		Conversation conversation = access.conversation(me, id);
		NextBestActions.Ranking ranking = actions.rank(conversation.customerId(), activity.channelOf(id), me.id());
		model.addAttribute("conversationId", id);
		model.addAttribute("suggestions", ranking.suggestions().stream().limit(SHOWN).toList());
		model.addAttribute("withheld", ranking.withheld());
		model.addAttribute("mayDecide", me.may(Permission.WORK_CONVERSATIONS));
	}

}
