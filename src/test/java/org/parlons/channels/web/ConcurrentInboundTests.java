package org.parlons.channels.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * 10,000 inbound messages, each posted twice at the same time through the real port, give
 * exactly 10,000 stored messages, each customer's messages in one conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentInboundTests {

	static final int MESSAGES = Integer.getInteger("parlons.concurrency.messages", 10_000);

	static final int AUTHORS = 500;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void storesEachMessageExactlyOnceUnderConcurrentDuplicates() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Load"), Map.of());
		String token = admin.post("/api/v1/tokens", Map.of("name", "load")).body().get("token").asString();
		TestApi api = TestApi.bearer(port, token);
		AtomicInteger duplicates = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			String id = "load-" + i;
			String author = "author-" + (i % AUTHORS);
			for (int copy = 0; copy < 2; copy++) {
				futures.add(pool.submit(() -> {
					var r = api.post("/api/v1/inboxes/" + inbox + "/inbound",
							TestApi.inbound(id, author, "message " + id));
					if (r.status() != 202) {
						failures.incrementAndGet();
					}
					else if (r.body().get("duplicate").asBoolean()) {
						duplicates.incrementAndGet();
					}
				}));
			}
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();

		assertThat(failures).hasValue(0);
		assertThat(duplicates).hasValue(MESSAGES);
		assertThat(count("select count(*) from message where inbox_id = ?", inbox)).isEqualTo(MESSAGES);
		assertThat(count("select count(distinct external_id) from message where inbox_id = ?", inbox))
			.isEqualTo(MESSAGES);
		assertThat(count("select count(*) from conversation where inbox_id = ?", inbox)).isEqualTo(AUTHORS);
		assertThat(count("select count(distinct customer_id) from conversation where inbox_id = ?", inbox))
			.isEqualTo(AUTHORS);
		assertThat(count("select count(*) from customer_identity where namespace = ?", "inbox:" + inbox))
			.isEqualTo(AUTHORS);
		assertThat(count("select coalesce(sum(message_count), 0) from conversation where inbox_id = ?", inbox))
			.isEqualTo(MESSAGES);
	}

	@Test
	void batchesRacingSingleMessagesStillStoreEachMessageOnce() throws Exception {
		int messages = Math.max(1_000, MESSAGES / 5);
		int authors = 200;
		int batchSize = 50;
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Batch race"), Map.of());
		String token = admin.post("/api/v1/tokens", Map.of("name", "batch-race")).body().get("token").asString();
		TestApi api = TestApi.bearer(port, token);
		List<Map<String, Object>> all = new ArrayList<>();
		for (int i = 0; i < messages; i++) {
			all.add(TestApi.inbound("race-" + i, "author-" + (i % authors), "message " + i));
		}
		AtomicInteger duplicates = new AtomicInteger();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<?>> futures = new ArrayList<>();
		for (int start = 0; start < messages; start += batchSize) {
			List<Map<String, Object>> batch = all.subList(start, Math.min(messages, start + batchSize));
			futures.add(pool.submit(() -> {
				var r = api.post("/api/v1/inboxes/" + inbox + "/inbound/batch", Map.of("messages", batch));
				if (r.status() != 202) {
					failures.add(r.status() + " " + r.body());
				}
				else {
					duplicates.addAndGet((int) r.body().get("duplicates").asLong());
				}
			}));
			for (Map<String, Object> single : batch) {
				futures.add(pool.submit(() -> {
					var r = api.post("/api/v1/inboxes/" + inbox + "/inbound", single);
					if (r.status() != 202) {
						failures.add(r.status() + " " + r.body());
					}
					else if (r.body().get("duplicate").asBoolean()) {
						duplicates.incrementAndGet();
					}
				}));
			}
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();

		assertThat(failures).isEmpty();
		assertThat(duplicates).hasValue(messages);
		assertThat(count("select count(*) from message where inbox_id = ?", inbox)).isEqualTo(messages);
		assertThat(count("select count(*) from conversation where inbox_id = ?", inbox)).isEqualTo(authors);
		assertThat(count("select count(*) from customer_identity where namespace = ?", "inbox:" + inbox))
			.isEqualTo(authors);
		assertThat(count("select coalesce(sum(message_count), 0) from conversation where inbox_id = ?", inbox))
			.isEqualTo(messages);
	}

	private long count(String sql, Object param) {
		return jdbc.sql(sql).param(param).query(Long.class).single();
	}

}
