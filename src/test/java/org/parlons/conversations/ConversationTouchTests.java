package org.parlons.conversations;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.parlons.customers.Customers;
import org.parlons.platform.H2RowUpdates;
import org.parlons.testing.Databases;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * On embedded H2 the conversations touched by inbound messages are updated row by row through H2's single-row path;
 * the result is the same as through SQL's {@code MERGE}, which PostgreSQL always uses: same time of the last
 * message (the later one kept), count, preview, status and snooze.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationTouchTests {

	@LocalServerPort
	int port;

	@Autowired
	Conversations conversations;

	@Autowired
	H2RowUpdates h2Rows;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	Customers customers;

	@Autowired
	Clock clock;

	@Autowired
	TransactionTemplate tx;

	@Test
	void theSingleRowPathOnH2TouchesAsSqlDoes() throws Exception {
		assertThat(h2Rows.available()).isEqualTo("H2".equals(Databases.product(dataSource)));
		Conversations throughSql = new Conversations(jdbc, jdbcTemplate, customers, clock,
				new H2RowUpdates(dataSource, false));

		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Touch"), Map.of());
		long fast = conversationOf(admin, inbox, unique("fast"));
		long sql = conversationOf(admin, inbox, unique("sql"));
		String later = OffsetDateTime.now().plusHours(1).toString();
		for (long id : List.of(fast, sql)) {
			admin.post("/api/v1/conversations/" + id + "/status", Map.of("status", "snoozed", "snoozeUntil", later));
		}
		assertThat(row(fast).get("status")).isEqualTo("SNOOZED");

		Instant inAMinute = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
		String text = "  Bonjour,\n\n  toujours   pas de réseau. ";
		tx.executeWithoutResult(s -> {
			conversations.touchAll(List.of(new Conversations.Arrivals(fast, 2, inAMinute, text)));
			throughSql.touchAll(List.of(new Conversations.Arrivals(sql, 2, inAMinute, text)));
		});
		// An arrival older than the last message keeps the later time.
		tx.executeWithoutResult(s -> {
			conversations.touchAll(List.of(new Conversations.Arrivals(fast, 1, inAMinute.minusSeconds(3600), "Plus tôt")));
			throughSql.touchAll(List.of(new Conversations.Arrivals(sql, 1, inAMinute.minusSeconds(3600), "Plus tôt")));
		});

		Map<String, Object> touched = row(fast);
		assertThat(touched).isEqualTo(row(sql));
		assertThat(touched.get("status")).isEqualTo("OPEN");
		assertThat(touched.get("snoozed_until")).isNull();
		assertThat(touched.get("message_count")).isEqualTo(4);
		assertThat(touched.get("preview")).isEqualTo("Plus tôt");
		assertThat(touched.get("last_message_at")).isEqualTo(inAMinute);
		assertThat(touched.get("last_incoming_at")).isEqualTo(inAMinute);
		// The indexes holding the time moved with it: the list, latest first, finds the conversations there.
		assertThat(jdbc.sql("select id from conversation where inbox_id = ? and status = 'OPEN' and last_message_at = ? "
				+ "order by id").params(inbox, java.sql.Timestamp.from(inAMinute)).query(Long.class).list())
			.containsExactly(fast, sql);
		assertThat(jdbc.sql("select count(*) from conversation where inbox_id = ? and status = 'SNOOZED'").param(inbox)
			.query(Long.class).single()).isZero();
	}

	private long conversationOf(TestApi admin, long inbox, String author) {
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", TestApi.inbound(unique("m"), author, "Bonjour"))
			.body().get("conversationId").asLong();
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("select status, snoozed_until, message_count, preview, last_message_at, last_incoming_at "
				+ "from conversation where id = ?").param(id).query((rs, n) -> {
					Map<String, Object> values = new java.util.LinkedHashMap<>();
					values.put("status", rs.getString(1));
					values.put("snoozed_until", rs.getTimestamp(2));
					values.put("message_count", rs.getInt(3));
					values.put("preview", rs.getString(4));
					values.put("last_message_at", rs.getTimestamp(5).toInstant());
					values.put("last_incoming_at", rs.getTimestamp(6).toInstant());
					return values;
				}).single();
	}

}
