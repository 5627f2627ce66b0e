package org.parlons.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that knows which database Parlons runs on, told from the JDBC URL, and
 * the few settings that differ: PostgreSQL's planning of prepared statements and H2's
 * identity cache. Everything else is the same SQL on both (ADR 5).
 */
@Configuration(proxyBeanMethods = false)
public class Database {

	/**
	 * The databases Parlons runs on: embedded H2 to evaluate it, PostgreSQL in
	 * production.
	 */
	public enum Dialect {

		H2, POSTGRESQL;

		/** The dialect of a JDBC URL. */
		public static Dialect of(String jdbcUrl) {
			String url = jdbcUrl.toLowerCase(Locale.ROOT);
			if (url.startsWith("jdbc:h2:")) {
				return H2;
			}
			if (url.startsWith("jdbc:postgresql:")) {
				return POSTGRESQL;
			}
			throw new IllegalStateException("Parlons runs on H2 or PostgreSQL, not on " + jdbcUrl);
		}

	}

	/**
	 * Sessions of PostgreSQL plan every statement with its actual values: the driver
	 * prepares a statement on the server after five uses, and PostgreSQL may then keep a
	 * generic plan chosen while a table was still small (a look-up of 500 external ids
	 * became a scan of the whole message table as it grew). They also get 16 MB of
	 * {@code work_mem}: the listening dashboard groups sampled rows by author, about 8 MB
	 * of hash table, which the default 4 MB spills to disk. An {@code options} property
	 * already set is left alone.
	 */
	static final String POSTGRESQL_OPTIONS = "-c plan_cache_mode=force_custom_plan -c work_mem=16MB";

	/**
	 * H2's identity columns hand out ids from a cache this large: with H2's default of
	 * 32, each 32nd id writes the sequence into the schema in a system transaction of its
	 * own. H2 keeps one cache per database, so ids still come in the order they are
	 * taken. PostgreSQL's caches are per session and would hand out ids out of order,
	 * which listening's message cursor relies on (ADR 16): left alone there.
	 */
	static final int H2_IDENTITY_CACHE = 100_000;

	@Bean
	static BeanPostProcessor postgresSessionOptions() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
						&& Dialect.of(pool.getJdbcUrl()) == Dialect.POSTGRESQL
						&& !pool.getJdbcUrl().contains("options=")
						&& !pool.getDataSourceProperties().containsKey("options")) {
					pool.addDataSourceProperty("options", POSTGRESQL_OPTIONS);
				}
				return bean;
			}
		};
	}

	/**
	 * After each migration run, so the tables of migrations to come get the cache too.
	 */
	@Bean
	Callback h2IdentityCache() {
		return new Callback() {
			@Override
			public boolean supports(Event event, Context context) {
				return event == Event.AFTER_MIGRATE;
			}

			@Override
			public boolean canHandleInTransaction(Event event, Context context) {
				return true;
			}

			@Override
			public void handle(Event event, Context context) {
				try {
					if (Dialect.of(context.getConnection().getMetaData().getURL()) == Dialect.H2) {
						cacheIdentities(context.getConnection());
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException("Could not set the cache of H2's identity columns", ex);
				}
			}

			@Override
			public String getCallbackName() {
				return "h2IdentityCache";
			}
		};
	}

	private static void cacheIdentities(Connection connection) throws SQLException {
		List<String> alters = new ArrayList<>();
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select table_name, column_name from information_schema.columns "
						+ "where table_schema = current_schema and is_identity = 'YES' and identity_cache < "
						+ H2_IDENTITY_CACHE)) {
			while (rs.next()) {
				alters.add("alter table " + quoted(rs.getString(1)) + " alter column " + quoted(rs.getString(2))
						+ " set cache " + H2_IDENTITY_CACHE);
			}
		}
		try (Statement s = connection.createStatement()) {
			for (String alter : alters) {
				s.execute(alter);
			}
		}
	}

	private static String quoted(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

}
