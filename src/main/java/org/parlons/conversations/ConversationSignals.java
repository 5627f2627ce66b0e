package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Short facts other modules show on a conversation (a service-level timer, for one): a
 * name, a state ({@code running}, {@code warning}, {@code met}, {@code breached}) and a
 * time when there is one.
 */
public interface ConversationSignals {

	List<Signal> of(long conversationId);

	/** One fact: {@code name} is a message key suffix, {@code state} a CSS class. */
	record Signal(String name, String state, @Nullable Instant at) {
	}

}
