package org.parlons.channels;

import org.parlons.channels.email.EmailChannelConnector;
import org.parlons.conversations.Inbox;
import org.springframework.stereotype.Service;

/**
 * Messages the server writes on its own to a customer, outside any conversation's thread
 * (a satisfaction survey…), sent through an inbox of theirs: for now by mail, through an
 * email inbox's own mailbox, so that the customer recognises the sender.
 */
@Service
public class Notices {

	private final EmailChannelConnector email;

	Notices(EmailChannelConnector email) {
		this.email = email;
	}

	/**
	 * Mails {@code text} to {@code to} through the mailbox of an email inbox.
	 * @throws IllegalArgumentException when the inbox is not an email inbox
	 */
	public DeliveryResult mail(Inbox mailbox, String to, String subject, String text) {
		if (!"email".equals(mailbox.channel())) {
			throw new IllegalArgumentException("inbox " + mailbox.id() + " is not an email inbox");
		}
		return email.notice(mailbox, to, subject, text);
	}

}
