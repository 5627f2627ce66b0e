package org.parlons.channels.widget;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.parlons.channels.ChannelSettings;
import org.parlons.platform.SharedState;
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

	final Limit visitorMessages;

	final Limit addressMessages;

	final Limit addressSessions;

	private final SharedState buckets;

	private final Clock clock;

	FloodGuard(Clock clock, ChannelSettings settings, SharedState buckets) {
		this.clock = clock;
		this.buckets = buckets;
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
	boolean allow(Limit first, String firstKey, @Nullable Limit second, @Nullable String secondKey) {
		Instant now = clock.instant();
		Map<String, Limit> limits = new LinkedHashMap<>();
		limits.put(first.name() + ":" + firstKey, first);
		if (second != null) {
			limits.put(second.name() + ":" + secondKey, second);
		}
		// shared by every node: two nodes never both spend a bucket's last token
		return buckets.change(limits.keySet(), stored -> {
			Map<String, Double> tokens = new LinkedHashMap<>();
			limits.forEach((key, limit) -> tokens.put(key, refilled(limit, stored.get(key), now)));
			if (tokens.values().stream().anyMatch(t -> t < 1)) {
				return false;
			}
			tokens.forEach((key, t) -> stored.put(key, new SharedState.Entry(t - 1, now)));
			return true;
		});
	}

	boolean allow(Limit limit, String key) {
		return allow(limit, key, null, null);
	}

	/** Seconds until a visitor may send again, for {@code Retry-After}. */
	long retryAfterSeconds() {
		return Math.max(1, 60 / Math.max(1, visitorMessages.perMinute()));
	}

	private static double refilled(Limit limit, SharedState.@Nullable Entry entry, Instant now) {
		if (entry == null) {
			return limit.burst();
		}
		double minutes = Math.max(0, now.toEpochMilli() - entry.at().toEpochMilli()) / 60_000.0;
		return Math.min(limit.burst(), entry.amount() + minutes * limit.perMinute());
	}

}
