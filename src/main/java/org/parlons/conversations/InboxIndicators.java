package org.parlons.conversations;

import java.util.Collection;
import java.util.Map;

/**
 * A figure another module computes for each inbox and the inbox list shows beside it (the
 * listening module counts public complaints nobody answered yet).
 */
public interface InboxIndicators {

	/** Per inbox id, a short count; inboxes with nothing to say are left out. */
	Map<Long, Integer> of(Collection<Long> inboxIds);

	/** The message key of the figure's label, with the count as its argument. */
	String labelKey();

}
