package org.parlons.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.audit.AuditLog.Verification;
import org.parlons.platform.Crypto;
import org.parlons.platform.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log as a hash chain. Each line takes the next place ({@code seq}) and hashes
 * its own content with the hash of the line before it; the head row, locked by each
 * append, orders the chain, so two transactions never fork it. Verifying walks the chain
 * from the first line: a line changed, removed or slipped in breaks it where it happened.
 */
@Component
class AuditChain {

	/** The content of one line, as hashed. */
	record Line(Instant at, @Nullable Long actorId, @Nullable String actorLabel, String type, @Nullable String subject,
			@Nullable String detail) {

		Line {
			at = at.truncatedTo(ChronoUnit.MICROS); // what both databases keep
		}

		String hash(long seq, String previous) {
			List<Object> fields = Arrays.asList(seq, at.toString(), actorId, actorLabel, type, subject, detail,
					previous);
			return Crypto.sha256Hex(Json.write(fields));
		}

	}

	private static final int PAGE = 1_000;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	AuditChain(JdbcClient jdbc, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
	}

	/**
	 * Appends a line in the caller's transaction. The line is written just before that
	 * transaction commits, so the head row is the last lock any transaction takes: two
	 * transactions never wait on each other through it (no deadlock), and it is held only
	 * for the commit itself. Outside a transaction the line is written at once.
	 */
	void append(Line line) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			tx.executeWithoutResult(s -> write(List.of(line)));
			return;
		}
		@SuppressWarnings("unchecked")
		List<Line> pending = (List<Line>) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			List<Line> lines = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, lines);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					write(lines);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditChain.this);
				}

			});
			pending = lines;
		}
		pending.add(line);
	}

	private void write(List<Line> lines) {
		if (lines.isEmpty()) {
			return;
		}
		Head head = lockHead();
		long seq = head.seq();
		String previous = head.hash();
		for (Line line : lines) {
			seq++;
			String hash = line.hash(seq, previous);
			insert(line, seq, previous, hash);
			previous = hash;
		}
		moveHead(seq, previous);
	}

	private void insert(Line line, long seq, String previous, String hash) {
		jdbc.sql("insert into audit_event (at, actor_id, actor_label, type, subject, detail, seq, prev_hash, hash) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(line.at()), line.actorId(), line.actorLabel(), line.type(), line.subject(),
					line.detail(), seq, previous, hash)
			.update();
	}

	/**
	 * Seals lines written before the chain existed, in the order they were written;
	 * answers how many.
	 */
	@Transactional
	int sealUnchained() {
		List<Map.Entry<Long, Line>> unchained = jdbc
			.sql("select id, at, actor_id, actor_label, type, subject, detail from audit_event where seq is null "
					+ "order by id")
			.query((rs, n) -> Map.entry(rs.getLong(1),
					new Line(rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getString(7))))
			.list();
		if (unchained.isEmpty()) {
			return 0;
		}
		Head head = lockHead();
		long seq = head.seq();
		String hash = head.hash();
		for (Map.Entry<Long, Line> line : unchained) {
			seq++;
			String next = line.getValue().hash(seq, hash);
			jdbc.sql("update audit_event set seq = ?, prev_hash = ?, hash = ? where id = ? and seq is null")
				.params(seq, hash, next, line.getKey())
				.update();
			hash = next;
		}
		moveHead(seq, hash);
		return unchained.size();
	}

	/** Walks the whole chain, a page at a time. */
	@Transactional(readOnly = true)
	Verification verify() {
		Head head = jdbc.sql("select seq, hash from audit_chain_head where id = 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		String previous = Head.GENESIS;
		long expected = 1;
		long lines = 0;
		while (true) {
			List<Object[]> page = new ArrayList<>();
			jdbc.sql("select seq, at, actor_id, actor_label, type, subject, detail, prev_hash, hash from audit_event "
					+ "where seq >= ? order by seq limit " + PAGE)
				.param(expected)
				.query(rs -> {
					page.add(new Object[] { rs.getLong(1),
							new Line(rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class),
									rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
							rs.getString(8), rs.getString(9) });
				});
			for (Object[] row : page) {
				long seq = (long) row[0];
				Line line = (Line) row[1];
				if (seq != expected) {
					return broken(lines, head, expected, "line " + expected + " of the chain is missing");
				}
				if (!previous.equals(row[2])) {
					return broken(lines, head, seq, "line " + seq + " does not follow line " + (seq - 1));
				}
				String hash = line.hash(seq, previous);
				if (!hash.equals(row[3])) {
					return broken(lines, head, seq, "line " + seq + " was changed after it was written");
				}
				previous = hash;
				expected++;
				lines++;
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		if (lines != head.seq() || !previous.equals(head.hash())) {
			return broken(lines, head, expected,
					"the chain ends at line " + lines + " but its head says " + head.seq());
		}
		long unchained = jdbc.sql("select count(*) from audit_event where seq is null").query(Long.class).single();
		if (unchained > 0) {
			return broken(lines, head, null, unchained + " lines are outside the chain");
		}
		return new Verification(true, lines, head.seq(), head.hash(), null, null);
	}

	private static Verification broken(long lines, Head head, @Nullable Long seq, String problem) {
		return new Verification(false, lines, head.seq(), head.hash(), seq, problem);
	}

	private Head lockHead() {
		return jdbc.sql("select seq, hash from audit_chain_head where id = 1 for update")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
	}

	private void moveHead(long seq, String hash) {
		jdbc.sql("update audit_chain_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
	}

	private record Head(long seq, String hash) {

		static final String GENESIS = "0".repeat(64);

	}

}
