package org.parlons.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The server's clock: UTC, and the system's time unless a seeder sets it back. Only the
 * demo does, while it writes 90 days of history through the real paths, so that every row
 * (messages, timelines, audit, replies) carries the time the story says; it sets it back
 * to the present when done. Never later than the real time.
 */
public final class TravellingClock extends Clock {

	private volatile Duration behind = Duration.ZERO;

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), behind.negated());
	}

	@Override
	public Instant instant() {
		return Instant.now().minus(behind);
	}

	/**
	 * From now on the clock reads this moment, then runs on; a time to come is refused.
	 */
	public void setTo(Instant moment) {
		Duration back = Duration.between(moment, Instant.now());
		if (back.isNegative()) {
			throw new IllegalArgumentException("The clock is never set to a time to come: " + moment);
		}
		behind = back;
	}

	/** Back to the real time. */
	public void present() {
		behind = Duration.ZERO;
	}

}
