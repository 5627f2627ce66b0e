package org.parlons.channels.email;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One received mail, read: who, what, which thread, and what it carried.
 *
 * @param messageId the Message-ID with its angle brackets (a stable hash of the source
 * when absent)
 * @param text the body as plain text (the HTML part turned into text when there is no
 * plain one)
 * @param automated an auto-reply, a bounce or list traffic: never answered automatically
 * @param problems what could not be read, said plainly (an unknown charset, a broken
 * part)
 * @param replyTo the Reply-To address, where the sender wants answers
 * @param cc the Cc addresses
 */
record ParsedMail(String messageId, @Nullable String fromAddress, @Nullable String fromName, String subject,
		Instant sentAt, @Nullable String inReplyTo, List<String> references, String text, List<Part> parts,
		boolean automated, List<String> problems, @Nullable String replyTo, List<String> cc) {

	/** An attachment or inline image, its bytes already decoded. */
	record Part(String name, String contentType, byte[] bytes, long size, boolean inline) {
	}

}
