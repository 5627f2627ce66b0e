package org.parlons.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.CustomerErasing;
import org.parlons.platform.Crypto;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.privacy.PrivacyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access a customer gives someone they name (an app, an advisor, a personal agent):
 * scoped to their requests, contracts or consumption, expiring if they wish, revoked at
 * once. The grantee reads with a token shown once and kept only as its hash; every read
 * is logged for the customer to see.
 */
@Service
public class Grants {

	public static final Set<String> SCOPES = Set.of("requests:read", "contracts:read", "consumption:read");

	/**
	 * A grant.
	 *
	 * @param id its number
	 * @param customerId the customer who gave it
	 * @param grantee who it was given to, as the customer named them
	 * @param scopes what it may read
	 * @param createdAt when it was given
	 * @param expiresAt when it ends by itself, if it does
	 * @param revokedAt when the customer revoked it
	 * @param reads its reads, newest first (in a customer's list)
	 */
	public record Grant(long id, long customerId, String grantee, List<String> scopes, Instant createdAt,
			@Nullable Instant expiresAt, @Nullable Instant revokedAt, List<Read> reads) {

		public boolean liveAt(Instant now) {
			return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
		}

	}

	/**
	 * One read through a grant.
	 *
	 * @param at when
	 * @param resource what: "requests", "contracts", "consumption"
	 * @param items how many items it answered
	 */
	public record Read(Instant at, String resource, int items) {
	}

	/**
	 * A grant just given, with its token (shown this once).
	 *
	 * @param id its number
	 * @param token the Bearer token the grantee reads with
	 */
	public record Given(long id, String token) {
	}

	/** Whom a live token speaks for. */
	public record Holder(long grantId, long customerId, Set<String> scopes) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Grants(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Given give(long customerId, String grantee, List<String> scopes, @Nullable Instant expiresAt) {
		String name = grantee == null ? "" : grantee.strip();
		if (name.isEmpty() || name.length() > 200) {
			throw Refusals.invalid("grant.grantee", "Name who you give access to, in 1 to 200 characters");
		}
		Set<String> kept = new LinkedHashSet<>(scopes == null ? List.of() : scopes);
		if (kept.isEmpty() || !SCOPES.containsAll(kept)) {
			throw Refusals.invalid("grant.scopes", "Scopes are requests:read, contracts:read and consumption:read");
		}
		Instant now = clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw Refusals.invalid("grant.expiry", "An access ends in the future");
		}
		String token = "pg_" + Crypto.randomToken(32);
		jdbc.sql("insert into data_grant (customer_id, grantee, scopes, token_hash, created_at, expires_at) "
				+ "values (?, ?, ?, ?, ?, ?)")
			.params(customerId, name, String.join(" ", kept), Crypto.sha256Hex(token), Timestamp.from(now),
					expiresAt == null ? null : Timestamp.from(expiresAt))
			.update();
		long id = jdbc.sql("select id from data_grant where token_hash = ?")
			.param(Crypto.sha256Hex(token))
			.query(Long.class)
			.single();
		events.publishEvent(new PrivacyEvent("grant.given", customerId, "#" + id + " " + String.join(" ", kept), null));
		return new Given(id, token);
	}

	/** Revokes a grant of one of these profiles at once (404 for anyone else's). */
	@Transactional
	public void revoke(Set<Long> profiles, long grantId) {
		Grant grant = find(grantId).filter(g -> profiles.contains(g.customerId()))
			.orElseThrow(() -> new NotFoundException("No grant " + grantId));
		jdbc.sql("update data_grant set revoked_at = ? where id = ? and revoked_at is null")
			.params(Timestamp.from(clock.instant()), grantId)
			.update();
		events.publishEvent(new PrivacyEvent("grant.revoked", grant.customerId(), "#" + grantId, null));
	}

	/** The grants these profiles gave, with their reads, newest first. */
	public List<Grant> of(Set<Long> profiles) {
		return jdbc.sql(SELECT + " where customer_id in (:ids) order by created_at desc, id desc")
			.param("ids", List.copyOf(profiles))
			.query((rs, n) -> grant(rs, true))
			.list();
	}

	/** Whom a token speaks for, while its grant lives. */
	public Optional<Holder> holder(String token) {
		Instant now = clock.instant();
		return jdbc.sql(SELECT + " where token_hash = ?")
			.param(Crypto.sha256Hex(token))
			.query((rs, n) -> grant(rs, false))
			.optional()
			.filter(g -> g.liveAt(now))
			.map(g -> new Holder(g.id(), g.customerId(), Set.copyOf(g.scopes())));
	}

	/** Logs a read through a grant. */
	public void logRead(long grantId, String resource, int items) {
		jdbc.sql("insert into data_grant_access (grant_id, at, resource, items) values (?, ?, ?, ?)")
			.params(grantId, Timestamp.from(clock.instant()), resource, items)
			.update();
	}

	/** An erased customer's grants end, and forget whom they named. */
	@EventListener
	void on(CustomerErasing event) {
		jdbc.sql(
				"update data_grant set grantee = '', revoked_at = coalesce(revoked_at, :at) where customer_id in (:ids)")
			.param("at", Timestamp.from(clock.instant()))
			.param("ids", List.copyOf(event.profileIds()))
			.update();
	}

	private Optional<Grant> find(long id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> grant(rs, false)).optional();
	}

	private Grant grant(java.sql.ResultSet rs, boolean withReads) throws java.sql.SQLException {
		long id = rs.getLong(1);
		Timestamp expires = rs.getTimestamp(6);
		Timestamp revoked = rs.getTimestamp(7);
		List<Read> reads = withReads ? jdbc
			.sql("select at, resource, items from data_grant_access where grant_id = ? order by at desc, id desc "
					+ "fetch first 50 rows only")
			.param(id)
			.query((r, n) -> new Read(r.getTimestamp(1).toInstant(), r.getString(2), r.getInt(3)))
			.list() : List.of();
		return new Grant(id, rs.getLong(2), rs.getString(3), Arrays.asList(rs.getString(4).split(" ")),
				rs.getTimestamp(5).toInstant(), expires == null ? null : expires.toInstant(),
				revoked == null ? null : revoked.toInstant(), reads);
	}

	private static final String SELECT = "select id, customer_id, grantee, scopes, created_at, expires_at, revoked_at "
			+ "from data_grant";

}
