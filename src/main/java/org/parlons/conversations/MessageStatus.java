package org.parlons.conversations;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The life of a message: inbound ones are received; outbound ones are queued, then sent
 * or failed, and the network may say later they were delivered and read; a reply beyond
 * its author's mandate is pending approval first, then queued or rejected. Stored and
 * shown in lower case.
 */
public enum MessageStatus {

	RECEIVED, QUEUED, SENT, FAILED,

	/** The network says the reply reached the customer's device (WhatsApp, SMS). */
	DELIVERED,

	/** The network says the customer read it. */
	READ,

	/** An outbound reply held until someone entitled approves it. */
	PENDING_APPROVAL,

	/** A held reply the approver turned down: never sent. */
	REJECTED;

	/**
	 * The stored statuses of replies that reached the customer, as an SQL list: the one
	 * definition of "answered" that queries share.
	 */
	static final String REACHED_CUSTOMER_SQL = java.util.Arrays.stream(values())
		.filter(MessageStatus::reachedCustomer)
		.map(s -> "'" + s.api() + "'")
		.collect(java.util.stream.Collectors.joining(", ", "(", ")"));

	public static MessageStatus of(String value) {
		return valueOf(value.strip().toUpperCase(Locale.ROOT));
	}

	@JsonValue
	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the customer was sent it: a reply the network accepted (sent, delivered,
	 * read); never one queued, held, rejected or failed.
	 */
	public boolean reachedCustomer() {
		return progress() > 0;
	}

	/**
	 * How far a reply went: sent, then delivered, then read; anything else is not on the
	 * way.
	 */
	public int progress() {
		return switch (this) {
			case SENT -> 1;
			case DELIVERED -> 2;
			case READ -> 3;
			default -> 0;
		};
	}

}
