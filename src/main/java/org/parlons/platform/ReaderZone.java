package org.parlons.platform;

import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone the person reading has chosen, if any (the agents module knows who is
 * reading); {@link Zones} falls back to the server's.
 */
public interface ReaderZone {

	Optional<ZoneId> current();

}
