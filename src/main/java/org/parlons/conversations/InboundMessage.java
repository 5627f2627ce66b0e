package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Author;

/**
 * A message as any channel hands it over, already normalised: who wrote it, where, and what.
 */
public record InboundMessage(long inboxId, String externalId, Author author, String text, Instant sentAt,
		Visibility visibility, @Nullable String inReplyTo, @Nullable String subject, List<Attachment> attachments) {

	public static final int MAX_TEXT = 100_000;

	public InboundMessage {
		if (externalId.isBlank() || externalId.length() > 500) {
			throw new IllegalArgumentException("externalId needs between 1 and 500 characters");
		}
		if (text.length() > MAX_TEXT) {
			throw new IllegalArgumentException("text is limited to " + MAX_TEXT + " characters");
		}
		attachments = List.copyOf(attachments);
	}

}
