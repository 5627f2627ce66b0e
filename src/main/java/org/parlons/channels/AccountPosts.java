package org.parlons.channels;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The brand's own posts on its accounts (not replies to anyone): handed to the outbox
 * that delivers replies, so they get its retries, backoff and lease, and sent by the
 * inbox's connector ({@link ChannelConnector#publish}). A post is known by a key its
 * caller chooses ("edition-12-inbox-3"): asking twice for one key posts once. The outbox
 * delivers at least once; the connectors make a repeat harmless where the network allows
 * (Mastodon's {@code Idempotency-Key}, a Bluesky record key chosen here).
 */
@Service
public class AccountPosts {

	/** Where a post stands. */
	public enum Status {

		/** In the outbox. */
		PENDING,

		/** On the network. */
		SENT,

		/** Refused for good, or given up. */
		FAILED

	}

	/**
	 * A post of the brand.
	 *
	 * @param id its number
	 * @param inboxId the account it goes out from
	 * @param key its caller's key
	 * @param text what it says
	 * @param link the address it shares, if any
	 * @param status where it stands
	 * @param externalId the network's id once sent
	 * @param url where it can be read once sent
	 * @param lastError what went wrong last
	 * @param createdAt when it was asked for
	 * @param publishedAt when it was sent
	 */
	public record Post(long id, long inboxId, String key, String text, @Nullable String link, Status status,
			@Nullable String externalId, @Nullable String url, @Nullable String lastError, Instant createdAt,
			@Nullable Instant publishedAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ChannelConnectors connectors;

	AccountPosts(JdbcClient jdbc, Clock clock, ChannelConnectors connectors) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.connectors = connectors;
	}

	/** The longest post the channel takes (0: it takes none), as it counts length. */
	public int limit(String channel) {
		return connectors.of(channel).map(ChannelConnector::postLimit).orElse(0);
	}

	/** The text's length as the channel counts it against {@link #limit}. */
	public int length(String channel, String text) {
		return connectors.of(channel).map(c -> c.length(text)).orElse(text.codePointCount(0, text.length()));
	}

	/**
	 * Puts a post in the outbox, in the caller's transaction: it goes out if and only if
	 * the caller commits.
	 * @return its number; the existing one when the key was already asked for
	 */
	@Transactional
	public long post(long inboxId, String key, String text, @Nullable String link) {
		Optional<Long> existing = idOf(key);
		if (existing.isPresent()) {
			return existing.get();
		}
		Timestamp now = Timestamp.from(clock.instant());
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into channel_post (inbox_id, post_key, text, link, status, created_at) "
				+ "values (?, ?, ?, ?, 'PENDING', ?)")
			.params(inboxId, key, text, link, now)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("insert into outbox (post_id, inbox_id, status, attempts, next_attempt_at, created_at) "
				+ "values (?, ?, 'PENDING', 0, ?, ?)")
			.params(id, inboxId, now, now)
			.update();
		return id;
	}

	private Optional<Long> idOf(String key) {
		return jdbc.sql("select id from channel_post where post_key = ?").param(key).query(Long.class).optional();
	}

	public Optional<Post> find(long id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query(AccountPosts::post).optional();
	}

	public List<Post> all(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where id = any(:ids) order by id")
			.param("ids", ids.toArray(Long[]::new))
			.query(AccountPosts::post)
			.list();
	}

	/** The outbox's word: it went out. */
	public void sent(long id, @Nullable String externalId, @Nullable String url) {
		jdbc.sql("update channel_post set status = 'SENT', external_id = ?, url = ?, last_error = null, "
				+ "published_at = ? where id = ?")
			.params(externalId, url, Timestamp.from(clock.instant()), id)
			.update();
	}

	/** The outbox's word: it will not go out, or not yet. */
	public void failed(long id, String reason, boolean forGood) {
		jdbc.sql("update channel_post set status = ?, last_error = ? where id = ?")
			.params(forGood ? "FAILED" : "PENDING", reason.length() > 2000 ? reason.substring(0, 2000) : reason, id)
			.update();
	}

	private static final String SELECT = "select id, inbox_id, post_key, text, link, status, external_id, url, "
			+ "last_error, created_at, published_at from channel_post";

	private static Post post(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp published = rs.getTimestamp(11);
		return new Post(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				Status.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9),
				rs.getTimestamp(10).toInstant(), published == null ? null : published.toInstant());
	}

}
