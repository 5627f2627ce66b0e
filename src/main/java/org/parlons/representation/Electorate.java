package org.parlons.representation;

import java.time.ZoneOffset;
import java.util.Set;

import org.parlons.conversations.ConversationFacts;
import org.parlons.customers.Customers;
import org.springframework.stereotype.Component;

/**
 * Who may vote in an election: the roll is frozen when voting opens (or when the election
 * was created, if it opened before), as the rule read at that instant. A community's
 * members then (not suspended), every customer the company knew then, or those who opened
 * a conversation in the months before; a person counts once, through any of their merged
 * profiles.
 */
@Component
class Electorate {

	private final Communities communities;

	private final Customers customers;

	private final ConversationFacts conversations;

	Electorate(Communities communities, Customers customers, ConversationFacts conversations) {
		this.communities = communities;
		this.customers = customers;
		this.conversations = conversations;
	}

	/** Whether the person (any of those profiles) is on the roll. */
	boolean includes(Elections.Election e, Set<Long> profiles) {
		long current = customers.current(profiles.iterator().next());
		if (customers.rights(current).erasedAt() != null) {
			return false;
		}
		return switch (e.electorate()) {
			case "community" -> communities.memberAt(e.communityId(), profiles, e.rollAt());
			case "active" -> conversations.openedBetween(profiles, since(e), e.rollAt()) > 0;
			default -> profiles.stream()
				.map(customers::findById)
				.anyMatch(c -> c.isPresent() && c.get().createdAt().isBefore(e.rollAt()));
		};
	}

	/** How many are on the roll. */
	long size(Elections.Election e) {
		return switch (e.electorate()) {
			case "community" -> communities.membersAt(e.communityId(), e.rollAt());
			case "active" -> conversations.customersWhoOpened(since(e), e.rollAt());
			default -> customers.countKnownAt(e.rollAt());
		};
	}

	private static java.time.Instant since(Elections.Election e) {
		return e.rollAt().atOffset(ZoneOffset.UTC).minusMonths(e.activeMonths()).toInstant();
	}

}
