package org.parlons.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Locks an account name after repeated failed sign-ins for a while, so passwords cannot
 * be guessed at speed. Kept in memory: a restart forgives, which is an acceptable trade
 * for a single node.
 */
@Component
class LoginThrottle {

	private record Failures(int count, Instant firstAt, Instant lockedUntil) {
	}

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	private final int maxFailures;

	private final Duration lock;

	private final Clock clock;

	LoginThrottle(SecuritySettings settings, Clock clock) {
		this.maxFailures = settings.login().maxFailures();
		this.lock = settings.login().lock();
		this.clock = clock;
	}

	/** How long the name stays locked, or zero when it may try. */
	Duration lockedFor(String username) {
		Failures f = failures.get(key(username));
		if (f == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(clock.instant(), f.lockedUntil());
		return left.isNegative() ? Duration.ZERO : left;
	}

	void failed(String username) {
		Instant now = clock.instant();
		failures.compute(key(username), (k, f) -> {
			if (f == null || f.firstAt().plus(lock).isBefore(now)) {
				f = new Failures(0, now, Instant.EPOCH);
			}
			int count = f.count() + 1;
			Instant lockedUntil = count >= maxFailures ? now.plus(lock) : f.lockedUntil();
			return new Failures(count, f.firstAt(), lockedUntil);
		});
		if (failures.size() > 100_000) {
			failures.entrySet().removeIf(e -> e.getValue().firstAt().plus(lock).isBefore(now));
		}
	}

	void succeeded(String username) {
		failures.remove(key(username));
	}

	private static String key(String username) {
		return username.trim().toLowerCase(Locale.ROOT);
	}

}
