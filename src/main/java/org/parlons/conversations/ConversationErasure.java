package org.parlons.conversations;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.parlons.customers.CustomerErasing;
import org.parlons.platform.BlobStore;
import org.parlons.platform.Json;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Erases what conversations say and keeps that they happened: every message keeps its
 * row, direction, channel, times, status and author agent (so counts, reply times and
 * service levels stay), and loses its text, its sender's name and addresses, and its
 * files (the stored bytes too, once no other message holds the same file). Subjects,
 * previews, internal notes, timeline details, threading keys and rating comments go as
 * well.
 */
@Service
public class ConversationErasure {

	private final JdbcClient jdbc;

	private final BlobStore blobs;

	private final ApplicationEventPublisher events;

	private final java.time.Clock clock;

	ConversationErasure(JdbcClient jdbc, BlobStore blobs, ApplicationEventPublisher events, java.time.Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.events = events;
	}

	@EventListener
	void on(CustomerErasing event) {
		erase(jdbc.sql("select id from conversation where customer_id in (:ids)")
			.param("ids", List.copyOf(event.profileIds()))
			.query(Long.class)
			.list());
	}

	/**
	 * The resolved conversations whose last activity is older than this, not yet erased:
	 * what a retention rule erases.
	 */
	public List<Long> resolvedBefore(Instant before, int limit) {
		return jdbc
			.sql("select id from conversation where status = 'RESOLVED' and updated_at < ? and erased_at is null "
					+ "order by id limit " + limit)
			.param(Timestamp.from(before))
			.query(Long.class)
			.list();
	}

	/** Erases the texts of these conversations; answers how many messages lost theirs. */
	@Transactional
	public int erase(Collection<Long> conversationIds) {
		if (conversationIds.isEmpty()) {
			return 0;
		}
		List<Long> ids = List.copyOf(new LinkedHashSet<>(conversationIds));
		Set<String> files = new LinkedHashSet<>();
		jdbc.sql("select attachments from message where conversation_id in (:ids) and attachments <> '[]'")
			.param("ids", ids)
			.query(String.class)
			.list()
			.forEach(json -> files.addAll(blobKeys(json)));
		int messages = jdbc
			.sql("update message set text = '', full_text = null, author_name = null, attachments = '[]', "
					+ "copies = null, in_reply_to = null, answer_to = null where conversation_id in (:ids)")
			.param("ids", ids)
			.update();
		jdbc.sql("delete from message_thread_key where message_id in (select id from message where conversation_id "
				+ "in (:ids))")
			.param("ids", ids)
			.update();
		jdbc.sql("update conversation set subject = null, preview = '', started_to = null, erased_at = :at "
				+ "where id in (:ids)")
			.param("at", Timestamp.from(clock.instant()))
			.param("ids", ids)
			.update();
		jdbc.sql("update conversation_note set text = '' where conversation_id in (:ids)").param("ids", ids).update();
		jdbc.sql("update conversation_event set detail = null where conversation_id in (:ids)")
			.param("ids", ids)
			.update();
		jdbc.sql("update satisfaction set comment = null where conversation_id in (:ids)").param("ids", ids).update();
		events.publishEvent(new ConversationsErased(Set.copyOf(ids)));
		if (!files.isEmpty()) {
			forgetFilesAfterCommit(files);
		}
		return messages;
	}

	/**
	 * Deletes the stored files no message refers to any more, once the erasure is kept.
	 */
	private void forgetFilesAfterCommit(Set<String> keys) {
		Runnable forget = () -> {
			for (String key : keys) {
				long holders = jdbc.sql("select count(*) from message where attachments like ?")
					.param("%blob:" + key + "%")
					.query(Long.class)
					.single();
				if (holders == 0) {
					blobs.delete(key);
				}
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					forget.run();
				}

			});
		}
		else {
			forget.run();
		}
	}

	static List<String> blobKeys(String attachmentsJson) {
		List<String> keys = new ArrayList<>();
		for (java.util.Map<String, Object> a : Json.read(attachmentsJson,
				new tools.jackson.core.type.TypeReference<List<java.util.Map<String, Object>>>() {
				})) {
			if (a.get("url") instanceof String url && url.startsWith("blob:")) {
				keys.add(url.substring("blob:".length()));
			}
		}
		return keys;
	}

}
