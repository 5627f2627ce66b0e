package org.parlons.network;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.parlons.agents.Agents;
import org.parlons.customers.Customers;
import org.parlons.network.Ties.Node;
import org.springframework.stereotype.Component;

/**
 * The names of the network's people, agents and customers alike, two queries for any
 * number: a customer merged into another is shown as the live profile.
 */
@Component
class PeopleNames {

	/**
	 * A node as shown.
	 *
	 * @param node the agent, or the customer's live profile
	 * @param name their name ("#" and the number when unknown)
	 */
	record Named(Node node, String name) {
	}

	private final Customers customers;

	private final Agents agents;

	PeopleNames(Customers customers, Agents agents) {
		this.customers = customers;
		this.agents = agents;
	}

	Map<Node, Named> of(Collection<Node> nodes) {
		Set<Long> customerIds = new HashSet<>();
		Set<Long> agentIds = new HashSet<>();
		nodes.forEach(n -> (n.agent() ? agentIds : customerIds).add(n.id()));
		Map<Long, Customers.Summary> people = customers.summaries(customerIds);
		Map<Long, String> agentNames = agents.namesOf(agentIds);
		Map<Node, Named> named = new HashMap<>();
		for (Node node : nodes) {
			if (node.agent()) {
				named.put(node, new Named(node, agentNames.getOrDefault(node.id(), "#" + node.id())));
			}
			else {
				Customers.Summary summary = people.get(node.id());
				named.put(node, summary == null ? new Named(node, "#" + node.id())
						: new Named(Node.customer(summary.currentId()), summary.displayName()));
			}
		}
		return named;
	}

}
