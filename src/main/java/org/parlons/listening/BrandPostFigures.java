package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Post;
import org.parlons.conversations.Posts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The brand's own posts with their figures over time, and the followers of its accounts
 * over time, as the networks show them: what engagement rates, half-lives and follower
 * growth are computed from.
 */
@Repository
public class BrandPostFigures {

	private final JdbcClient jdbc;

	private final Posts posts;

	BrandPostFigures(JdbcClient jdbc, Posts posts) {
		this.jdbc = jdbc;
		this.posts = posts;
	}

	/**
	 * Records one of the brand's own posts as the network showed it at
	 * {@code observedAt}: the post is stored (or completed), here and as the post its
	 * comments belong to, and its figures of that moment kept beside the earlier ones.
	 * Observing again at the same moment replaces that moment's figures.
	 */
	@Transactional
	public void observe(long inboxId, Post post, PostMetrics metrics, Instant observedAt) {
		posts.saveAll(inboxId, List.of(post)); // what its comments belong to, shown with
												// them
		jdbc.sql("insert into brand_post (inbox_id, external_id, author_name, text, url, posted_at) "
				+ "values (?, ?, ?, ?, ?, ?) on conflict do nothing")
			.params(inboxId, post.externalId(), post.authorName(), post.text(), post.url(),
					post.postedAt() == null ? null : Timestamp.from(post.postedAt()))
			.update();
		jdbc.sql("update brand_post set text = coalesce(?, text), url = coalesce(?, url), "
				+ "author_name = coalesce(?, author_name), posted_at = coalesce(posted_at, ?) "
				+ "where inbox_id = ? and external_id = ?")
			.params(post.text(), post.url(), post.authorName(),
					post.postedAt() == null ? null : Timestamp.from(post.postedAt()), inboxId, post.externalId())
			.update();
		long id = jdbc.sql("select id from brand_post where inbox_id = ? and external_id = ?")
			.params(inboxId, post.externalId())
			.query(Long.class)
			.single();
		Timestamp at = Timestamp.from(observedAt);
		jdbc.sql("delete from brand_post_metric where post_id = ? and observed_at = ?").params(id, at).update();
		jdbc.sql("insert into brand_post_metric (post_id, observed_at, likes, comments, shares, impressions, reach) "
				+ "values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, at, metrics.likes(), metrics.comments(), metrics.shares(), metrics.impressions(),
					metrics.reach())
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
	 * The brand's posts published from {@code from} (included) to {@code to} (excluded)
	 * in these inboxes (null: all), newest first, each with its figures; at most
	 * {@code limit} posts.
	 */
	public List<Observed> own(Instant from, Instant to, @Nullable Collection<Long> inboxIds, int limit) {
		if (inboxIds != null && inboxIds.isEmpty()) {
			return List.of();
		}
		Map<Long, Observed> posts = new LinkedHashMap<>();
		String inboxes = inboxIds == null ? "" : " and p.inbox_id = any(:inboxes)";
		var query = jdbc
			.sql("select p.id, p.inbox_id, p.external_id, p.text, p.url, p.author_name, p.posted_at from brand_post p "
					+ "where p.posted_at >= :from and p.posted_at < :to" + inboxes
					+ " order by p.posted_at desc, p.id desc limit :limit")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("limit", limit);
		if (inboxIds != null) {
			query = query.param("inboxes", inboxIds.toArray(Long[]::new));
		}
		query
			.query((rs, n) -> posts.put(rs.getLong(1),
					new Observed(rs.getLong(1), rs.getLong(2), new Post(rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
							new java.util.ArrayList<>())))
			.list();
		if (posts.isEmpty()) {
			return List.of();
		}
		jdbc.sql("select post_id, observed_at, likes, comments, shares, impressions, reach from brand_post_metric "
				+ "where post_id = any(:ids) order by post_id, observed_at")
			.param("ids", posts.keySet().toArray(Long[]::new))
			.query((rs, n) -> posts.get(rs.getLong(1))
				.snapshots()
				.add(new Snapshot(rs.getTimestamp(2).toInstant(),
						new PostMetrics(figure(rs, 3), figure(rs, 4), figure(rs, 5), figure(rs, 6), figure(rs, 7)))))
			.list();
		return posts.values().stream().filter(p -> !p.snapshots().isEmpty()).toList();
	}

	/**
	 * Follower counts of these inboxes' accounts (null: all) observed from {@code from}
	 * to {@code to}, oldest first.
	 */
	public List<FollowerCount> followers(Instant from, Instant to, @Nullable Collection<Long> inboxIds) {
		if (inboxIds != null && inboxIds.isEmpty()) {
			return List.of();
		}
		var query = jdbc
			.sql("select inbox_id, observed_at, followers from inbox_followers where observed_at >= :from "
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

}
