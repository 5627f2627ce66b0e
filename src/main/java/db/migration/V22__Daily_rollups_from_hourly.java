package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills the daily rollups from the hourly ones. Done in Java because the UTC day of a
 * {@code timestamp with
 * time zone} is written differently in H2 and PostgreSQL (and depends on the session's
 * zone in both).
 */
public class V22__Daily_rollups_from_hourly extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection c = context.getConnection();
		fill(c, "select hour_start, network, language, mentions, positive, negative, 0 from mention_hourly",
				"insert into mention_daily (day_start, network, language, mentions, positive, negative) values (?, ?, ?, ?, ?, ?)",
				false);
		fill(c, "select hour_start, network, language, mentions, positive, negative, topic_id from topic_hourly",
				"insert into topic_daily (day_start, network, language, mentions, positive, negative, topic_id) "
						+ "values (?, ?, ?, ?, ?, ?, ?)",
				true);
	}

	private static void fill(Connection c, String select, String insert, boolean perTopic) throws Exception {
		Map<List<Object>, int[]> days = new LinkedHashMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
			while (rs.next()) {
				List<Object> key = new ArrayList<>(List.of(rs.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.DAYS),
						rs.getString(2), rs.getString(3)));
				key.add(rs.getLong(7));
				int[] n = days.computeIfAbsent(key, k -> new int[3]);
				n[0] += rs.getInt(4);
				n[1] += rs.getInt(5);
				n[2] += rs.getInt(6);
			}
		}
		try (PreparedStatement p = c.prepareStatement(insert)) {
			int pending = 0;
			for (var e : days.entrySet()) {
				List<Object> key = e.getKey();
				p.setTimestamp(1, Timestamp.from((java.time.Instant) key.get(0)));
				p.setString(2, (String) key.get(1));
				p.setString(3, (String) key.get(2));
				p.setInt(4, e.getValue()[0]);
				p.setInt(5, e.getValue()[1]);
				p.setInt(6, e.getValue()[2]);
				if (perTopic) {
					p.setLong(7, (Long) key.get(3));
				}
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
