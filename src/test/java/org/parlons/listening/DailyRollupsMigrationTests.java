package org.parlons.listening;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java migration that fills the daily rollups from the hourly ones, on a database of
 * its own: hours on each side of UTC midnight land in their own UTC day, per network and
 * language, and per topic.
 */
class DailyRollupsMigrationTests {

	@Test
	void hoursAreSummedIntoTheirUtcDay() throws Exception {
		String url = "jdbc:h2:mem:daily-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("21").load().migrate();
		try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
			s.execute(
					"insert into mention_hourly values (timestamp with time zone '2026-11-20 22:00:00+00', 'x', 'fr', 3, 1, 2), "
							+ "(timestamp with time zone '2026-11-20 23:00:00+00', 'x', 'fr', 4, 4, 0), "
							+ "(timestamp with time zone '2026-11-21 00:00:00+00', 'x', 'fr', 5, 0, 5), "
							+ "(timestamp with time zone '2026-11-21 02:00:00+01', 'x', 'fr', 7, 1, 1), "
							+ "(timestamp with time zone '2026-11-21 00:00:00+01', 'bluesky', 'fr', 1, 0, 0), "
							+ "(timestamp with time zone '2026-11-20 10:00:00+00', 'mastodon', 'en', 2, 2, 0)");
			s.execute("insert into listening_topic (id, name, keywords, tagged_up_to, created_at) values "
					+ "(1, 'Panne', 'panne', 0, current_timestamp)");
			s.execute(
					"insert into topic_hourly values (1, timestamp with time zone '2026-11-20 23:00:00+00', 'x', 'fr', 4, 4, 0), "
							+ "(1, timestamp with time zone '2026-11-21 00:00:00+00', 'x', 'fr', 5, 0, 5)");
		}
		Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
		try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
			assertThat(rows(s,
					"select day_start, network, language, mentions, positive, negative from mention_daily "
							+ "order by day_start, network"))
				.containsExactly("2026-11-20 bluesky fr 1 0 0", "2026-11-20 mastodon en 2 2 0", "2026-11-20 x fr 7 5 2",
						"2026-11-21 x fr 12 1 6");
			assertThat(rows(s,
					"select day_start, network, language, mentions, positive, negative from topic_daily "
							+ "where topic_id = 1 order by day_start"))
				.containsExactly("2026-11-20 x fr 4 4 0", "2026-11-21 x fr 5 0 5");
		}
	}

	private static java.util.List<String> rows(Statement s, String sql) throws Exception {
		java.util.List<String> out = new java.util.ArrayList<>();
		try (ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getTimestamp(1).toInstant().toString().substring(0, 10) + " " + rs.getString(2) + " "
						+ rs.getString(3) + " " + rs.getInt(4) + " " + rs.getInt(5) + " " + rs.getInt(6));
			}
		}
		return out;
	}

}
