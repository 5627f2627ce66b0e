package org.parlons.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import javax.sql.DataSource;

import org.h2.api.ErrorCode;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;
import org.h2.result.Row;
import org.h2.table.Column;
import org.h2.table.Table;
import org.h2.value.Value;
import org.h2.value.ValueNull;
import org.h2.value.ValueToObjectConverter;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Updates rows one by one through embedded H2's single-row path, which rewrites only the indexes whose key
 * changed.
 * <p>
 * H2 carries out every SQL {@code UPDATE} and {@code MERGE} by taking each row out of every index of its table and
 * putting it back (a multi-row update may move keys through each other; h2database issue 1323), whether the
 * index's columns changed or not. The conversation has ten indexes on H2 (its two foreign keys get one each), and
 * every inbound message moves only two of them: through SQL, a batch of 500 follow-ups rewrote 10,000 index entries
 * where 2,000 changed, and the H2 benchmark's ingestion was 28 % of the plain-insert rate. Dropping five of those
 * indexes as an experiment gave 42 %; this path, which keeps them all, gives what {@code BENCHMARKS.md} reports.
 * <p>
 * The path is H2's own: {@code Table.lockRow}, then {@code Table.updateRow}, the single-row update H2 uses for its
 * catalog, inside a statement of the caller's transaction (row locks, undo log and rollback as for SQL). It does not
 * check constraints or fire triggers, so callers only use it for columns that have neither. Anywhere else
 * (PostgreSQL, a remote H2) {@link #available()} is false and callers use SQL. ADR 5 has the reasons.
 */
@Component
public class H2RowUpdates {

	/** A row's values, read and set by column name, converted as JDBC converts them. */
	public interface Values {

		<T> @Nullable T get(String column, Class<T> type);

		void set(String column, @Nullable Object value);

	}

	/** What to do to one row: read its current, locked values and set the new ones. */
	@FunctionalInterface
	public interface Change {

		void apply(long id, Values row);

	}

	private final DataSource dataSource;

	private final boolean enabled;

	private final SQLExceptionTranslator translator;

	private volatile @Nullable Boolean available;

	/**
	 * @param enabled {@code parlons.h2.single-row-updates}: false sends every update through SQL, should an H2
	 * release change what this path relies on
	 */
	public H2RowUpdates(DataSource dataSource,
			@org.springframework.beans.factory.annotation.Value("${parlons.h2.single-row-updates:true}") boolean enabled) {
		this.dataSource = dataSource;
		this.enabled = enabled;
		this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	/** Whether this path is on and the database is an embedded H2, which it can reach. */
	public boolean available() {
		Boolean known = available;
		if (known == null) {
			known = enabled && EmbeddedH2.behind(dataSource);
			available = known;
		}
		return known;
	}

	/**
	 * In the current transaction, locks each row of {@code table} by its primary key, in the order given, waiting
	 * for other transactions as {@code UPDATE} would, and applies {@code change} to its current values. An id with no
	 * row is passed over. Whatever fails, the rows of this call are rolled back first; a lock timeout, a deadlock or a
	 * value the column refuses is thrown as Spring's exception for it, what {@code change} throws as it is.
	 */
	public void update(String table, Collection<Long> ids, Change change) {
		if (!available()) {
			throw new IllegalStateException("Row updates through H2 are off, or the database is not an embedded H2");
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Row updates through H2 need a transaction");
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			JdbcConnection h2 = connection.unwrap(JdbcConnection.class);
			Session any = h2.getSession();
			if (!(any instanceof SessionLocal session)) {
				throw new IllegalStateException("Not an embedded H2 database");
			}
			session.lock();
			try {
				update(h2, session, table, ids, change);
			}
			finally {
				session.unlock();
			}
		}
		catch (SQLException ex) {
			throw translator.translate("H2 row update of " + table, null, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** As {@code Command.executeUpdate} runs one statement: a savepoint, a statement start, the table's write lock. */
	private void update(JdbcConnection connection, SessionLocal session, String tableName, Collection<Long> ids,
			Change change) throws SQLException {
		SessionLocal.Savepoint savepoint = session.setSavepoint();
		session.startStatementWithinTransaction(null);
		try {
			Table table = session.getDatabase().getSchema(session.getCurrentSchemaName()).getTableOrView(session, tableName);
			if (table.getMainIndexColumn() < 0) {
				throw new IllegalStateException(tableName + " has no bigint primary key to find its rows by");
			}
			table.lock(session, Table.WRITE_LOCK);
			for (long id : ids) {
				Row seen = rowOf(session, table, id);
				Row locked = seen == null ? null : table.lockRow(session, seen, -1);
				if (locked == null) {
					continue;
				}
				Value[] values = locked.getValueList().clone();
				change.apply(id, new TableValues(connection, session, table, values));
				table.updateRow(session, locked, table.createRow(values, Row.MEMORY_CALCULATE));
			}
		}
		catch (DbException ex) {
			if (ex.getErrorCode() == ErrorCode.DEADLOCK_1) {
				session.rollback();
			}
			else {
				session.rollbackTo(savepoint);
			}
			throw ex.getSQLException();
		}
		catch (RuntimeException ex) {
			session.rollbackTo(savepoint);
			throw ex;
		}
		finally {
			session.endStatement();
		}
	}

	/** The row with this key as the statement sees it, if there is one. */
	private static @Nullable Row rowOf(SessionLocal session, Table table, long id) {
		try {
			return table.getRow(session, id);
		}
		catch (DbException ex) {
			if (ex.getErrorCode() != ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX) {
				throw ex;
			}
			return null;
		}
	}

	private record TableValues(JdbcConnection connection, SessionLocal session, Table table, Value[] values)
			implements Values {

		@Override
		public <T> @Nullable T get(String column, Class<T> type) {
			Value value = values[table.getColumn(column).getColumnId()];
			return value == ValueNull.INSTANCE ? null
					: ValueToObjectConverter.valueToObject(type, value, connection);
		}

		/** As H2 assigns a value in an {@code UPDATE}: not null where so declared, converted, no longer than the column. */
		@Override
		public void set(String column, @Nullable Object value) {
			Column target = table.getColumn(column);
			Value given = ValueToObjectConverter.objectToValue(session, value, Value.UNKNOWN);
			if (given == ValueNull.INSTANCE && !target.isNullable()) {
				throw DbException.get(ErrorCode.NULL_NOT_ALLOWED, column);
			}
			values[target.getColumnId()] = given.convertForAssignTo(target.getType(), session, column);
		}

	}

}
