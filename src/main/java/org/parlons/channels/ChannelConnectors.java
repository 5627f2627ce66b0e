package org.parlons.channels;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The connectors this installation offers, by channel name.
 */
@Component
public class ChannelConnectors {

	private final Map<String, ChannelConnector> byChannel;

	ChannelConnectors(List<ChannelConnector> connectors) {
		this.byChannel = connectors.stream().collect(Collectors.toMap(ChannelConnector::channel, Function.identity()));
	}

	public Optional<ChannelConnector> of(String channel) {
		return Optional.ofNullable(byChannel.get(channel));
	}

	public java.util.Set<String> channels() {
		return new java.util.TreeSet<>(byChannel.keySet());
	}

}
