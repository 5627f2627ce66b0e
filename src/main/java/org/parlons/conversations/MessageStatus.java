package org.parlons.conversations;

/**
 * The life of a message: inbound ones are received; outbound ones are queued, then sent or failed;
 * a reply beyond its author's mandate is pending approval first, then queued or rejected.
 */
public final class MessageStatus {

	public static final String RECEIVED = "received";

	public static final String QUEUED = "queued";

	public static final String SENT = "sent";

	public static final String FAILED = "failed";

	/** The network says the reply reached the customer's device (WhatsApp, SMS). */
	public static final String DELIVERED = "delivered";

	/** The network says the customer read it. */
	public static final String READ = "read";

	/** An outbound reply held until someone entitled approves it. */
	public static final String PENDING_APPROVAL = "pending_approval";

	/** A held reply the approver turned down: never sent. */
	public static final String REJECTED = "rejected";

	private MessageStatus() {
	}

}
