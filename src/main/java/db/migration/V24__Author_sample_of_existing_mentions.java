package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.parlons.listening.Samples;

/**
 * Copies the sampled mentions already stored (the hashes are computed in Java, as at
 * insert).
 */
public class V24__Author_sample_of_existing_mentions extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection c = context.getConnection();
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select id, published_at, network, language, author_key, author, label, "
						+ "sentiment, source, external_id from mention");
				PreparedStatement insert = c
					.prepareStatement("insert into mention_sample (level, mention_id, published_at, "
							+ "network, language, author_key, author, label, sentiment) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			int pending = 0;
			while (rs.next()) {
				java.util.List<Integer> levels = new java.util.ArrayList<>();
				for (int level = 1; level <= Samples.authorLevel(rs.getString(5)); level++) {
					levels.add(level);
				}
				for (int level = 1; level <= Samples.mentionLevel(rs.getString(9), rs.getString(10)); level++) {
					levels.add(Samples.BY_MENTION + level);
				}
				for (int level : levels) {
					insert.setInt(1, level);
					insert.setLong(2, rs.getLong(1));
					insert.setTimestamp(3, rs.getTimestamp(2));
					insert.setString(4, rs.getString(3));
					insert.setString(5, rs.getString(4));
					insert.setString(6, rs.getString(5));
					insert.setString(7, rs.getString(6));
					insert.setString(8, rs.getString(7));
					insert.setDouble(9, rs.getDouble(8));
					insert.addBatch();
					if (++pending == 1000) {
						insert.executeBatch();
						pending = 0;
					}
				}
			}
			if (pending > 0) {
				insert.executeBatch();
			}
		}
	}

}
