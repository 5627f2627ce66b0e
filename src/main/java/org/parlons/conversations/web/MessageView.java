package org.parlons.conversations.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Message;

/**
 * A message as the API shows it.
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
