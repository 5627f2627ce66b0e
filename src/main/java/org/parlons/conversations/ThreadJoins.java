package org.parlons.conversations;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Joins the conversations a later mail links: when a mail names messages of two
 * conversations of the same customer in the same inbox (its References reach back to
 * both, as when the first mail went unanswered and the customer wrote anew, then answered
 * the reply quoting both), the newer ones' messages move to the oldest, which the mail
 * joined, and they are closed with a line saying where their thread went. A conversation
 * of another customer stays apart, and its timeline says why.
 */
@Component
class ThreadJoins {

	/** A mail linked these conversations of one inbox; the first is the one it joined. */
	record Linked(long inboxId, long joinedId, Set<Long> others) {
	}

	private final Conversations conversations;

	private final Messages messages;

	ThreadJoins(Conversations conversations, Messages messages) {
		this.conversations = conversations;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(Linked linked) {
		Set<Long> linkedIds = new HashSet<>(linked.others());
		linkedIds.add(linked.joinedId());
		// where their messages are now (an earlier join may have moved them), locked: a
		// mail read twice links twice, and makes one join
		TreeSet<Long> roots = new TreeSet<>(conversations.rootsOf(linkedIds).values());
		conversations.lock(roots);
		roots = new TreeSet<>(conversations.rootsOf(roots).values());
		long oldest = roots.first();
		for (long other : roots.tailSet(oldest, false)) {
			join(oldest, other);
		}
	}

	private void join(long olderId, long newerId) {
		Conversation older = conversations.findById(olderId).orElse(null);
		Conversation newer = conversations.findById(newerId).orElse(null);
		if (older == null || newer == null) {
			return;
		}
		if (older.customerId() != newer.customerId() || older.inboxId() != newer.inboxId()) {
			older.refuseJoin(newer.id());
			newer.refuseJoin(older.id());
			conversations.save(older, null);
			conversations.save(newer, null);
			return;
		}
		older.absorb(newer);
		newer.joinInto(older.id());
		messages.move(newer.id(), older.id());
		conversations.joined(older.id(), newer.id());
		conversations.save(older, null);
		conversations.save(newer, null);
	}

}
