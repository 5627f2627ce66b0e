package org.parlons.platform;

import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The zone times are shown in: the reader's own, else the server's
 * ({@code parlons.time-zone}).
 */
@Component
public class Zones {

	private final PlatformSettings settings;

	private final ObjectProvider<ReaderZone> reader;

	Zones(PlatformSettings settings, ObjectProvider<ReaderZone> reader) {
		this.settings = settings;
		this.reader = reader;
	}

	public ZoneId current() {
		ReaderZone zone = reader.getIfAvailable();
		return zone == null ? settings.timeZone() : zone.current().orElse(settings.timeZone());
	}

}
