package org.parlons.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Batched inserts that give back the generated ids, in the order of the rows, on H2 and
 * PostgreSQL.
 */
public final class Batches {

	/** Sets the parameters of row {@code i}. */
	@FunctionalInterface
	public interface RowSetter {

		void set(PreparedStatement ps, int i) throws SQLException;

	}

	private Batches() {
	}

	/**
	 * Inserts {@code rows} rows in one JDBC batch and answers their generated {@code id}s
	 * in row order.
	 */
	public static List<Long> insert(JdbcTemplate jdbc, String sql, int rows, RowSetter setter) {
		if (rows == 0) {
			return List.of();
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.batchUpdate(con -> con.prepareStatement(sql, new String[] { "id" }), new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				setter.set(ps, i);
			}

			@Override
			public int getBatchSize() {
				return rows;
			}
		}, keys);
		List<Long> ids = new ArrayList<>(rows);
		for (Map<String, Object> row : keys.getKeyList()) {
			ids.add(((Number) row.values().iterator().next()).longValue());
		}
		if (ids.size() != rows) {
			throw new IllegalStateException("Expected " + rows + " generated ids, the database gave " + ids.size());
		}
		return ids;
	}

}
