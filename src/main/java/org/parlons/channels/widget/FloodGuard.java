package org.parlons.channels.widget;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.parlons.channels.ChannelSettings;
import org.springframework.stereotype.Component;

/**
 * Token buckets against floods from the open internet. A bucket holds {@code burst}
 * tokens and gets {@code perMinute} back per minute. A visitor gets a small bucket; a
 * network address a larger one, as many people may share it (an office, a mobile
 * carrier).
 */
@Component
class FloodGuard {

	/** The size and the refill of one kind of bucket. */
	record Limit(String name, int burst, int perMinute) {
	}

	private static final class Bucket {

		double tokens;

		long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

	}

	final Limit visitorMessages;

	final Limit addressMessages;

	final Limit addressSessions;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	FloodGuard(Clock clock, ChannelSettings settings) {
		this.clock = clock;
		int visitorBurst = settings.widget().visitorBurst();
		int visitorPerMinute = settings.widget().visitorPerMinute();
		int addressPerMinute = settings.widget().addressPerMinute();
		this.visitorMessages = new Limit("visitor", visitorBurst, visitorPerMinute);
		this.addressMessages = new Limit("address", Math.max(visitorBurst, addressPerMinute / 5), addressPerMinute);
		this.addressSessions = new Limit("sessions", Math.max(10, addressPerMinute / 10), addressPerMinute / 2);
	}

	/**
	 * Takes a token from the bucket of each (limit, key); false, and nothing taken, when
	 * one is empty.
	 */
	boolean allow(Limit first, String firstKey, Limit second, String secondKey) {
		long now = clock.millis();
		synchronized (buckets) {
			if (buckets.size() > 100_000) {
				buckets.clear(); // a crude bound on memory under an address-spraying
									// flood
			}
			Bucket a = refill(first, firstKey, now);
			Bucket b = second == null ? null : refill(second, secondKey, now);
			if (a.tokens < 1 || b != null && b.tokens < 1) {
				return false;
			}
			a.tokens -= 1;
			if (b != null) {
				b.tokens -= 1;
			}
			return true;
		}
	}

	boolean allow(Limit limit, String key) {
		return allow(limit, key, null, null);
	}

	/** Seconds until a visitor may send again, for {@code Retry-After}. */
	long retryAfterSeconds() {
		return Math.max(1, 60 / Math.max(1, visitorMessages.perMinute()));
	}

	private Bucket refill(Limit limit, String key, long now) {
		Bucket b = buckets.computeIfAbsent(limit.name() + ":" + key, k -> new Bucket(limit.burst(), now));
		b.tokens = Math.min(limit.burst(), b.tokens + (now - b.at) / 60_000.0 * limit.perMinute());
		b.at = now;
		return b;
	}

}
