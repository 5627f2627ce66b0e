package org.parlons.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in links and customers' sessions. Only the SHA-256 of a token is kept: a copy of
 * the database signs nobody in. A link is spent by the one statement that marks it used,
 * so two clicks at once sign in once.
 */
@Repository
class PortalAccess {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final org.parlons.platform.Leases leases;

	PortalAccess(JdbcClient jdbc, Clock clock, org.parlons.platform.Leases leases) {
		this.leases = leases;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new single-use link's token for the customer, valid for {@code validity}. */
	String issueLink(long customerId, @Nullable Long issuedBy, Duration validity) {
		String token = Crypto.randomToken(32);
		Instant now = clock.instant();
		jdbc.sql("insert into portal_link (token_hash, customer_id, issued_by, expires_at, created_at) "
				+ "values (?, ?, ?, ?, ?)")
			.params(Crypto.sha256Hex(token), customerId, issuedBy, Timestamp.from(now.plus(validity)),
					Timestamp.from(now))
			.update();
		return token;
	}

	/** Spends a link: the customer it was for, if it was unused and unexpired. */
	@Transactional
	Optional<Long> spendLink(String token) {
		String hash = Crypto.sha256Hex(token);
		Instant now = clock.instant();
		int spent = jdbc
			.sql("update portal_link set used_at = ? where token_hash = ? and used_at is null and expires_at > ?")
			.params(Timestamp.from(now), hash, Timestamp.from(now))
			.update();
		if (spent == 0) {
			return Optional.empty();
		}
		return jdbc.sql("select customer_id from portal_link where token_hash = ?")
			.param(hash)
			.query(Long.class)
			.optional();
	}

	/** A new session's token for the customer. */
	String openSession(long customerId, Duration term) {
		String token = Crypto.randomToken(32);
		Instant now = clock.instant();
		jdbc.sql("insert into portal_session (token_hash, customer_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(Crypto.sha256Hex(token), customerId, Timestamp.from(now), Timestamp.from(now.plus(term)))
			.update();
		return token;
	}

	/** The customer of a live session. */
	Optional<Long> sessionOf(String token) {
		return jdbc.sql("select customer_id from portal_session where token_hash = ? and expires_at > ?")
			.params(Crypto.sha256Hex(token), Timestamp.from(clock.instant()))
			.query(Long.class)
			.optional();
	}

	void closeSession(String token) {
		jdbc.sql("delete from portal_session where token_hash = ?").param(Crypto.sha256Hex(token)).update();
	}

	/**
	 * Forgets lapsed sessions, and links a day after they lapsed (the hourly limit on
	 * mailed links counts them until then).
	 */
	int purge() {
		Instant now = clock.instant();
		return jdbc.sql("delete from portal_link where expires_at < ?")
			.param(Timestamp.from(now.minus(Duration.ofDays(1))))
			.update() + jdbc.sql("delete from portal_session where expires_at < ?").param(Timestamp.from(now)).update();
	}

	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purgeHourly() {
		if (leases.hold("job:portal-purge")) {
			purge();
		}
	}

	/**
	 * An erased customer is signed out everywhere: their links and sessions go, with the
	 * choices they made in their space.
	 */
	@org.springframework.context.event.EventListener
	void on(org.parlons.customers.CustomerErasing event) {
		java.util.List<Long> ids = java.util.List.copyOf(event.profileIds());
		jdbc.sql("delete from portal_link where customer_id in (:ids)").param("ids", ids).update();
		jdbc.sql("delete from portal_session where customer_id in (:ids)").param("ids", ids).update();
		jdbc.sql("delete from portal_preference where customer_id in (:ids)").param("ids", ids).update();
	}

}
