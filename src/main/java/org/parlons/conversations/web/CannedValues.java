package org.parlons.conversations.web;

import java.util.HashMap;
import java.util.Map;

import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.CannedText;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inboxes;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.springframework.stereotype.Component;

/**
 * The values of {@link CannedText}'s variables for one conversation answered by one
 * agent.
 */
@Component
class CannedValues {

	private final ConversationList conversations;

	private final Customers customers;

	private final Inboxes inboxes;

	CannedValues(ConversationList conversations, Customers customers, Inboxes inboxes) {
		this.conversations = conversations;
		this.customers = customers;
		this.inboxes = inboxes;
	}

	Map<String, String> of(AgentPrincipal agent, Conversation conversation) {
		long customerId = conversations.summaries(java.util.List.of(conversation)).get(0).customerId();
		return of(agent, customers.findById(customerId).orElseThrow(),
				inboxes.findById(conversation.inboxId()).orElseThrow().name(), conversation.id());
	}

	static Map<String, String> of(AgentPrincipal agent, Customer customer, String inboxName, long conversationId) {
		Map<String, String> values = new HashMap<>();
		String name = customer.name() == null || customer.name().isBlank() ? "" : customer.name().strip();
		Object first = customer.attributes().get("firstName");
		values.put("customer.firstName", first != null ? first.toString() : CannedText.firstName(name));
		values.put("customer.name", name);
		values.put("customer.email", customer.email().orElse(""));
		values.put("agent.firstName", CannedText.firstName(agent.name()));
		values.put("agent.name", agent.name());
		values.put("inbox.name", inboxName);
		values.put("conversation.id", Long.toString(conversationId));
		return values;
	}

}
