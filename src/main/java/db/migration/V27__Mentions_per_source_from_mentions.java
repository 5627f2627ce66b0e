package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Counts the mentions already stored per UTC day, source, network and language. Done in
 * Java because the UTC day of a {@code timestamp with time zone} is written differently
 * in H2 and PostgreSQL; the rows are streamed.
 */
public class V27__Mentions_per_source_from_mentions extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection c = context.getConnection();
		Map<List<Object>, int[]> days = new HashMap<>();
		try (Statement s = c.createStatement()) {
			s.setFetchSize(10_000);
			try (ResultSet rs = s
				.executeQuery("select source, source_id, published_at, network, language, label from mention")) {
				while (rs.next()) {
					List<Object> key = List.of(rs.getString(1), rs.getLong(2),
							rs.getTimestamp(3).toInstant().truncatedTo(ChronoUnit.DAYS), rs.getString(4),
							rs.getString(5));
					int[] n = days.computeIfAbsent(key, k -> new int[3]);
					n[0]++;
					n[1] += "positive".equals(rs.getString(6)) ? 1 : 0;
					n[2] += "negative".equals(rs.getString(6)) ? 1 : 0;
				}
			}
		}
		try (PreparedStatement p = c.prepareStatement("insert into mention_source_daily (source, source_id, day_start, "
				+ "network, language, mentions, positive, negative) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
			int pending = 0;
			for (var e : days.entrySet()) {
				List<Object> key = e.getKey();
				p.setString(1, (String) key.get(0));
				p.setLong(2, (Long) key.get(1));
				p.setTimestamp(3, Timestamp.from((Instant) key.get(2)));
				p.setString(4, (String) key.get(3));
				p.setString(5, (String) key.get(4));
				p.setInt(6, e.getValue()[0]);
				p.setInt(7, e.getValue()[1]);
				p.setInt(8, e.getValue()[2]);
				p.addBatch();
				if (++pending == 1000) {
					p.executeBatch();
					pending = 0;
				}
			}
			if (pending > 0) {
				p.executeBatch();
			}
		}
	}

}
