package org.parlons.conversations;

/**
 * The life of a message: inbound ones are received; outbound ones are queued, then sent or failed.
 */
public final class MessageStatus {

	public static final String RECEIVED = "received";

	public static final String QUEUED = "queued";

	public static final String SENT = "sent";

	public static final String FAILED = "failed";

	private MessageStatus() {
	}

}
