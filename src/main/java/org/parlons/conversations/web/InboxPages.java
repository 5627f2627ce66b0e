package org.parlons.conversations.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Teams;
import org.parlons.conversations.AgentTyping;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationSignals;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.ConversationSummary;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboxIndicators;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Post;
import org.parlons.conversations.Posts;
import org.parlons.conversations.Priority;
import org.parlons.conversations.Replies;
import org.parlons.conversations.Timeline;
import org.parlons.conversations.Visibility;
import org.parlons.customers.CustomerFacts;
import org.parlons.customers.Customers;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.Page;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The agent's inbox: filters with counts, the list, and the open conversation beside it.
 * htmx swaps the list and the pane; the same URLs render whole pages when opened
 * directly.
 */
@Controller
class InboxPages {

	private final ConversationList conversations;

	private final ConversationAccess access;

	private final ConversationActions actions;

	private final Replies replies;

	private final Timeline timeline;

	private final Inboxes inboxes;

	private final Agents agents;

	private final Teams teams;

	private final Customers customers;

	private final CannedResponses canned;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final List<ConversationSignals> signals;

	private final Posts posts;

	private final List<InboxIndicators> indicators;

	private final Messages messages;

	private final List<CustomerFacts> facts;

	InboxPages(ConversationList conversations, ConversationAccess access, ConversationActions actions, Replies replies,
			Timeline timeline, Inboxes inboxes, Agents agents, Teams teams, Customers customers, CannedResponses canned,
			Clock clock, ApplicationEventPublisher events, List<ConversationSignals> signals, Posts posts,
			List<InboxIndicators> indicators, Messages messages, List<CustomerFacts> facts) {
		this.facts = facts;
		this.messages = messages;
		this.indicators = indicators;
		this.posts = posts;
		this.events = events;
		this.signals = signals;
		this.conversations = conversations;
		this.access = access;
		this.actions = actions;
		this.replies = replies;
		this.timeline = timeline;
		this.inboxes = inboxes;
		this.agents = agents;
		this.teams = teams;
		this.customers = customers;
		this.canned = canned;
		this.clock = clock;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/inbox";
	}

	@GetMapping("/inbox")
	String inbox(@AuthenticationPrincipal AgentPrincipal me, @RequestParam @Nullable Long inboxId,
			@RequestParam(defaultValue = "open") String status, @RequestParam @Nullable Long teamId,
			@RequestParam @Nullable String assignee, @RequestParam @Nullable String label,
			@RequestParam @Nullable String q, @RequestParam @Nullable Integer page, @RequestParam @Nullable Long open,
			HttpServletRequest request, Model model) {
		list(me, inboxId, status, teamId, assignee, label, q, page, model);
		List<Inbox> visible = inboxes.visible(access.scope(me));
		model.addAttribute("inboxes", visible);
		model.addAttribute("indicators", indicators(visible));
		model.addAttribute("teams", teams.findAll());
		model.addAttribute("labels", conversations.allLabels());
		model.addAttribute("agents", agents.findAll());
		if (open != null) {
			pane(me, open, model);
		}
		return isHtmx(request) ? "conversations/list :: list" : "conversations/index";
	}

	@GetMapping("/inbox/conversations/{id}")
	String conversation(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, HttpServletRequest request,
			Model model) {
		if (!isHtmx(request)) {
			return "redirect:/inbox?status=all&open=" + id;
		}
		pane(me, id, model);
		return "conversations/conversation :: pane";
	}

	@GetMapping("/inbox/conversations/{id}/thread")
	String thread(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		pane(me, id, model);
		return "conversations/conversation :: thread";
	}

