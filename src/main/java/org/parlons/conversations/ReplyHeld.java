package org.parlons.conversations;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A reply was stored but held for approval: governance records what approval it needs.
 * Published inside the transaction that stored the reply.
 */
public record ReplyHeld(long messageId, long conversationId, long inboxId, long agentId, String reason,
		@Nullable BigDecimal amount, @Nullable String currency, String text) implements ConversationChanged {

	@Override
	public String what() {
		return "held";
	}

	@Override
	public Line line() {
		return Line.of("held-for-approval", reason);
	}

}
