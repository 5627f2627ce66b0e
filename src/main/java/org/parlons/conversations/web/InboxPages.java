package org.parlons.conversations.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Teams;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationSignals;
import org.parlons.conversations.ConversationSummary;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboxIndicators;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.ReadMarks;
import org.parlons.conversations.SavedViews;
import org.parlons.platform.Page;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.parlons.platform.ErrorDetails;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agent's inbox: filters with counts, the list, and the open conversation beside it
 * ({@link ConversationPane}). htmx swaps the list and the pane; the same URLs render
 * whole pages when opened directly.
 */
@Controller
class InboxPages {

	private final ConversationList conversations;

	private final ConversationAccess access;

	private final ConversationPane pane;

	private final Inboxes inboxes;

	private final Agents agents;

	private final Teams teams;

	private final List<ConversationSignals> signals;

	private final List<InboxIndicators> indicators;

	private final ReadMarks reads;

	private final BulkActions bulk;

	private final SavedViews views;

	private final MessageSource messages;

	InboxPages(ConversationList conversations, ConversationAccess access, ConversationPane pane, Inboxes inboxes,
			Agents agents, Teams teams, List<ConversationSignals> signals, List<InboxIndicators> indicators,
			ReadMarks reads, BulkActions bulk, SavedViews views, MessageSource messages) {
		this.messages = messages;
		this.views = views;
		this.bulk = bulk;
		this.reads = reads;
		this.conversations = conversations;
		this.access = access;
		this.pane = pane;
		this.inboxes = inboxes;
		this.agents = agents;
		this.teams = teams;
		this.signals = signals;
		this.indicators = indicators;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/inbox";
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/inbox")
	String inbox(@AuthenticationPrincipal AgentPrincipal me, @RequestParam @Nullable Long inboxId,
			@RequestParam(defaultValue = "open") String status, @RequestParam @Nullable Long teamId,
			@RequestParam @Nullable String assignee, @RequestParam @Nullable String label,
			@RequestParam @Nullable String q, @RequestParam @Nullable String sort, @RequestParam @Nullable Integer page,
			@RequestParam @Nullable Long open, HttpServletRequest request, Model model) {
		list(me, inboxId, status, teamId, assignee, label, q, sort, page, model);
		model.addAttribute("views", views.of(me.id()));
		List<Inbox> visible = inboxes.visible(access.scope(me));
		model.addAttribute("inboxes", visible);
		model.addAttribute("indicators", indicators(visible));
		model.addAttribute("teams", teams.findAll());
		model.addAttribute("labels", conversations.allLabels());
		model.addAttribute("agents", agents.findAll());
		if (open != null) {
			pane.fill(me, open, model);
		}
		return isHtmx(request) ? "conversations/list :: list" : "conversations/index";
	}

	/**
	 * Saves the list's current filters and sort under a name, for the agent alone; only
	 * the list's own parameters are kept.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@PostMapping("/inbox/views")
	String saveView(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String viewName,
			@RequestParam @Nullable Long inboxId, @RequestParam(defaultValue = "open") String status,
			@RequestParam @Nullable Long teamId, @RequestParam @Nullable String assignee,
			@RequestParam @Nullable String label, @RequestParam @Nullable String q, @RequestParam @Nullable String sort,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		Filters.of(me, inboxId, status, teamId, assignee, label, q, null);
		var query = org.springframework.web.util.UriComponentsBuilder.newInstance().queryParam("status", status);
		if (inboxId != null) {
			query.queryParam("inboxId", inboxId);
		}
		if (teamId != null) {
			query.queryParam("teamId", teamId);
		}
		for (String[] p : new String[][] { { "assignee", assignee }, { "label", label }, { "q", q } }) {
			if (p[1] != null && !p[1].isBlank()) {
				query.queryParam(p[0], p[1].strip());
			}
		}
		query.queryParam("sort", ConversationList.Sort.fromApi(sort).api());
		String built = query.encode().build().getQuery();
		try {
			views.save(me.id(), viewName, built);
		}
		catch (ErrorResponseException ex) {
			redirect.addFlashAttribute("viewError", ErrorDetails.of(ex));
		}
		return "redirect:/inbox?" + built;
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@PostMapping("/inbox/views/{id}/delete")
	String deleteView(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		views.delete(me.id(), id);
		return "redirect:/inbox";
	}

	/**
	 * One action on the conversations ticked in the list; answers what was done and what
	 * was refused (the list is drawn again by its live updates, or by the page).
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/bulk")
	String bulk(@AuthenticationPrincipal AgentPrincipal me, @RequestParam(required = false) @Nullable List<Long> ids,
			@RequestParam String action, @RequestParam(required = false) @Nullable String bulkLabel,
			@RequestParam @Nullable Long inboxId, @RequestParam(defaultValue = "open") String status,
			@RequestParam @Nullable Long teamId, @RequestParam @Nullable String assignee,
			@RequestParam @Nullable String label, @RequestParam @Nullable String q, Model model) {
		try {
			String[] what = action.split(":", 2);
			String value = what.length > 1 ? what[1] : "";
			BulkActions.Action chosen = switch (what[0]) {
				case "status" -> new BulkActions.Action(value, null, null, null);
				case "assignee" -> new BulkActions.Action(null, value, null, null);
				case "team" -> new BulkActions.Action(null, null, null, Long.valueOf(value));
				case "label" -> new BulkActions.Action(null, null, bulkLabel, null);
				default -> throw new IllegalArgumentException("No bulk action " + action);
			};
			model.addAttribute("bulkOutcome", bulk.apply(me, ids == null ? List.of() : ids, chosen));
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			model.addAttribute("bulkError", ErrorDetails.of(ex));
		}
		return "conversations/list :: bulk-outcome";
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/inbox/customers/{customerId}/conversations")
	String customerConversations(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long customerId,
			Model model) {
		ConversationFilter filter = new ConversationFilter(null, null, null, null, false, null, null, customerId);
		model.addAttribute("history", conversations.list(filter, access.scope(me), 0, 50).items());
		model.addAttribute("inboxNames", inboxNames());
		return "conversations/history :: history";
	}

	private void list(AgentPrincipal me, @Nullable Long inboxId, String status, @Nullable Long teamId,
			@Nullable String assignee, @Nullable String label, @Nullable String q, @Nullable String sort,
			@Nullable Integer page, Model model) {
		ConversationFilter filter = Filters.of(me, inboxId, status, teamId, assignee, label, q, null);
		InboxScope scope = access.scope(me);
		ConversationList.Sort order = ConversationList.Sort.fromApi(sort);
		Page<ConversationSummary> result = conversations.list(filter, scope, Page.clampPage(page), 30, order);
		model.addAttribute("page", result);
		model.addAttribute("counts", conversations.countByStatus(filter, scope));
		model.addAttribute("filter",
				Map.of("inboxId", inboxId == null ? "" : inboxId, "status", status, "teamId",
						teamId == null ? "" : teamId, "assignee", assignee == null ? "" : assignee, "label",
						label == null ? "" : label, "q", q == null ? "" : q, "sort", order.api()));
		model.addAttribute("inboxNames", inboxNames());
		Set<Long> assignees = new HashSet<>();
		result.items().forEach(i -> {
			if (i.assigneeId() != null) {
				assignees.add(i.assigneeId());
			}
		});
		model.addAttribute("agentNames", agents.namesOf(assignees));
		model.addAttribute("rowSignals", rowSignals(result.items()));
		model.addAttribute("mayWork", me.may(Permission.WORK_CONVERSATIONS));
		model.addAttribute("bulkAgents",
				agents.findAll().stream().filter(a -> a.active() && a.role().mayAnswer()).toList());
		model.addAttribute("bulkTeams", teams.findAll());
		model.addAttribute("unread",
				reads.unread(me.id(), result.items().stream().map(ConversationSummary::id).toList()));
		model.addAttribute("unreadAssigned", reads.unreadAssigned(me.id()));
	}

	/**
	 * What is still running on each listed conversation (a timer, a reply window), met
	 * ones left out.
	 */
	private Map<Long, List<ConversationSignals.Signal>> rowSignals(List<ConversationSummary> rows) {
		Map<Long, List<ConversationSignals.Signal>> out = new HashMap<>();
		for (ConversationSummary row : rows) {
			if ("resolved".equals(row.status())) {
				continue;
			}
			out.put(row.id(),
					signals.stream()
						.flatMap(source -> source.of(row.id()).stream())
						.filter(sig -> !"met".equals(sig.state()))
						.toList());
		}
		return out;
	}

	/**
	 * Per indicator (its label key), per inbox: what other modules count beside each
	 * inbox.
	 */
	private Map<String, Map<Long, Integer>> indicators(List<Inbox> visible) {
		List<Long> ids = visible.stream().map(Inbox::id).toList();
		Map<String, Map<Long, Integer>> out = new LinkedHashMap<>();
		indicators.forEach(i -> out.put(i.labelKey(), i.of(ids)));
		return out;
	}

	private Map<Long, String> inboxNames() {
		Map<Long, String> names = new HashMap<>();
		inboxes.findAll().forEach((Inbox i) -> names.put(i.id(), i.name()));
		inboxes.findDeleted()
			.forEach((Inbox i) -> names.put(i.id(), messages.getMessage("inbox.deletedSuffix",
					new Object[] { i.name() }, LocaleContextHolder.getLocale())));
		return names;
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

}
