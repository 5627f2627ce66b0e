package org.parlons.testing;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Which database the suite runs on (H2 by default, PostgreSQL with {@code -Ppostgres}),
 * for tests that differ.
 */
public final class Databases {

	/**
	 * The database's product name as its driver gives it: {@code H2} or
	 * {@code PostgreSQL}.
	 */
	public static String product(DataSource dataSource) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			return c.getMetaData().getDatabaseProductName();
		}
	}

	private Databases() {
	}

}
