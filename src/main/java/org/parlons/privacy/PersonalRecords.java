package org.parlons.privacy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

/**
 * Every row of every table that refers to a customer by a foreign key, found from the
 * database's own catalogue rather than a list kept by hand: a table added later with a
 * key to {@code customer} is in the export the day it exists. Columns that hold secrets
 * (token and password hashes, nonces) are left out.
 */
@Service
public class PersonalRecords {

	private static final Pattern SECRET = Pattern.compile("(?i).*(token|password|hash|nonce|secret).*");

	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	PersonalRecords(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** The tables and columns that refer to {@code customer (id)}. */
	public Map<String, List<String>> referringTables() {
		Map<String, List<String>> out = new TreeMap<>();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			DatabaseMetaData meta = connection.getMetaData();
			String table = meta.storesUpperCaseIdentifiers() ? "CUSTOMER" : "customer";
			try (ResultSet keys = meta.getExportedKeys(connection.getCatalog(), null, table)) {
				while (keys.next()) {
					String from = keys.getString("FKTABLE_NAME").toLowerCase(Locale.ROOT);
					String column = keys.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT);
					if (NAME.matcher(from).matches() && NAME.matcher(column).matches()) {
						out.computeIfAbsent(from, t -> new ArrayList<>()).add(column);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the database's foreign keys", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
		return out;
	}

	/** The rows of those tables that refer to these profiles, table by table. */
	public Map<String, List<Map<String, Object>>> of(Collection<Long> profileIds) {
		Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
		referringTables().forEach((table, columns) -> {
			String where = String.join(" or ", columns.stream().map(c -> c + " in (:ids)").toList());
			List<Map<String, Object>> rows = new ArrayList<>();
			for (Map<String, Object> row : jdbc.sql("select * from " + table + " where " + where)
				.param("ids", List.copyOf(profileIds))
				.query()
				.listOfRows()) {
				Map<String, Object> kept = new LinkedHashMap<>();
				row.forEach((column, value) -> {
					String name = column.toLowerCase(Locale.ROOT);
					if (!SECRET.matcher(name).matches()) {
						kept.put(name,
								value instanceof java.sql.Timestamp t ? t.toInstant().toString()
										: value instanceof java.time.OffsetDateTime o ? o.toInstant().toString()
												: value instanceof java.sql.Date d ? d.toString() : value);
					}
				});
				rows.add(kept);
			}
			out.put(table, rows);
		});
		return out;
	}

}
