package org.parlons.channels;

import java.util.Optional;

import org.parlons.conversations.Inbox;
import org.parlons.conversations.OutboundChannels;
import org.parlons.customers.Identity;
import org.springframework.stereotype.Component;

/**
 * Tells the conversations module which inboxes an agent may write first from: those whose
 * connector addresses customers by email or phone.
 */
@Component
class ChannelOutbound implements OutboundChannels {

	private final ChannelConnectors connectors;

	ChannelOutbound(ChannelConnectors connectors) {
		this.connectors = connectors;
	}

	@Override
	public Optional<Identity.Kind> addressedBy(Inbox inbox) {
		return connectors.of(inbox.channel()).map(ChannelConnector::addressedBy);
	}

}
