package org.parlons.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.audit.AuditLog.Verification;
import org.parlons.platform.Crypto;
import org.parlons.platform.Database;
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

		/**
		 * The line's hash. A line whose detail is sealed hashes the seal in the detail's
		 * place, so the detail can be redacted later and the chain still verifies; lines
		 * from before seals (none after the first start that seals them) hash the detail.
		 */
		String hash(long seq, String previous, @Nullable String seal) {
			List<Object> fields = Arrays.asList(seq, at.toString(), actorId, actorLabel, type, subject,
					seal != null ? "seal:" + seal : detail, previous);
			return Crypto.sha256Hex(Json.write(fields));
		}

		static String seal(String nonce, String detail) {
			return Crypto.sha256Hex(nonce + "\n" + detail);
		}

	}

	private static final int PAGE = 1_000;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final javax.sql.DataSource dataSource;

	AuditChain(JdbcClient jdbc, TransactionTemplate tx, javax.sql.DataSource dataSource) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.dataSource = dataSource;
	}

	private Database.Dialect dialect() {
		java.sql.Connection connection = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
		try {
			return Database.Dialect.of(connection.getMetaData().getURL());
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			org.springframework.jdbc.datasource.DataSourceUtils.releaseConnection(connection, dataSource);
		}
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
			String nonce = line.detail() == null ? null : Crypto.randomToken(12);
			String seal = nonce == null ? null : Line.seal(nonce, line.detail());
			String hash = line.hash(seq, previous, seal);
			insert(line, seq, previous, hash, nonce, seal);
			previous = hash;
		}
		moveHead(seq, previous);
	}

	private void insert(Line line, long seq, String previous, String hash, @Nullable String nonce,
			@Nullable String seal) {
		jdbc.sql("insert into audit_event (at, actor_id, actor_label, type, subject, detail, seq, prev_hash, hash, "
				+ "detail_nonce, detail_seal) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(Timestamp.from(line.at()), line.actorId(), line.actorLabel(), line.type(), line.subject(),
					line.detail(), seq, previous, hash, nonce, seal)
			.update();
	}

	/**
	 * Redacts the details of the lines about these subjects ("customer:12"): detail and
	 * nonce are erased, the seal stays, so the chain verifies as before. Answers how many
	 * lines were redacted.
	 */
	int redact(Collection<String> subjects, Instant at) {
		if (subjects.isEmpty()) {
			return 0;
		}
		return jdbc
			.sql("update audit_event set detail = null, detail_nonce = null, redacted_at = :at "
					+ "where subject in (:subjects) and detail_seal is not null and redacted_at is null")
			.param("at", Timestamp.from(at))
			.param("subjects", List.copyOf(subjects))
			.update();
	}

	/**
	 * Seals the details of lines written before seals existed, so they too can be
	 * redacted: the chain is checked first (a broken chain is left as it is, to be seen),
	 * then rewritten from the first such line, under the head's lock. Answers the old
	 * head's hash and how many lines were rewritten, or nothing when there was nothing to
	 * do or the chain was broken.
	 */
	@Transactional
	@Nullable Resealed sealDetails() {
		Head head = lockHead();
		if (dialect() == Database.Dialect.POSTGRESQL) {
			// the append-only trigger lets this transaction, and it alone, seal older
			// lines
			jdbc.sql("select set_config('parlons.audit_reseal', 'on', true)").query().singleValue();
		}
		Long first = jdbc.sql("select min(seq) from audit_event where detail_seal is null and detail is not null")
			.query(Long.class)
			.optional()
			.orElse(null);
		if (first == null || !verify().intact()) {
			return null;
		}
		String previous = first == 1 ? Head.GENESIS
				: jdbc.sql("select hash from audit_event where seq = ?").param(first - 1).query(String.class).single();
		long seq = first - 1;
		long rewritten = 0;
		while (true) {
			List<Object[]> page = new ArrayList<>();
			jdbc.sql("select seq, at, actor_id, actor_label, type, subject, detail, detail_nonce, detail_seal "
					+ "from audit_event where seq > ? order by seq limit " + PAGE)
				.param(seq)
				.query(rs -> {
					page.add(new Object[] { rs.getLong(1),
							new Line(rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class),
									rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
							rs.getString(8), rs.getString(9) });
				});
			for (Object[] row : page) {
				seq = (long) row[0];
				Line line = (Line) row[1];
				String nonce = (String) row[2];
				String seal = (String) row[3];
				if (seal == null && line.detail() != null) {
					nonce = Crypto.randomToken(12);
					seal = Line.seal(nonce, line.detail());
				}
				String hash = line.hash(seq, previous, seal);
				jdbc.sql(
						"update audit_event set detail_nonce = ?, detail_seal = ?, prev_hash = ?, hash = ? where seq = ?")
					.params(nonce, seal, previous, hash, seq)
					.update();
				previous = hash;
				rewritten++;
			}
			if (page.size() < PAGE) {
				break;
			}
		}
		moveHead(seq, previous);
		return new Resealed(head.hash(), first, rewritten);
	}

	/** What sealing older lines did. */
	record Resealed(String oldHead, long fromSeq, long lines) {
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
			String detail = line.getValue().detail();
			String nonce = detail == null ? null : Crypto.randomToken(12);
			String seal = nonce == null ? null : Line.seal(nonce, detail);
			String next = line.getValue().hash(seq, hash, seal);
			jdbc.sql("update audit_event set seq = ?, prev_hash = ?, hash = ?, detail_nonce = ?, detail_seal = ? "
					+ "where id = ? and seq is null")
				.params(seq, hash, next, nonce, seal, line.getKey())
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
			jdbc.sql("select seq, at, actor_id, actor_label, type, subject, detail, prev_hash, hash, detail_nonce, "
					+ "detail_seal from audit_event where seq >= ? order by seq limit " + PAGE)
				.param(expected)
				.query(rs -> {
					page.add(new Object[] { rs.getLong(1),
							new Line(rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class),
									rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
							rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11) });
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
				String nonce = (String) row[4];
				String seal = (String) row[5];
				if (seal != null && (nonce == null ? line.detail() != null
						: line.detail() == null || !seal.equals(Line.seal(nonce, line.detail())))) {
					return broken(lines, head, seq, "line " + seq + " was changed after it was written");
				}
				String hash = line.hash(seq, previous, seal);
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
