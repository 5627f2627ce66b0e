package org.parlons.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.SharedState;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock an account: failures are counted
 * per account <em>and client address</em>, so five wrong passwords from one address never
 * stop the right one from another; past the allowed failures each further try from that
 * address waits, one second then doubling up to the longest wait. An address trying many
 * accounts is slowed the same way on its own count. A success forgets the pair; an admin
 * can forget an account's failures. Names that do not exist are counted like the others,
 * so the answers say nothing about which accounts exist. Counted in the shared state: in
 * memory on one node (a restart forgives), in the database on several.
 */
@Component
class LoginThrottle {

	/** Failures of one address across accounts allowed before it is slowed on its own. */
	static final int ADDRESS_FACTOR = 5;

	/** Failures by key: their count, and when the last one was. */
	private final SharedState failures;

	private final int allowed;

	private final Duration longest;

	private final Clock clock;

	LoginThrottle(SecuritySettings settings, Clock clock, SharedState failures) {
		this.failures = failures;
		this.allowed = settings.login().maxFailures();
		this.longest = settings.login().lock();
		this.clock = clock;
	}

	/**
	 * How long this address must wait before trying this account again; zero when it may.
	 */
	Duration waitFor(String username, String address) {
		String pair = pair(username, address);
		String alone = address(address);
		return failures.change(List.of(pair, alone), stored -> {
			Duration forPair = waitOf(stored.get(pair), allowed);
			Duration forAddress = waitOf(stored.get(alone), allowed * ADDRESS_FACTOR);
			return forPair.compareTo(forAddress) >= 0 ? forPair : forAddress;
		});
	}

	void failed(String username, String address) {
		Instant now = clock.instant();
		failures.change(List.of(pair(username, address), address(address)), stored -> {
			for (String key : List.of(pair(username, address), address(address))) {
				SharedState.Entry f = stored.get(key);
				boolean stale = f == null || f.at().plus(longest).isBefore(now);
				stored.put(key, new SharedState.Entry(stale ? 1 : f.amount() + 1, now));
			}
			return null;
		});
	}

	void succeeded(String username, String address) {
		failures.change(List.of(pair(username, address)), stored -> stored.remove(pair(username, address)));
	}

	/** Forgets every failure counted against the account, from any address. */
	void forget(String username) {
		failures.removeStartingWith("u:" + key(username) + " ");
	}

	private Duration waitOf(SharedState.@Nullable Entry f, int free) {
		if (f == null || f.amount() < free) {
			return Duration.ZERO;
		}
		int over = (int) Math.min(30, f.amount() - free);
		Duration wait = Duration.ofSeconds(1L << over);
		if (wait.compareTo(longest) > 0) {
			wait = longest;
		}
		Duration left = Duration.between(clock.instant(), f.at().plus(wait));
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
