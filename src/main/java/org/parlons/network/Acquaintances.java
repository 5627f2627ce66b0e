package org.parlons.network;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.parlons.customers.Customers;
import org.parlons.network.Ties.Node;
import org.parlons.network.Ties.Tie;
import org.springframework.stereotype.Service;

/**
 * Whom a person knows, directly, with how strongly and why: the agents and the people
 * they are tied to, and those a colleague knows too (the shared connections a meeting is
 * prepared with).
 */
@Service
public class Acquaintances {

	/**
	 * Someone a person knows.
	 *
	 * @param node the agent or the customer
	 * @param name their name
	 * @param strength how strongly, 0 to 1
	 * @param because the evidence, the strongest first
	 */
	public record Acquaintance(Node node, String name, double strength, List<Tie> because) {
	}

	private final Ties ties;

	private final Customers customers;

	private final PeopleNames names;

	private final NetworkSettings settings;

	private final Clock clock;

	Acquaintances(Ties ties, Customers customers, PeopleNames names, NetworkSettings settings, Clock clock) {
		this.ties = ties;
		this.customers = customers;
		this.names = names;
		this.settings = settings;
		this.clock = clock;
	}

	/** Whom the customer knows, the strongest first. */
	public List<Acquaintance> of(long customerId) {
		Set<Long> aliases = customers.aliasesOf(customers.current(customerId));
		Map<Node, List<Tie>> byOther = new LinkedHashMap<>();
		for (Tie tie : ties.touching(aliases)) {
			Node other = aliases.contains(tie.b().id()) && !tie.b().agent() ? tie.a() : tie.b();
			if (!other.agent() && aliases.contains(other.id())) {
				continue;
			}
			byOther.computeIfAbsent(other, k -> new ArrayList<>()).add(tie);
		}
		return described(byOther);
	}

	/** The people both the agent and the customer know. */
	public List<Acquaintance> shared(long agentId, long customerId) {
		Set<Node> mine = new HashSet<>();
		ties.ofAgent(agentId).forEach(t -> mine.add(t.b()));
		Set<Node> live = new HashSet<>();
		names.of(mine).values().forEach(n -> live.add(n.node()));
		return of(customerId).stream().filter(a -> !a.node().agent() && live.contains(a.node())).toList();
	}

	/**
	 * The agent who knows the customer best, opted out or not: the owner of what happens
	 * to them.
	 */
	public Optional<Long> bestAgent(long customerId) {
		return of(customerId).stream().filter(a -> a.node().agent()).findFirst().map(a -> a.node().id());
	}

	private List<Acquaintance> described(Map<Node, List<Tie>> byOther) {
		Instant now = clock.instant();
		Map<Node, PeopleNames.Named> named = names.of(byOther.keySet());
		List<Acquaintance> known = new ArrayList<>();
		byOther.forEach((node, evidence) -> {
			PeopleNames.Named shown = named.get(node);
			known.add(new Acquaintance(shown.node(), shown.name(), Strength.of(evidence, now, settings.halfLife()),
					Strength.strongestFirst(evidence, now, settings.halfLife())));
		});
		known.sort(Comparator.comparingDouble(a -> -a.strength()));
		return known;
	}

}
