package org.parlons.network;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.network.Ties.Node;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A meeting an agent says they had: a tie, both ways, between the agent and each person
 * met, and between the people who met together.
 */
@Service
public class Meetings {

	public static final int MAX_PEOPLE = 50;

	public static final int MAX_SUBJECT = 300;

	private final Ties ties;

	private final Customers customers;

	private final Clock clock;

	Meetings(Ties ties, Customers customers, Clock clock) {
		this.ties = ties;
		this.customers = customers;
		this.clock = clock;
	}

	@Transactional
	public int met(long agentId, List<Long> customerIds, @Nullable Instant at, @Nullable String subject) {
		if (customerIds.isEmpty() || customerIds.size() > MAX_PEOPLE) {
			throw Refusals.invalid("network.meeting.people", "A meeting names between 1 and " + MAX_PEOPLE + " people",
					MAX_PEOPLE);
		}
		Instant now = clock.instant();
		if (at != null && at.isAfter(now)) {
			throw Refusals.invalid("network.meeting.future", "A meeting is entered once it took place");
		}
		String clean = subject == null || subject.isBlank() ? null : subject.strip();
		if (clean != null && clean.length() > MAX_SUBJECT) {
			throw Refusals.invalid("network.meeting.subject",
					"A meeting's subject is limited to " + MAX_SUBJECT + " characters", MAX_SUBJECT);
		}
		Set<Long> people = new LinkedHashSet<>();
		for (Long id : customerIds) {
			if (customers.findById(id).isEmpty()) {
				throw NotFoundException.said("customer.unknown", "No customer " + id, String.valueOf(id));
			}
			people.add(customers.current(id));
		}
		Instant when = at == null ? now : at;
		List<Long> met = new ArrayList<>(people);
		for (int i = 0; i < met.size(); i++) {
			meet(Node.agent(agentId), Node.customer(met.get(i)), clean, when);
			for (int j = i + 1; j < met.size(); j++) {
				meet(Node.customer(met.get(i)), Node.customer(met.get(j)), clean, when);
			}
		}
		return met.size();
	}

	private void meet(Node one, Node other, @Nullable String subject, Instant at) {
		ties.observe(one, other, Ties.Source.MEETING, subject, at);
		ties.observe(other, one, Ties.Source.MEETING, subject, at);
	}

}
