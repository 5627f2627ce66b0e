package org.parlons.conversations.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Message;

/**
 * A message as the API shows it.
 *
 * @param id the message's number in Parlons
 * @param conversationId the conversation it belongs to
 * @param externalId the channel's own id (for email the Message-ID with its angle
 * brackets; "parlons-…" until the channel gives one)
 * @param direction "in" from the customer, "out" from the brand
 * @param text the text, for email without the quoted history
 * @param sentAt when it was written (the channel's time for inbound messages)
 * @param visibility "public" (a comment, a post) or "private" (a direct message, a mail)
 * @param authorName who wrote it: the customer, or the persona the brand spoke as
 * @param agentId the agent who wrote an outbound message
 * @param status "received", "queued", "pending_approval", "sent", "delivered", "read",
 * "rejected" or "failed"
 * @param inReplyTo the external id of the message it answers, when the channel says
 * @param attachments the files it carries
 * @param fullText the whole text as received, quoted history included (email)
 * @param automated an automatic message (an out-of-office reply, a delivery report)
 * @param placement where it sits on a network: "comment", "mention", "direct" or "group"
 * @param threadRef the network's post or thread it belongs to
 * @param moderation what was done to it on the network: "hidden", "deleted", "liked"
 * @param persona the persona an outbound message spoke as: "brand", "agent" or
 * "representative"
 */
record MessageView(long id, long conversationId, String externalId, String direction, String text,
		OffsetDateTime sentAt, String visibility, @Nullable String authorName, @Nullable Long agentId, String status,
		@Nullable String inReplyTo, List<Attachment> attachments, @Nullable String fullText, boolean automated,
		@Nullable String placement, @Nullable String threadRef, @Nullable String moderation, @Nullable String persona) {

	static MessageView of(Message m) {
		return new MessageView(m.id(), m.conversationId(), m.externalId(), m.direction(), m.text(),
				m.sentAt().atOffset(ZoneOffset.UTC), m.visibility().api(), m.authorName(), m.agentId(),
				m.status().api(), m.inReplyTo(), m.attachments(), m.fullText(), m.automated(),
				m.placement() == null ? null : m.placement().api(), m.threadRef(), m.moderation(), m.persona());
	}

}
