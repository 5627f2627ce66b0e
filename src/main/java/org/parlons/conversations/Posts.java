package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The social posts that public messages belong to, unique per inbox by the network's id. What a channel
 * learns later about a post (its text, its link) completes what was stored.
 */
@Repository
public class Posts {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	Posts(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
	}

	/** Stores posts not known yet and completes known ones with what is given (text, link, author). */
	public void saveAll(long inboxId, Collection<Post> posts) {
		if (posts.isEmpty()) {
			return;
		}
		Map<String, Post> byId = new LinkedHashMap<>();
		posts.forEach(p -> byId.merge(p.externalId(), p, (a, b) -> b.text() != null ? b : a));
		List<Post> unique = List.copyOf(byId.values());
		Timestamp now = Timestamp.from(clock.instant());
		jdbcTemplate.batchUpdate("insert into social_post (inbox_id, external_id, author_name, text, url, posted_at, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", unique, unique.size(), (ps, p) -> {
					ps.setLong(1, inboxId);
					ps.setString(2, p.externalId());
					ps.setString(3, p.authorName());
					ps.setString(4, p.text());
					ps.setString(5, p.url());
					ps.setTimestamp(6, p.postedAt() == null ? null : Timestamp.from(p.postedAt()));
					ps.setTimestamp(7, now);
				});
		// a description (with its text) completes what is stored; a bare reference never overwrites it
		List<Post> known = unique.stream().filter(p -> p.text() != null).toList();
		jdbcTemplate.batchUpdate("update social_post set text = coalesce(?, text), url = coalesce(?, url), "
				+ "author_name = coalesce(?, author_name) where external_id = ? and inbox_id = ?", known, known.size(),
				(ps, p) -> {
					ps.setString(1, p.text());
					ps.setString(2, p.url());
					ps.setString(3, p.authorName());
					ps.setString(4, p.externalId());
					ps.setLong(5, inboxId);
				});
	}

	/**
	 * Records one of the brand's own posts as the network showed it at {@code observedAt}: the post is stored
	 * (or completed) and marked as the brand's, and its figures of that moment kept beside the earlier ones.
	 * Observing again at the same moment replaces that moment's figures.
	 */
	@Transactional
	public void observe(long inboxId, Post post, PostMetrics metrics, Instant observedAt) {
		saveAll(inboxId, List.of(post));
		jdbc.sql("update social_post set own = true, posted_at = coalesce(posted_at, ?) where inbox_id = ? and external_id = ?")
			.params(post.postedAt() == null ? null : Timestamp.from(post.postedAt()), inboxId, post.externalId())
			.update();
		long id = jdbc.sql("select id from social_post where inbox_id = ? and external_id = ?")
			.params(inboxId, post.externalId())
			.query(Long.class)
			.single();
		Timestamp at = Timestamp.from(observedAt);
		jdbc.sql("delete from social_post_metric where post_id = ? and observed_at = ?").params(id, at).update();
		jdbc.sql("insert into social_post_metric (post_id, observed_at, likes, comments, shares, impressions, reach) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, at, metrics.likes(), metrics.comments(), metrics.shares(), metrics.impressions(), metrics.reach())
			.update();
	}

	/** Records how many people followed the inbox's account at {@code observedAt}. */
	@Transactional
	public void observeFollowers(long inboxId, long followers, Instant observedAt) {
		if (followers < 0) {
			throw new IllegalArgumentException("A follower count is not negative");
		}
		Timestamp at = Timestamp.from(observedAt);
		jdbc.sql("delete from inbox_followers where inbox_id = ? and observed_at = ?").params(inboxId, at).update();
		jdbc.sql("insert into inbox_followers (inbox_id, observed_at, followers) values (?, ?, ?)")
			.params(inboxId, at, followers)
			.update();
	}

	/** One of the brand's posts and its figures over time, oldest first. */
	public record Observed(long id, long inboxId, Post post, List<Snapshot> snapshots) {

		public Snapshot latest() {
			return snapshots.get(snapshots.size() - 1);
		}

	}

	/** A post's figures at one moment. */
	public record Snapshot(Instant at, PostMetrics metrics) {
	}

	/** A follower count of an inbox's account at one moment. */
	public record FollowerCount(long inboxId, Instant at, long followers) {
	}

	/**
	 * The brand's posts published from {@code from} (included) to {@code to} (excluded) in these inboxes (null:
	 * all), newest first, each with its figures; at most {@code limit} posts.
	 */
	public List<Observed> own(Instant from, Instant to, @Nullable Collection<Long> inboxIds, int limit) {
		if (inboxIds != null && inboxIds.isEmpty()) {
			return List.of();
		}
		Map<Long, Observed> posts = new LinkedHashMap<>();
		String inboxes = inboxIds == null ? "" : " and p.inbox_id = any(:inboxes)";
		var query = jdbc.sql("select p.id, p.inbox_id, p.external_id, p.text, p.url, p.author_name, p.posted_at from social_post p "
				+ "where p.own and p.posted_at >= :from and p.posted_at < :to" + inboxes
				+ " order by p.posted_at desc, p.id desc limit :limit")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit);
		if (inboxIds != null) {
			query = query.param("inboxes", inboxIds.toArray(Long[]::new));
		}
		query.query((rs, n) -> posts.put(rs.getLong(1), new Observed(rs.getLong(1), rs.getLong(2),
				new Post(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
						rs.getTimestamp(7).toInstant()), new java.util.ArrayList<>())))
			.list();
		if (posts.isEmpty()) {
			return List.of();
		}
		jdbc.sql("select post_id, observed_at, likes, comments, shares, impressions, reach from social_post_metric "
				+ "where post_id = any(:ids) order by post_id, observed_at")
			.param("ids", posts.keySet().toArray(Long[]::new))
			.query((rs, n) -> posts.get(rs.getLong(1)).snapshots().add(new Snapshot(rs.getTimestamp(2).toInstant(),
					new PostMetrics(figure(rs, 3), figure(rs, 4), figure(rs, 5), figure(rs, 6), figure(rs, 7)))))
			.list();
		return posts.values().stream().filter(p -> !p.snapshots().isEmpty()).toList();
	}

	/** Follower counts of these inboxes' accounts (null: all) observed from {@code from} to {@code to}, oldest first. */
	public List<FollowerCount> followers(Instant from, Instant to, @Nullable Collection<Long> inboxIds) {
		if (inboxIds != null && inboxIds.isEmpty()) {
			return List.of();
		}
		var query = jdbc.sql("select inbox_id, observed_at, followers from inbox_followers where observed_at >= :from "
				+ "and observed_at < :to" + (inboxIds == null ? "" : " and inbox_id = any(:inboxes)")
				+ " order by observed_at, inbox_id")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to));
		if (inboxIds != null) {
			query = query.param("inboxes", inboxIds.toArray(Long[]::new));
		}
		return query.query((rs, n) -> new FollowerCount(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3)))
			.list();
	}

	private static @Nullable Long figure(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		return (Long) rs.getObject(column, Long.class);
	}

	/** The posts of an inbox under these ids, by id. */
	public Map<String, Post> find(long inboxId, Collection<String> externalIds) {
		Map<String, Post> found = new HashMap<>();
		if (!externalIds.isEmpty()) {
			jdbc.sql("select external_id, text, url, author_name, posted_at from social_post where inbox_id = :inbox "
					+ "and external_id = any(:ids)")
				.param("inbox", inboxId)
				.param("ids", externalIds.toArray(String[]::new))
				.query((rs, n) -> found.put(rs.getString(1), new Post(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant())))
				.list();
		}
		return found;
	}

}
