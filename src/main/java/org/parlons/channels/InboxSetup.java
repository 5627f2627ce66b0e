package org.parlons.channels;

import java.util.LinkedHashMap;
import java.util.Map;

import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and changes inboxes, letting the channel's connector check its settings first.
 */
@Service
public class InboxSetup {

	private final Inboxes inboxes;

	private final ChannelConnectors connectors;

	InboxSetup(Inboxes inboxes, ChannelConnectors connectors) {
		this.inboxes = inboxes;
		this.connectors = connectors;
	}

	@Transactional
	public Inbox create(String name, String channel, Map<String, Object> settings, boolean autoAssign) {
		ChannelConnector connector = connector(channel);
		return inboxes.create(name.strip(), channel, prepare(connector, settings), autoAssign);
	}

	@Transactional
	public Inbox update(long id, String name, Map<String, Object> changes, boolean autoAssign) {
		Inbox inbox = inboxes.findById(id).orElseThrow(() -> new NotFoundException("No inbox " + id));
		Map<String, Object> settings = new LinkedHashMap<>(inbox.settings());
		settings.putAll(changes);
		inboxes.update(id, name.strip(), prepare(connector(inbox.channel()), settings), autoAssign);
		return inboxes.findById(id).orElseThrow();
	}

	/** The inbox's settings as a person may see them: secrets masked unless {@code reveal}. */
	public Map<String, Object> shownSettings(Inbox inbox, boolean reveal) {
		Map<String, Object> shown = new LinkedHashMap<>(inbox.settings());
		if (!reveal) {
			connectors.of(inbox.channel())
				.ifPresent(c -> c.secretSettings().forEach(k -> shown.computeIfPresent(k, (key, v) -> "••••••")));
		}
		return shown;
	}

	private ChannelConnector connector(String channel) {
		return connectors.of(channel)
			.orElseThrow(() -> new InvalidRequestException("The channel '" + channel
					+ "' is not available in this installation; available: " + connectors.channels()));
	}

	private static Map<String, Object> prepare(ChannelConnector connector, Map<String, Object> settings) {
		try {
			return connector.prepare(settings);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
	}

}
