package org.parlons.conversations;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, inbound ("in") or outbound ("out"), with the channel's
 * own id. {@code text} is what the agent reads; {@code fullText}, when present, is the
 * whole message it was cut from (quoted history and signature included).
 * {@code automated}: written by a machine (auto-reply, bounce, mailing list), never to be
 * answered automatically.
 */
public record Message(long id, long conversationId, long inboxId, String externalId, String direction,
		Visibility visibility, @Nullable String authorName, @Nullable Long agentId, String text, MessageStatus status,
		@Nullable String inReplyTo, List<Attachment> attachments, Instant sentAt, @Nullable String fullText,
		boolean automated, @Nullable Placement placement, @Nullable String threadRef, @Nullable String moderation,
		@Nullable String persona, @Nullable String answerTo, List<String> copies) {

	/**
	 * Whether the brand did this to the message on its network (hidden, deleted, liked).
	 */
	public boolean moderated(String action) {
		return moderation != null && Arrays.asList(moderation.split(",")).contains(action);
	}

	public static final String IN = "in";

	public static final String OUT = "out";

	/**
	 * The prefix of the external id of a message the customer wrote in their customer
	 * space, whatever the conversation's channel.
	 */
	public static final String PORTAL_PREFIX = "portal:";

	/**
	 * The channel the message came through when it is not its inbox's: "portal" for what
	 * the customer wrote in their customer space; null otherwise.
	 */
	public @Nullable String via() {
		return externalId.startsWith(PORTAL_PREFIX) ? "portal" : null;
	}

	public boolean inbound() {
		return IN.equals(direction);
	}

}
