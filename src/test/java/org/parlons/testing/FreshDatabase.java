package org.parlons.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own for a test that reads whole pages and must not see what other
 * tests stored: an in-memory H2 one, or, when the suite runs on PostgreSQL, a database
 * made anew beside the suite's on the same server.
 */
public final class FreshDatabase {

	private FreshDatabase() {
	}

	/** The JDBC URL of an empty database named {@code name} (letters and underscores). */
	public static String url(String name) {
		if (!name.matches("[a-z_]+")) {
			throw new IllegalArgumentException("a database name of lower-case letters and underscores: " + name);
		}
		String suite = System.getProperty("spring.datasource.url", "");
		if (!suite.startsWith("jdbc:postgresql:")) {
			return "jdbc:h2:mem:" + name
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		}
		String server = suite.substring(0, suite.lastIndexOf('/') + 1);
		String user = System.getProperty("spring.datasource.username", "postgres");
		try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
				Statement sql = admin.createStatement()) {
			sql.execute("drop database if exists " + name + " with (force)");
			sql.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not make the database " + name + " on " + server, ex);
		}
		return server + name;
	}

}
