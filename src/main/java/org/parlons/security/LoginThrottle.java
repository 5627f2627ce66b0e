package org.parlons.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account: failures are counted
 * per account <em>and client address</em>, so five wrong passwords from one address never
 * stop the right one from another; past the allowed failures each further try from that
 * address waits, one second then doubling up to the longest wait. An address trying many
 * accounts is slowed the same way on its own count. A success forgets the pair; an admin
 * can forget an account's failures. Names that do not exist are counted like the others,
 * so the answers say nothing about which accounts exist. Kept in memory: a restart
 * forgives.
 */
@Component
class LoginThrottle {

	/** Failures of one address across accounts allowed before it is slowed on its own. */
	static final int ADDRESS_FACTOR = 5;

	private record Failures(int count, Instant lastAt) {
	}

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	private final int allowed;

	private final Duration longest;

	private final Clock clock;

	LoginThrottle(SecuritySettings settings, Clock clock) {
		this.allowed = settings.login().maxFailures();
		this.longest = settings.login().lock();
		this.clock = clock;
	}

	/**
	 * How long this address must wait before trying this account again; zero when it may.
	 */
	Duration waitFor(String username, String address) {
		Duration pair = waitOf(failures.get(pair(username, address)), allowed);
		Duration alone = waitOf(failures.get(address(address)), allowed * ADDRESS_FACTOR);
		return pair.compareTo(alone) >= 0 ? pair : alone;
	}

	void failed(String username, String address) {
		Instant now = clock.instant();
		count(pair(username, address), now);
		count(address(address), now);
		if (failures.size() > 100_000) {
			failures.entrySet().removeIf(e -> e.getValue().lastAt().plus(longest).isBefore(now));
		}
	}

	void succeeded(String username, String address) {
		failures.remove(pair(username, address));
	}

	/** Forgets every failure counted against the account, from any address. */
	void forget(String username) {
		String prefix = "u:" + key(username) + " ";
		failures.keySet().removeIf(k -> k.startsWith(prefix));
	}

	private void count(String key, Instant now) {
		failures.compute(key, (k, f) -> {
			boolean stale = f == null || f.lastAt().plus(longest).isBefore(now);
			return new Failures(stale ? 1 : f.count() + 1, now);
		});
	}

	private Duration waitOf(Failures f, int free) {
		if (f == null || f.count() < free) {
			return Duration.ZERO;
		}
		int over = Math.min(30, f.count() - free);
		Duration wait = Duration.ofSeconds(1L << over);
		if (wait.compareTo(longest) > 0) {
			wait = longest;
		}
		Duration left = Duration.between(clock.instant(), f.lastAt().plus(wait));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static String pair(String username, String address) {
		return "u:" + key(username) + " " + address;
	}

	private static String address(String address) {
		return "a:" + address;
	}

	private static String key(String username) {
		return username.trim().toLowerCase(Locale.ROOT);
	}

}
