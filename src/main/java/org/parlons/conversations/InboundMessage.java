package org.parlons.conversations;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Author;

/**
 * A message as any channel hands it over, already normalised: who wrote it, where, and
 * what.
 */
public record InboundMessage(long inboxId, String externalId, Author author, String text, Instant sentAt,
		Visibility visibility, @Nullable String inReplyTo, @Nullable String subject, List<Attachment> attachments,
		Details details) {

	public static final int MAX_TEXT = 100_000;

	/**
	 * What some channels know besides the basics.
	 *
	 * @param references earlier messages this one answers, most recent last (email
	 * {@code References})
	 * @param conversationToken a conversation our own reply named (email subject
	 * {@code [#123]})
	 * @param joinsOpenConversation without a reference, whether the message joins the
	 * customer's open conversation in the inbox (chat, API) or opens a new one (email: a
	 * new subject is a new matter)
	 * @param automated written by a machine: auto-reply, bounce, mailing list
	 * @param fullText the whole message when {@code text} is only its new part
	 * @param placement where on a social network the message lives
	 * @param post the post a comment belongs to
	 * @param answerTo where an answer goes when it is not the author's known address (an
	 * email's Reply-To, else its From)
	 * @param copies who else the message was addressed to, kept on the answer (an email's
	 * Cc)
	 */
	public record Details(List<String> references, @Nullable Long conversationToken, boolean joinsOpenConversation,
			boolean automated, @Nullable String fullText, @Nullable Placement placement, @Nullable Post post,
			@Nullable String answerTo, List<String> copies) {

		public static final Details NONE = new Details(List.of(), null, true, false, null, null, null);

		public Details {
			references = List.copyOf(references);
			copies = List.copyOf(copies);
		}

		public Details(List<String> references, @Nullable Long conversationToken, boolean joinsOpenConversation,
				boolean automated, @Nullable String fullText, @Nullable Placement placement, @Nullable Post post) {
			this(references, conversationToken, joinsOpenConversation, automated, fullText, placement, post, null,
					List.of());
		}

		public Details(List<String> references, @Nullable Long conversationToken, boolean joinsOpenConversation,
				boolean automated, @Nullable String fullText) {
			this(references, conversationToken, joinsOpenConversation, automated, fullText, null, null);
		}

		/**
		 * A social network message: it joins the customer's open conversation unless it
		 * answers another.
		 */
		public static Details social(Placement placement, @Nullable Post post) {
			return new Details(List.of(), null, true, false, null, placement, post);
		}

	}

	public InboundMessage(long inboxId, String externalId, Author author, String text, Instant sentAt,
			Visibility visibility, @Nullable String inReplyTo, @Nullable String subject, List<Attachment> attachments) {
		this(inboxId, externalId, author, text, sentAt, visibility, inReplyTo, subject, attachments, Details.NONE);
	}

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
