package org.parlons.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Redacting audit lines keeps the chain whole, on both databases (on PostgreSQL through
 * the append-only trigger): a line written before seals (its hash over its detail) is
 * sealed once, then redacted, and the chain verifies at each step; redacting it again
 * changes nothing.
 */
@SpringBootTest
class AuditRedactionTests {

	@Autowired
	AuditChain chain;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void aLineFromBeforeSealsIsSealedOnceThenRedactedAndTheChainStillVerifies() {
		String secret = unique("Marie Ancienne");
		String subject = "customer:" + (900_000_000L + Math.abs(secret.hashCode() % 1000));
		long seq = tx.execute(s -> {
			Object[] head = jdbc.sql("select seq, hash from audit_chain_head where id = 1 for update")
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
				.single();
			long next = (long) head[0] + 1;
			AuditChain.Line line = new AuditChain.Line(Instant.now(), null, "test", "customer.renamed", subject,
					"renamed " + secret);
			String hash = line.hash(next, (String) head[1], null);
			jdbc.sql("insert into audit_event (at, actor_id, actor_label, type, subject, detail, seq, prev_hash, hash) "
					+ "values (?, null, ?, ?, ?, ?, ?, ?, ?)")
				.params(Timestamp.from(line.at()), line.actorLabel(), line.type(), line.subject(), line.detail(), next,
						head[1], hash)
				.update();
			jdbc.sql("update audit_chain_head set seq = ?, hash = ? where id = 1").params(next, hash).update();
			return next;
		});
		assertThat(chain.verify().intact()).isTrue();

		AuditChain.Resealed resealed = chain.sealDetails();
		assertThat(resealed).isNotNull();
		assertThat(resealed.fromSeq()).isLessThanOrEqualTo(seq);
		assertThat(chain.verify().intact()).as(String.valueOf(chain.verify().problem())).isTrue();
		assertThat(chain.sealDetails()).isNull();

		assertThat(chain.redact(List.of(subject), Instant.now())).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where detail like ?")
			.param("%" + secret + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(chain.verify().intact()).as(String.valueOf(chain.verify().problem())).isTrue();
		assertThat(chain.redact(List.of(subject), Instant.now())).isZero();
	}

}
