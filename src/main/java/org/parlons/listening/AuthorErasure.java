package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.parlons.conversations.ConversationsErased;
import org.parlons.customers.CustomerErasing;
import org.parlons.customers.Identity;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases who wrote what listening heard, and keeps the figures: a mention keeps its
 * network, time, language, tonality and reach, so every count, rollup and per-topic
 * figure stays; its author's name, key and address give way to one random pseudonym per
 * erased person, and an erased customer's texts go too. Sampled rows follow their
 * mention.
 */
@Service
public class AuthorErasure {

	static final String PSEUDONYM = "erased:";

	private final JdbcClient jdbc;

	AuthorErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CustomerErasing event) {
		List<String> keys = new ArrayList<>();
		event.profileIds().forEach(id -> keys.add(Mentions.customerKey(id)));
		List<Long> mentions = new ArrayList<>(jdbc.sql("select id from mention where author_key in (:keys)")
			.param("keys", keys)
			.query(Long.class)
			.list());
		// a handle heard on a network before it was the customer's: its key is
		// "network:handle",
		// whatever the network the channel that knows the customer calls it
		for (Identity identity : event.identities()) {
			if (identity.kind() == Identity.Kind.HANDLE || identity.kind() == Identity.Kind.EMAIL) {
				mentions.addAll(jdbc.sql("select id from mention where author_key like ? escape '!'")
					.param("%:" + identity.value().replace("!", "!!").replace("%", "!%").replace("_", "!_"))
					.query(Long.class)
					.list());
			}
		}
		scrub(mentions.stream().distinct().toList(), PSEUDONYM + UUID.randomUUID(), true);
	}

	@EventListener
	void on(ConversationsErased event) {
		List<Long> mentions = jdbc.sql("select id from mention where conversation_id in (:ids)")
			.param("ids", List.copyOf(event.conversationIds()))
			.query(Long.class)
			.list();
		scrub(mentions, PSEUDONYM + UUID.randomUUID(), true);
	}

	/**
	 * Retention: the authors of mentions published before this lose name, key and address
	 * (each author one pseudonym); answers how many mentions.
	 */
	@Transactional
	public int forgetAuthorsBefore(Instant before, int limit) {
		List<String> authors = jdbc
			.sql("select distinct author_key from mention where published_at < ? and author_key not like 'erased:%' "
					+ "fetch first " + limit + " rows only")
			.param(Timestamp.from(before))
			.query(String.class)
			.list();
		int forgotten = 0;
		for (String author : authors) {
			List<Long> mentions = jdbc.sql("select id from mention where author_key = ? and published_at < ?")
				.params(author, Timestamp.from(before))
				.query(Long.class)
				.list();
			forgotten += scrub(mentions, PSEUDONYM + UUID.randomUUID(), false);
		}
		return forgotten;
	}

	private int scrub(List<Long> mentionIds, String pseudonym, boolean withText) {
		if (mentionIds.isEmpty()) {
			return 0;
		}
		int changed = jdbc
			.sql("update mention set author = null, author_key = :key, url = null" + (withText ? ", text = '' " : " ")
					+ "where id in (:ids)")
			.param("key", pseudonym)
			.param("ids", mentionIds)
			.update();
		jdbc.sql("update mention_sample set author = null, author_key = :key where mention_id in (:ids)")
			.param("key", pseudonym)
			.param("ids", mentionIds)
			.update();
		return changed;
	}

}
