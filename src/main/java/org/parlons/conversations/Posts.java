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
 * The social posts that public messages belong to, unique per inbox by the network's id.
 * What a channel learns later about a post (its text, its link) completes what was
 * stored.
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

	/**
	 * Stores posts not known yet and completes known ones with what is given (text, link,
	 * author).
	 */
	public void saveAll(long inboxId, Collection<Post> posts) {
		if (posts.isEmpty()) {
			return;
		}
		Map<String, Post> byId = new LinkedHashMap<>();
		posts.forEach(p -> byId.merge(p.externalId(), p, (a, b) -> b.text() != null ? b : a));
		List<Post> unique = List.copyOf(byId.values());
		Timestamp now = Timestamp.from(clock.instant());
		jdbcTemplate.batchUpdate(
				"insert into social_post (inbox_id, external_id, author_name, text, url, posted_at, "
						+ "created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
				unique, unique.size(), (ps, p) -> {
					ps.setLong(1, inboxId);
					ps.setString(2, p.externalId());
					ps.setString(3, p.authorName());
					ps.setString(4, p.text());
					ps.setString(5, p.url());
					ps.setTimestamp(6, p.postedAt() == null ? null : Timestamp.from(p.postedAt()));
					ps.setTimestamp(7, now);
				});
		// a description (with its text) completes what is stored; a bare reference never
		// overwrites it
		List<Post> known = unique.stream().filter(p -> p.text() != null).toList();
		jdbcTemplate.batchUpdate(
				"update social_post set text = coalesce(?, text), url = coalesce(?, url), "
						+ "author_name = coalesce(?, author_name) where external_id = ? and inbox_id = ?",
				known, known.size(), (ps, p) -> {
					ps.setString(1, p.text());
					ps.setString(2, p.url());
					ps.setString(3, p.authorName());
					ps.setString(4, p.externalId());
					ps.setLong(5, inboxId);
				});
	}

	/** The posts of an inbox under these ids, by id. */
	public Map<String, Post> find(long inboxId, Collection<String> externalIds) {
		Map<String, Post> found = new HashMap<>();
		if (!externalIds.isEmpty()) {
			jdbc.sql("select external_id, text, url, author_name, posted_at from social_post where inbox_id = :inbox "
					+ "and external_id = any(:ids)")
				.param("inbox", inboxId)
				.param("ids", externalIds.toArray(String[]::new))
				.query((rs, n) -> found.put(rs.getString(1),
						new Post(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
								rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant())))
				.list();
		}
		return found;
	}

}
