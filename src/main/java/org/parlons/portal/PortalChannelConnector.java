package org.parlons.portal;

import java.util.Map;

import org.parlons.channels.ChannelConnector;
import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Deliveries;
import org.springframework.stereotype.Component;

/**
 * The customer space as a channel: a reply to a request opened there is delivered by
 * being there, where the customer reads it, and a mail tells them so unless they chose
 * otherwise.
 */
@Component
class PortalChannelConnector implements ChannelConnector {

	private final AnswerNotices notices;

	PortalChannelConnector(AnswerNotices notices) {
		this.notices = notices;
	}

	@Override
	public String channel() {
		return PortalInbox.CHANNEL;
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		return settings;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		notices.answered(outgoing.customer().id(), outgoing.conversation().id(), outgoing.conversation().subject());
		return new DeliveryResult.Sent("portal-reply:" + outgoing.message().id());
	}

}
