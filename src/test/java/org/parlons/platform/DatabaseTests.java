package org.parlons.platform;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.parlons.testing.Databases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The dialect comes from the JDBC URL; H2's identity columns take their ids from a cache
 * of 100,000 after the migrations; PostgreSQL's sequences keep no cache, so that ids stay
 * in the order sessions take them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void tellsTheDialectFromTheUrl() {
		assertThat(Database.Dialect.of("jdbc:h2:mem:x;MODE=PostgreSQL")).isEqualTo(Database.Dialect.H2);
		assertThat(Database.Dialect.of("jdbc:postgresql://127.0.0.1:5432/parlons"))
			.isEqualTo(Database.Dialect.POSTGRESQL);
		assertThatIllegalStateException().isThrownBy(() -> Database.Dialect.of("jdbc:mysql://localhost/parlons"));
	}

	@Test
	void identityColumnsHaveACacheOnH2AndNoneOnPostgres() throws SQLException {
		String product = Databases.product(dataSource);
		if ("H2".equals(product)) {
			long identities = jdbc
				.sql("select count(*) from information_schema.columns where table_schema = current_schema "
						+ "and is_identity = 'YES'")
				.query(Long.class)
				.single();
			long cached = jdbc
				.sql("select count(*) from information_schema.columns where table_schema = current_schema "
						+ "and is_identity = 'YES' and identity_cache >= " + Database.H2_IDENTITY_CACHE)
				.query(Long.class)
				.single();
			assertThat(identities).isGreaterThan(20);
			assertThat(cached).isEqualTo(identities);
		}
		else {
			assertThat(product).isEqualTo("PostgreSQL");
			long sequences = jdbc.sql("select count(*) from pg_sequences where schemaname = current_schema()")
				.query(Long.class)
				.single();
			long cached = jdbc
				.sql("select count(*) from pg_sequences where schemaname = current_schema() and cache_size > 1")
				.query(Long.class)
				.single();
			assertThat(sequences).isGreaterThan(20);
			assertThat(cached).isZero();
		}
	}

}
