package org.parlons.portal;

import java.util.Map;

import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.stereotype.Component;

/**
 * The inbox new requests from the customer space open in: the first live inbox of the
 * "portal" channel (an administrator may make it, and give it a team), else one made when
 * first needed.
 */
@Component
public class PortalInbox {

	public static final String CHANNEL = "portal";

	/**
	 * The setting of a portal inbox kept for another purpose (the representatives'): new
	 * requests never open there.
	 */
	public static final String PURPOSE = "purpose";

	private final Inboxes inboxes;

	private final PortalSettings settings;

	PortalInbox(Inboxes inboxes, PortalSettings settings) {
		this.inboxes = inboxes;
		this.settings = settings;
	}

	synchronized Inbox get() {
		return inboxes.findAll()
			.stream()
			.filter(i -> CHANNEL.equals(i.channel()) && !i.deleted() && i.settings().get(PURPOSE) == null)
			.findFirst()
			.orElseGet(() -> inboxes.create(settings.inboxName(), CHANNEL, Map.of(), true));
	}

}
