package org.parlons.conversations.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.CannedText;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Macros;
import org.parlons.conversations.ReadMarks;
import org.parlons.customers.Customer;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationSignals;
import org.parlons.conversations.ConversationSummary;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Post;
import org.parlons.conversations.Posts;
import org.parlons.conversations.Timeline;
import org.parlons.conversations.Visibility;
import org.parlons.customers.CustomerFacts;
import org.parlons.customers.Customers;
import org.springframework.ui.Model;
import org.parlons.platform.Zones;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the open conversation shows beside the list: its timeline with the posts public
 * threads belong to, what runs on it, the customer and their facts, and what the agent
 * may do.
 */
@Component
class ConversationPane {

	private final ConversationAccess access;

	private final ConversationList conversations;

	private final Timeline timeline;

	private final List<ConversationSignals> signals;

	private final Posts posts;

	private final Messages messages;

	private final Agents agents;

	private final Inboxes inboxes;

	private final Customers customers;

	private final List<CustomerFacts> facts;

	private final Teams teams;

	private final CannedResponses canned;

	private final TimelineWords words;

	private final Macros macros;

	private final ReadMarks reads;

	private final Zones zones;

	ConversationPane(ConversationAccess access, ConversationList conversations, Timeline timeline,
			List<ConversationSignals> signals, Posts posts, Messages messages, Agents agents, Inboxes inboxes,
			Customers customers, List<CustomerFacts> facts, Teams teams, CannedResponses canned, TimelineWords words,
			Zones zones, Macros macros, ReadMarks reads) {
		this.macros = macros;
		this.reads = reads;
		this.words = words;
		this.zones = zones;
		this.access = access;
		this.conversations = conversations;
		this.timeline = timeline;
		this.signals = signals;
		this.posts = posts;
		this.messages = messages;
		this.agents = agents;
		this.inboxes = inboxes;
		this.customers = customers;
		this.facts = facts;
		this.teams = teams;
		this.canned = canned;
	}

	void fill(AgentPrincipal me, long id, Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		ZoneId zone = zones.current();
		Conversation c = access.conversation(me, id);
		reads.read(me.id(), id);
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
			if (e.event() != null && e.event().subjectId() != null && e.event().type().endsWith("assigned")) {
				agentIds.add(e.event().subjectId());
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
		Map<Long, String> agentNames = agents.namesOf(agentIds);
		model.addAttribute("agentNames", agentNames);
		Map<Long, String> teamNames = new HashMap<>();
		teams.findAll().forEach(t -> teamNames.put(t.id(), t.name()));
		Map<Timeline.Event, String> eventLines = new HashMap<>();
		entries.stream()
			.filter(e -> e.event() != null)
			.forEach(e -> eventLines.put(e.event(), words.describe(e.event(), agentNames, teamNames, locale, zone)));
		model.addAttribute("eventLines", eventLines);
		Map<Timeline.Event, String> eventCauses = new HashMap<>();
		eventLines.keySet().forEach(e -> {
			String cause = words.cause(e, locale);
			if (cause != null) {
				eventCauses.put(e, cause);
			}
		});
		model.addAttribute("eventCauses", eventCauses);
		Inbox inbox = inboxes.findById(c.inboxId()).orElseThrow();
		Customer customer = customers.findById(summary.customerId()).orElseThrow();
		model.addAttribute("inbox", inbox);
		model.addAttribute("customer", customer);
		model.addAttribute("facts",
				facts.stream().flatMap(source -> source.of(summary.customerId()).stream()).toList());
		model.addAttribute("allAgents",
				agents.findAll().stream().filter(a -> a.active() && a.role().mayAnswer()).toList());
		model.addAttribute("allTeams", teams.findAll());
		Set<Long> myTeams = teams.teamsOf(me.id());
		Map<String, String> values = CannedValues.of(me, customer, inbox.name(), id);
		model.addAttribute("canned",
				canned.forTeams(myTeams)
					.stream()
					.map(x -> new CannedResponses.Canned(x.id(), x.shortcut(), x.title(),
							CannedText.fill(x.text(), values), x.teamId()))
					.toList());
		model.addAttribute("macros", macros.forTeams(myTeams));
		model.addAttribute("mayAnswer", me.role().mayAnswer());
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

}
