package org.parlons.agents;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The inboxes an agent may see: all of them, or those of the agent's teams.
 */
public record InboxScope(boolean all, Set<Long> inboxIds) {

	public static final InboxScope ALL = new InboxScope(true, Set.of());

	public boolean includes(long inboxId) {
		return all || inboxIds.contains(inboxId);
	}

	/** Narrows to one requested inbox; empty when it lies outside the scope. */
	public InboxScope narrowTo(@Nullable Long inboxId) {
		if (inboxId == null) {
			return this;
		}
		return new InboxScope(false, includes(inboxId) ? Set.of(inboxId) : Set.of());
	}

}
