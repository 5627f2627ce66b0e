package org.parlons.conversations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Inbound messages touch their conversations in one statement: the later time of the last
 * message kept, the count added, the preview of the latest, and a snoozed conversation
 * open again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationTouchTests {

	@LocalServerPort
	int port;

	@Autowired
	Conversations conversations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void inboundMessagesTouchTheirConversationsInOneStatement() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Touch"), Map.of());
		long first = conversationOf(admin, inbox, unique("first"));
		long second = conversationOf(admin, inbox, unique("second"));
		String later = OffsetDateTime.now().plusHours(1).toString();
		for (long id : List.of(first, second)) {
			admin.post("/api/v1/conversations/" + id + "/status", Map.of("status", "snoozed", "snoozeUntil", later));
		}
		assertThat(row(first).get("status")).isEqualTo("SNOOZED");

		Instant inAMinute = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		String text = "  Bonjour,\n\n  toujours   pas de réseau. ";
		tx.executeWithoutResult(s -> {
			conversations.touchAll(List.of(new Conversations.Arrivals(first, 2, inAMinute, text),
					new Conversations.Arrivals(second, 2, inAMinute, text)));
		});
		// An arrival older than the last message keeps the later time.
		tx.executeWithoutResult(s -> {
			conversations
				.touchAll(List.of(new Conversations.Arrivals(first, 1, inAMinute.minusSeconds(3600), "Plus tôt")));
		});

		Map<String, Object> touched = row(first);
		assertThat(row(second)).containsEntry("message_count", 3)
			.containsEntry("preview", "Bonjour, toujours pas de réseau.");
		assertThat(touched.get("status")).isEqualTo("OPEN");
		assertThat(touched.get("snoozed_until")).isNull();
		assertThat(touched.get("message_count")).isEqualTo(4);
		assertThat(touched.get("preview")).isEqualTo("Plus tôt");
		assertThat(touched.get("last_message_at")).isEqualTo(inAMinute);
		assertThat(touched.get("last_incoming_at")).isEqualTo(inAMinute);
		// The indexes holding the time moved with it: the list, latest first, finds the
		// conversations there.
		assertThat(jdbc
			.sql("select id from conversation where inbox_id = ? and status = 'OPEN' and last_message_at = ? "
					+ "order by id")
			.params(inbox, java.sql.Timestamp.from(inAMinute))
			.query(Long.class)
			.list()).containsExactly(first, second);
		assertThat(jdbc.sql("select count(*) from conversation where inbox_id = ? and status = 'SNOOZED'")
			.param(inbox)
			.query(Long.class)
			.single()).isZero();
	}

	private long conversationOf(TestApi admin, long inbox, String author) {
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Bonjour"))
			.body()
			.get("conversationId")
			.asLong();
	}

	private Map<String, Object> row(long id) {
		return jdbc
			.sql("select status, snoozed_until, message_count, preview, last_message_at, last_incoming_at "
					+ "from conversation where id = ?")
			.param(id)
			.query((rs, n) -> {
				Map<String, Object> values = new java.util.LinkedHashMap<>();
				values.put("status", rs.getString(1));
				values.put("snoozed_until", rs.getTimestamp(2));
				values.put("message_count", rs.getInt(3));
				values.put("preview", rs.getString(4));
				values.put("last_message_at", rs.getTimestamp(5).toInstant());
				values.put("last_incoming_at", rs.getTimestamp(6).toInstant());
				return values;
			})
			.single();
	}

}
