package org.parlons.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * On H2, every identity column hands out its ids from a cache of {@value #CACHE} values, set after each
 * migration run (so also on the tables of migrations still to come). With H2's default of 32, each 32nd id
 * writes the sequence into the schema and commits a system transaction: a third of the server's samples when
 * ingesting batches of 500 messages, though the cache saved only about 5 % of the server's CPU per message
 * (the next ordinary commit writes most of those pages anyway). H2's cache is one per database, so ids still
 * come in the order they are taken; a crash loses at most the rest of a cache, a gap in the ids and nothing
 * else.
 * <p>
 * PostgreSQL is left alone: its sequences cache per session, so there a cache would hand out ids out of
 * order across sessions, and the message cursor of listening reads messages by id (ADR 16). Its
 * {@code nextval} costs little without one.
 */
@Component
class H2IdentityCache implements Callback {

	static final int CACHE = 100_000;

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
		Connection connection = context.getConnection();
		try {
			if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
				return;
			}
			List<String> alters = new ArrayList<>();
			try (Statement s = connection.createStatement();
					ResultSet rs = s.executeQuery("select table_name, column_name from information_schema.columns "
							+ "where table_schema = current_schema and is_identity = 'YES' and identity_cache < " + CACHE)) {
				while (rs.next()) {
					alters.add("alter table " + quoted(rs.getString(1)) + " alter column " + quoted(rs.getString(2))
							+ " set cache " + CACHE);
				}
			}
			try (Statement s = connection.createStatement()) {
				for (String alter : alters) {
					s.execute(alter);
				}
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

	private static String quoted(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

}
