package org.parlons.conversations;

import java.util.Optional;

import org.parlons.customers.Identity;

/**
 * The channels on which an agent may write first, as the channels module knows them: a
 * new conversation by email, by SMS or by a WhatsApp template.
 */
public interface OutboundChannels {

	/**
	 * How a new conversation in this inbox addresses the customer (an email address or a
	 * phone number); empty when agents cannot start one there.
	 */
	Optional<Identity.Kind> addressedBy(Inbox inbox);

}
