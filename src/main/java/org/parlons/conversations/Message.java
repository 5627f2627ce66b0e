package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, inbound ("in") or outbound ("out"), with the channel's own id.
 */
public record Message(long id, long conversationId, long inboxId, String externalId, String direction,
		Visibility visibility, @Nullable String authorName, @Nullable Long agentId, String text, String status,
		@Nullable String inReplyTo, List<Attachment> attachments, Instant sentAt) {

	public static final String IN = "in";

	public static final String OUT = "out";

	public boolean inbound() {
		return IN.equals(direction);
	}

}
