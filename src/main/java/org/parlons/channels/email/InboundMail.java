package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.platform.BlobStore;
import org.springframework.stereotype.Component;

/**
 * Turns a read mail into the normalised inbound message every channel hands to ingestion:
 * the sender as author, the new part of the text (the whole mail kept beside), the thread
 * references and the conversation token of the subject, attachments stored.
 */
@Component
class InboundMail {

	private final BlobStore blobs;

	private final ConversationTokens tokens;

	InboundMail(BlobStore blobs, ConversationTokens tokens) {
		this.blobs = blobs;
		this.tokens = tokens;
	}

	InboundMessage of(long inboxId, ParsedMail mail) {
		List<Attachment> attachments = new ArrayList<>();
		for (ParsedMail.Part part : mail.parts()) {
			String url = part.bytes().length == 0 && part.size() > 0 ? null : "blob:" + blobs.put(part.bytes());
			attachments.add(new Attachment(part.name(), part.contentType(), part.size(), url));
		}
		String full = mail.text();
		String visible = ReplyText.visible(full);
		if (!mail.problems().isEmpty()) {
			String note = "\n\n[Parlons] " + String.join("\n[Parlons] ", mail.problems());
			visible += note;
			full += note;
		}
		if (visible.length() > InboundMessage.MAX_TEXT) {
			visible = visible.substring(0, InboundMessage.MAX_TEXT - 40) + "\n[Parlons] text cut, see the full mail";
		}
		if (full.length() > InboundMessage.MAX_TEXT * 10) {
			full = full.substring(0, InboundMessage.MAX_TEXT * 10);
		}
		String subject = mail.subject().length() > 480 ? mail.subject().substring(0, 480) : mail.subject();
		return new InboundMessage(inboxId, mail.messageId(), author(inboxId, mail), visible, mail.sentAt(),
				Visibility.PRIVATE, mail.inReplyTo(), subject.isEmpty() ? null : subject, attachments,
				new InboundMessage.Details(mail.references(), tokens.in(subject), false, mail.automated(),
						full.equals(visible) ? null : full, null, null,
						mail.replyTo() != null ? mail.replyTo() : mail.fromAddress(), mail.cc()));
	}

	private static Author author(long inboxId, ParsedMail mail) {
		if (mail.fromAddress() == null) {
			// No usable sender: a profile of its own, found again only through this very
			// mail.
			return new Author("Unknown sender",
					List.of(Identity.external("inbox:" + inboxId, "mail " + mail.messageId())));
		}
		try {
			return new Author(mail.fromName(), List.of(Identity.email(mail.fromAddress())));
		}
		catch (IllegalArgumentException ex) {
			return new Author(mail.fromName(), List.of(Identity.external("inbox:" + inboxId, mail.fromAddress())));
		}
	}

}