	private static java.math.BigDecimal amount(String typed) {
		try {
			return new java.math.BigDecimal(typed.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("A gesture is an amount such as 30 or 12.50, not " + typed);
		}
	}

	@PostMapping("/inbox/conversations/{id}/reply")
	String reply(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			@RequestParam(defaultValue = "") String visibility,
			@RequestParam(defaultValue = "false") boolean acknowledge,
			@RequestParam(defaultValue = "") String acknowledgement,
			@RequestParam(defaultValue = "false") boolean acceptWarnings,
			@RequestParam(defaultValue = "") String persona, @RequestParam(defaultValue = "") String gesture,
			@RequestParam(defaultValue = "EUR") String gestureCurrency, Model model) {
		try {
			Commitment commitment = gesture.isBlank() ? null : new Commitment(amount(gesture), gestureCurrency);
			if (acknowledge && !acknowledgement.isBlank()) { // moving a public exchange
																// to private, said in
																// public
				replies.replyPrivately(me, id, text, acknowledgement.strip(), persona.isBlank() ? null : persona,
						acceptWarnings);
			}
			else {
				replies.reply(me, id, text, visibility.isBlank() ? null : Visibility.fromApi(visibility),
						persona.isBlank() ? null : persona, acceptWarnings, commitment);
			}
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			List<String> warnings = InvalidRequestException.warningsOf(ex);
			if (warnings.isEmpty()) {
				model.addAttribute("error", ErrorDetails.of(ex));
			}
			model.addAttribute("warnings", warnings);
			model.addAttribute("draft", text);
			model.addAttribute("draftVisibility", visibility);
		}
		pane(me, id, model);
		return "conversations/conversation :: pane";
	}

	/**
	 * The composer says the agent is writing; channels that can show it tell the
	 * customer.
	 */
	@PostMapping("/inbox/conversations/{id}/typing")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void typing(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		var conversation = access.conversation(me, id);
		events.publishEvent(new AgentTyping(id, conversation.inboxId(), conversation.customerId(), me.name()));
	}

	@PostMapping("/inbox/conversations/{id}/note")
	String note(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			Model model) {
		return act(me, id, model, () -> actions.note(me, id, text));
	}

	@PostMapping("/inbox/conversations/{id}/status")
	String status(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String status,
			@RequestParam(defaultValue = "") String snooze, Model model) {
		return act(me, id, model,
				() -> actions.changeStatus(me, id, ConversationStatus.fromApi(status), snoozeUntil(snooze)));
	}

	@PostMapping("/inbox/conversations/{id}/assignee")
	String assign(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(defaultValue = "") String agentId, Model model) {
		return act(me, id, model, () -> actions.assign(me, id, agentId.isBlank() ? null : Long.valueOf(agentId)));
	}

	@PostMapping("/inbox/conversations/{id}/team")
	String transfer(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long teamId,
			Model model) {
		return act(me, id, model, () -> actions.transfer(me, id, teamId));
	}

	@PostMapping("/inbox/conversations/{id}/priority")
	String prioritise(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String priority,
			Model model) {
		return act(me, id, model, () -> actions.prioritise(me, id, Priority.fromApi(priority)));
	}

	@PostMapping("/inbox/conversations/{id}/labels")
	String label(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String label,
			Model model) {
		return act(me, id, model, () -> actions.label(me, id, label));
	}

	@PostMapping("/inbox/conversations/{id}/labels/remove")
	String unlabel(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String label,
			Model model) {
		return act(me, id, model, () -> actions.unlabel(me, id, label));
	}

	@GetMapping("/inbox/customers/{customerId}/conversations")
	String customerConversations(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long customerId,
			Model model) {
		ConversationFilter filter = new ConversationFilter(null, null, null, null, false, null, null, customerId);
		model.addAttribute("history", conversations.list(filter, access.scope(me), 0, 50).items());
		model.addAttribute("inboxNames", inboxNames());
		return "conversations/history :: history";
	}

	private void list(AgentPrincipal me, @Nullable Long inboxId, String status, @Nullable Long teamId,
			@Nullable String assignee, @Nullable String label, @Nullable String q, @Nullable Integer page,
			Model model) {
		ConversationFilter filter = Filters.of(me, inboxId, status, teamId, assignee, label, q, null);
		InboxScope scope = access.scope(me);
		Page<ConversationSummary> result = conversations.list(filter, scope, Page.clampPage(page), 30);
		model.addAttribute("page", result);
		model.addAttribute("counts", conversations.countByStatus(filter, scope));
		model.addAttribute("filter",
				Map.of("inboxId", inboxId == null ? "" : inboxId, "status", status, "teamId",
						teamId == null ? "" : teamId, "assignee", assignee == null ? "" : assignee, "label",
						label == null ? "" : label, "q", q == null ? "" : q));
		model.addAttribute("inboxNames", inboxNames());
		Set<Long> assignees = new HashSet<>();
		result.items().forEach(i -> {
			if (i.assigneeId() != null) {
				assignees.add(i.assigneeId());
			}
		});
		model.addAttribute("agentNames", agents.namesOf(assignees));
		model.addAttribute("rowSignals", rowSignals(result.items()));
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

	/**
	 * The post a public thread belongs to, shown above the first of its messages in the
	 * timeline.
	 */
	private Map<Long, Post> postsBeforeTheirThreads(long inboxId, List<Timeline.Entry> entries) {
		Set<String> refs = new LinkedHashSet<>();
		entries.stream()
			.filter(e -> e.message() != null && e.message().threadRef() != null)
			.forEach(e -> refs.add(e.message().threadRef()));
		Map<String, Post> known = posts.find(inboxId, refs);
		Map<Long, Post> before = new HashMap<>();
		String current = null;
		for (Timeline.Entry e : entries) {
			if (e.message() == null || e.message().threadRef() == null) {
				continue;
			}
			String ref = e.message().threadRef();
			if (!ref.equals(current)) {
				before.put(e.message().id(), known.getOrDefault(ref, Post.ref(ref)));
				current = ref;
			}
		}
		return before;
	}

	private void pane(AgentPrincipal me, long id, Model model) {
		Conversation c = access.conversation(me, id);
		ConversationSummary summary = conversations.summaries(List.of(c)).get(0);
		List<Timeline.Entry> entries = timeline.of(id);
		Set<Long> agentIds = new HashSet<>();
		entries.forEach(e -> {
			if (e.message() != null && e.message().agentId() != null) {
				agentIds.add(e.message().agentId());
			}
			if (e.note() != null) {
				agentIds.add(e.note().agentId());
			}
			if (e.event() != null && e.event().actorId() != null) {
				agentIds.add(e.event().actorId());
			}
			if (e.event() != null && "assigned".equals(e.event().type()) && e.event().detail() != null) {
				agentIds.add(Long.valueOf(e.event().detail()));
			}
		});
		if (c.assigneeId() != null) {
			agentIds.add(c.assigneeId());
		}
		model.addAttribute("conversation", c);
		model.addAttribute("signals", signals.stream().flatMap(source -> source.of(id).stream()).toList());
		model.addAttribute("summary", summary);
		model.addAttribute("entries", entries);
		var postBefore = postsBeforeTheirThreads(c.inboxId(), entries);
		model.addAttribute("postBefore", postBefore);
		Map<String, List<Message>> around = new HashMap<>();
		postBefore.values()
			.forEach(p -> around.put(p.externalId(), messages.ofThread(c.inboxId(), p.externalId(), id, 20)));
		model.addAttribute("threadAround", around);
		model.addAttribute("lastInboundPublic",
				entries.stream()
					.filter(e -> e.message() != null && e.message().inbound())
					.reduce((a, b) -> b)
					.map(e -> e.message().visibility() == Visibility.PUBLIC)
					.orElse(false));
		model.addAttribute("agentNames", agents.namesOf(agentIds));
		model.addAttribute("inbox", inboxes.findById(c.inboxId()).orElseThrow());
		model.addAttribute("customer", customers.findById(summary.customerId()).orElseThrow());
		model.addAttribute("facts",
				facts.stream().flatMap(source -> source.of(summary.customerId()).stream()).toList());
		model.addAttribute("allAgents",
				agents.findAll().stream().filter(a -> a.active() && a.role().mayAnswer()).toList());
		model.addAttribute("allTeams", teams.findAll());
		model.addAttribute("canned", canned.all());
		model.addAttribute("mayAnswer", me.role().mayAnswer());
	}

	private String act(AgentPrincipal me, long id, Model model, Runnable action) {
		try {
			action.run();
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			model.addAttribute("error", ErrorDetails.of(ex));
		}
		pane(me, id, model);
		return "conversations/conversation :: pane";
	}

	private Map<Long, String> inboxNames() {
		Map<Long, String> names = new HashMap<>();
		inboxes.findAll().forEach((Inbox i) -> names.put(i.id(), i.name()));
		return names;
	}

	private @Nullable Instant snoozeUntil(String choice) {
		Instant now = clock.instant();
		ZoneId paris = ZoneId.of("Europe/Paris");
		return switch (choice) {
			case "1h" -> now.plus(Duration.ofHours(1));
			case "tomorrow" -> LocalDate.now(paris).plusDays(1).atTime(9, 0).atZone(paris).toInstant();
			case "week" -> LocalDate.now(paris).plusDays(7).atTime(9, 0).atZone(paris).toInstant();
			default -> null;
		};
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

}
