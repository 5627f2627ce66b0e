package org.parlons.platform;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Whether a data source leads to an H2 database running inside this process (not PostgreSQL, not a remote H2). */
final class EmbeddedH2 {

	static boolean behind(DataSource dataSource) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return connection.isWrapperFor(JdbcConnection.class)
					&& connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal;
		}
		catch (SQLException ex) {
			return false;
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private EmbeddedH2() {
	}

}
