package org.parlons.channels.widget;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Crypto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Web chat visitors and their tokens. A visitor token is {@code visitorKey.signature}:
 * the browser keeps it (it may be read by the page, it cannot be forged), and it names
 * the visitor, never a customer id.
 */
@Repository
class WidgetVisitors {

	/** A known visitor of one widget inbox. */
	record Visitor(long id, long inboxId, String key, long customerId, @Nullable String email,
			@Nullable String verifiedUser) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	WidgetVisitors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	static String newKey() {
		return Crypto.randomToken(18);
	}

	static String token(String secret, long inboxId, String key) {
		return key + "." + hmac(secret, inboxId + ":" + key);
	}

	/** The visitor key inside a token whose signature holds, if it does. */
	static Optional<String> keyOf(String secret, long inboxId, @Nullable String token) {
		if (token == null) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String key = token.substring(0, dot);
		return Crypto.sameText(hmac(secret, inboxId + ":" + key), token.substring(dot + 1)) ? Optional.of(key)
				: Optional.empty();
	}

	/**
	 * HMAC-SHA256 in hex: also what a company's site computes over a user id for identity
	 * verification.
	 */
	static String hmac(String secret, String value) {
		return Crypto.hmacSha256Hex(secret, value.getBytes(StandardCharsets.UTF_8));
	}

	Optional<Visitor> find(long inboxId, String key) {
		return jdbc
			.sql("select id, inbox_id, visitor_key, customer_id, email, verified_user from widget_visitor "
					+ "where inbox_id = ? and visitor_key = ?")
			.params(inboxId, key)
			.query(WidgetVisitors::map)
			.optional();
	}

	List<Visitor> ofCustomer(long inboxId, long customerId) {
		return jdbc
			.sql("select id, inbox_id, visitor_key, customer_id, email, verified_user from widget_visitor "
					+ "where inbox_id = ? and customer_id = ?")
			.params(inboxId, customerId)
			.query(WidgetVisitors::map)
			.list();
	}

	void create(long inboxId, String key, long customerId, @Nullable String verifiedUser) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql(
				"insert into widget_visitor (inbox_id, visitor_key, customer_id, verified_user, created_at, last_seen_at) "
						+ "values (?, ?, ?, ?, ?, ?)")
			.params(inboxId, key, customerId, verifiedUser, now, now)
			.update();
	}

	void seen(long visitorId) {
		jdbc.sql("update widget_visitor set last_seen_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), visitorId)
			.update();
	}

	void leaveEmail(long visitorId, String email) {
		jdbc.sql("update widget_visitor set email = ? where id = ?").params(email, visitorId).update();
	}

	private static Visitor map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Visitor(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
				rs.getString(6));
	}

	/**
	 * An erased customer's visitors keep their key (their browser) and lose who they said
	 * they were.
	 */
	@org.springframework.context.event.EventListener
	void on(org.parlons.customers.CustomerErasing event) {
		jdbc.sql("update widget_visitor set email = null, verified_user = null where customer_id in (:ids)")
			.param("ids", java.util.List.copyOf(event.profileIds()))
			.update();
	}

}
