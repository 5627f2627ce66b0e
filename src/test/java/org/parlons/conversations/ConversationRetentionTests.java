package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The retention rule erases the texts of conversations resolved long enough ago, as an
 * erasure does, and nothing else: a resolved conversation last touched ten years ago
 * loses its texts and keeps its messages; an open one as old, and a recent resolved one,
 * keep everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationRetentionTests {

	@LocalServerPort
	int port;

	@Autowired
	ConversationRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void resolvedConversationsOlderThanTheRuleLoseTheirTextsAndKeepTheirCounts() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Retention"), Map.of());
		String oldText = unique("vieille histoire");
		long old = conversation(admin, inbox, oldText);
		long open = conversation(admin, inbox, unique("toujours ouverte"));
		long recent = conversation(admin, inbox, unique("récente"));
		admin.post("/api/v1/conversations/" + old + "/status", Map.of("status", "resolved"));
		admin.post("/api/v1/conversations/" + recent + "/status", Map.of("status", "resolved"));
		Timestamp tenYearsAgo = Timestamp.from(Instant.now().minus(3650, ChronoUnit.DAYS));
		jdbc.sql("update conversation set updated_at = ? where id in (?, ?)").params(tenYearsAgo, old, open).update();

		assertThat(retention.sweep(Period.ofYears(5))).isEqualTo(1);

		assertThat(texts(old)).containsOnly("");
		assertThat(texts(old)).hasSize(1);
		assertThat(texts(open)).noneMatch(String::isEmpty);
		assertThat(texts(recent)).noneMatch(String::isEmpty);
		assertThat(admin.get("/api/v1/conversations/" + old).body().get("status").asString()).isEqualTo("resolved");
		assertThat(retention.sweep(Period.ofYears(5))).isZero();
	}

	private long conversation(TestApi admin, long inbox, String text) {
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), unique("a"), text))
			.id("conversationId");
	}

	private java.util.List<String> texts(long conversation) {
		return jdbc.sql("select text from message where conversation_id = ?")
			.param(conversation)
			.query(String.class)
			.list();
	}

}
