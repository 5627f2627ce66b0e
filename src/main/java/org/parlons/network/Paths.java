package org.parlons.network;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.customers.Customers;
import org.parlons.network.Ties.Node;
import org.parlons.network.Ties.Tie;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The strongest introduction paths from the team to a person: from an agent who did not
 * opt out, through the people they know, to the target, at most {@code maxLinks} links. A
 * path is as strong as the product of its links' strengths.
 * <p>
 * The search reads the neighbourhood of the target only, level by level (the ties of the
 * target, then of the people they know, and at the last level the agents' ties alone),
 * then takes partial paths out of a queue strongest first: since a link never makes a
 * path stronger, complete paths come out strongest first, and the first {@code k} are the
 * k strongest (the k shortest paths under {@code -log strength}), exactly, within the
 * link bound.
 */
@Service
public class Paths {

	/**
	 * One step of a path: who, and for the steps after the first, why they know the one
	 * before.
	 *
	 * @param node the agent or the customer
	 * @param name their name
	 * @param strength the strength of the link from the step before (1 for the first)
	 * @param because the evidence of that link, the strongest first
	 */
	public record Step(Node node, String name, double strength, List<Tie> because) {
	}

	/**
	 * A path, from an agent to the target.
	 *
	 * @param steps its steps, the agent first
	 * @param strength the product of its links' strengths
	 */
	public record Path(List<Step> steps, double strength) {

		public long connectorId() {
			return steps.get(0).node().id();
		}

	}

	/**
	 * How a path is kept (an introduction's, a lead's): the numbers of its steps,
	 * {@code "a12 c40 c77"}, never their names, so that an erased person leaves none.
	 */
	public static String keyOf(Path path) {
		return path.steps()
			.stream()
			.map(s -> (s.node().agent() ? "a" : "c") + s.node().id())
			.collect(java.util.stream.Collectors.joining(" "));
	}

	/** A kept path said with today's names, " → " between them. */
	public String said(String key) {
		List<Node> nodes = new ArrayList<>();
		for (String part : key.trim().split("\\s+")) {
			if (part.length() > 1) {
				nodes.add(new Node(part.charAt(0) == 'a', Long.parseLong(part.substring(1))));
			}
		}
		Map<Node, PeopleNames.Named> named = names.of(nodes);
		return nodes.stream().map(n -> named.get(n).name()).collect(java.util.stream.Collectors.joining(" → "));
	}

	private record Link(Node to, double strength, List<Tie> because) {
	}

	private record Partial(Node at, double strength, List<Node> nodes) {
	}

	/** The most paths one search answers. */
	public static final int MAX_PATHS = 50;

	private final Ties ties;

	private final Connectors connectors;

	private final Agents agents;

	private final Customers customers;

	private final PeopleNames names;

	private final NetworkSettings settings;

	private final Clock clock;

	Paths(Ties ties, Connectors connectors, Agents agents, Customers customers, PeopleNames names,
			NetworkSettings settings, Clock clock) {
		this.names = names;
		this.ties = ties;
		this.connectors = connectors;
		this.agents = agents;
		this.customers = customers;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The strongest paths to the customer, at most {@code limit} (1 to
	 * {@link #MAX_PATHS}), the strongest first.
	 */
	@Transactional(readOnly = true)
	public List<Path> to(long customerId, int limit) {
		if (customers.findById(customerId).isEmpty()) {
			throw org.parlons.platform.NotFoundException.said("customer.unknown", "No customer " + customerId,
					String.valueOf(customerId));
		}
		long target = customers.current(customerId);
		Set<Long> aliases = customers.aliasesOf(target);
		Map<Node, Map<Node, List<Tie>>> graph = neighbourhood(target, aliases);
		Set<Long> usable = usableAgents(graph);
		Instant now = clock.instant();
		Map<Node, List<Link>> links = new HashMap<>();
		graph.forEach((node, neighbours) -> {
			List<Link> out = new ArrayList<>();
			neighbours.forEach((other, evidence) -> {
				if (!other.agent() || usable.contains(other.id())) {
					out.add(new Link(other, Strength.of(evidence, now, settings.halfLife()),
							Strength.strongestFirst(evidence, now, settings.halfLife())));
				}
			});
			links.put(node, out);
		});
		return search(Node.customer(target), links, Math.max(1, Math.min(limit, MAX_PATHS)));
	}

	private List<Path> search(Node target, Map<Node, List<Link>> links, int limit) {
		PriorityQueue<Partial> queue = new PriorityQueue<>(Comparator.comparingDouble(p -> -p.strength()));
		queue.add(new Partial(target, 1, List.of(target)));
		List<List<Node>> found = new ArrayList<>();
		List<Double> strengths = new ArrayList<>();
		while (!queue.isEmpty() && found.size() < limit) {
			Partial partial = queue.poll();
			if (partial.at().agent()) {
				found.add(partial.nodes());
				strengths.add(partial.strength());
				continue;
			}
			if (partial.nodes().size() > settings.maxLinks()) {
				continue;
			}
			for (Link link : links.getOrDefault(partial.at(), List.of())) {
				if (!partial.nodes().contains(link.to())) {
					List<Node> longer = new ArrayList<>(partial.nodes());
					longer.add(link.to());
					queue.add(new Partial(link.to(), partial.strength() * link.strength(), longer));
				}
			}
		}
		return described(found, strengths, links);
	}

	/** The paths with names and reasons, each read from the agent to the target. */
	private List<Path> described(List<List<Node>> found, List<Double> strengths, Map<Node, List<Link>> links) {
		Set<Node> all = new HashSet<>();
		found.forEach(all::addAll);
		Map<Node, PeopleNames.Named> named = names.of(all);
		List<Path> paths = new ArrayList<>();
		for (int i = 0; i < found.size(); i++) {
			List<Node> nodes = new ArrayList<>(found.get(i));
			java.util.Collections.reverse(nodes);
			List<Step> steps = new ArrayList<>();
			for (int s = 0; s < nodes.size(); s++) {
				Node node = nodes.get(s);
				PeopleNames.Named shown = named.get(node);
				if (s == 0) {
					steps.add(new Step(shown.node(), shown.name(), 1, List.of()));
				}
				else {
					Node before = nodes.get(s - 1);
					Link link = links.get(node).stream().filter(l -> l.to().equals(before)).findFirst().orElseThrow();
					steps.add(new Step(shown.node(), shown.name(), link.strength(), link.because()));
				}
			}
			paths.add(new Path(steps, strengths.get(i)));
		}
		return paths;
	}

	/**
	 * The ties around the target, both ways, as adjacency: every alias of the target
	 * stands for it.
	 */
	private Map<Node, Map<Node, List<Tie>>> neighbourhood(long target, Set<Long> aliases) {
		Map<Node, Map<Node, List<Tie>>> graph = new LinkedHashMap<>();
		Set<Long> seen = new HashSet<>(aliases);
		Set<Long> frontier = new HashSet<>(aliases);
		// a tie between two people of successive levels is read at both
		Set<List<Object>> read = new HashSet<>();
		for (int level = 1; level <= settings.maxLinks() && !frontier.isEmpty(); level++) {
			List<Tie> found = level == settings.maxLinks() ? ties.ofAgentsWith(frontier) : ties.touching(frontier);
			Set<Long> next = new HashSet<>();
			for (Tie tie : found) {
				if (!read.add(List.of(tie.a(), tie.b(), tie.source()))) {
					continue;
				}
				Node a = unaliased(tie.a(), aliases, target);
				Node b = unaliased(tie.b(), aliases, target);
				if (a.equals(b)) {
					continue;
				}
				graph.computeIfAbsent(a, k -> new LinkedHashMap<>())
					.computeIfAbsent(b, k -> new ArrayList<>())
					.add(tie);
				graph.computeIfAbsent(b, k -> new LinkedHashMap<>())
					.computeIfAbsent(a, k -> new ArrayList<>())
					.add(tie);
				for (Node end : List.of(tie.a(), tie.b())) {
					if (!end.agent() && seen.add(end.id())) {
						next.add(end.id());
					}
				}
			}
			frontier = next;
		}
		return graph;
	}

	private static Node unaliased(Node node, Set<Long> aliases, long target) {
		return !node.agent() && aliases.contains(node.id()) ? Node.customer(target) : node;
	}

	/** The agents in the neighbourhood who lend their connections and are active. */
	private Set<Long> usableAgents(Map<Node, Map<Node, List<Tie>>> graph) {
		Set<Long> optedOut = connectors.optedOut();
		Set<Long> active = new HashSet<>();
		agents.findAll().stream().filter(Agent::active).forEach(a -> active.add(a.id()));
		Set<Long> usable = new HashSet<>();
		for (Node node : graph.keySet()) {
			if (node.agent() && !optedOut.contains(node.id()) && active.contains(node.id())) {
				usable.add(node.id());
			}
		}
		return usable;
	}

}
