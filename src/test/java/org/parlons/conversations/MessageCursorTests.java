package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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
 * The cursor listening reads messages with: a window of ids from the first message after
 * the cursor, so that a read is bounded whatever plan the database picks, and that
 * crosses ids a rolled-back insert skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessageCursorTests {

	@LocalServerPort
	int port;

	@Autowired
	Messages messages;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void readsAWindowOfIdsAndCrossesIdsThatWereSkipped() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Cursor"), Map.of());
		String author = unique("author");
		long first = store(admin, inbox, author, "Premier message");
		long conversation = jdbc.sql("select conversation_id from message where id = ?")
			.param(first)
			.query(Long.class)
			.single();
		// Three ids taken by an insert that rolls back: a gap wider than the window read
		// below.
		tx.executeWithoutResult(status -> {
			Timestamp now = Timestamp.from(Instant.now());
			for (int i = 0; i < 3; i++) {
				jdbc.sql(
						"insert into message (conversation_id, inbox_id, external_id, direction, visibility, text, status, "
								+ "sent_at, created_at) values (?, ?, ?, 'in', 'PUBLIC', 'x', 'received', ?, ?)")
					.params(conversation, inbox, unique("rolled-back"), now, now)
					.update();
			}
			status.setRollbackOnly();
		});
		long second = store(admin, inbox, author, "Deuxième message");
		assertThat(second - first).isGreaterThanOrEqualTo(4);
		Instant later = Instant.now().plus(1, ChronoUnit.HOURS);

		Messages.Settled fromFirst = messages.publicInboundAfter(first - 1, later, 2);
		assertThat(fromFirst.scanned()).isEqualTo(1);
		assertThat(fromFirst.upTo()).isEqualTo(first);
		assertThat(fromFirst.publicInbound()).extracting(Message::id).containsExactly(first);

		Messages.Settled afterFirst = messages.publicInboundAfter(first, later, 2);
		assertThat(afterFirst.publicInbound()).extracting(Message::id).first().isEqualTo(second);
		assertThat(afterFirst.upTo()).isGreaterThanOrEqualTo(second);
	}

	@Test
	void stopsAtTheFirstMessageNotYetSettled() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Cursor"), Map.of());
		long id = store(admin, inbox, unique("author"), "Tout juste reçu");

		Messages.Settled settled = messages.publicInboundAfter(id - 1, Instant.now().minus(1, ChronoUnit.HOURS), 10);

		assertThat(settled.scanned()).isZero();
		assertThat(settled.upTo()).isEqualTo(id - 1);
	}

	private long store(TestApi admin, long inbox, String author, String text) {
		String external = unique("m");
		Map<String, Object> body = new HashMap<>(TestApi.inbound(external, author, text));
		body.put("visibility", "public");
		assertThat(admin.post("/api/v1/inboxes/" + inbox + "/inbound", body).status()).isEqualTo(202);
		return jdbc.sql("select id from message where inbox_id = ? and external_id = ?")
			.params(inbox, external)
			.query(Long.class)
			.single();
	}

}
