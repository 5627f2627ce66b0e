package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mentions counted by period (hour or UTC day), network and language, with their positive and negative
 * parts, then added to a rollup table in one batch of MERGE statements (portable between H2 and
 * PostgreSQL). The rollups are what the dashboards read instead of the mention rows.
 */
final class RollupCounts {

	private final ChronoUnit unit;

	private final Map<List<Object>, int[]> counts = new LinkedHashMap<>();

	RollupCounts(ChronoUnit unit) {
		this.unit = unit;
	}

	void count(Instant publishedAt, String network, String language, String label) {
		int[] c = counts.computeIfAbsent(List.of(publishedAt.truncatedTo(unit), network, language), k -> new int[3]);
		c[0]++;
		c[1] += "positive".equals(label) ? 1 : 0;
		c[2] += "negative".equals(label) ? 1 : 0;
	}

	/**
	 * Adds the counts to {@code table}, whose period column is {@code periodColumn}; {@code topicId} for the
	 * tables kept per topic.
	 */
	void addTo(JdbcTemplate jdbc, String table, String periodColumn, @Nullable Long topicId) {
		if (counts.isEmpty()) {
			return;
		}
		boolean perTopic = topicId != null;
		List<Object[]> rows = new ArrayList<>(counts.size());
		counts.forEach((key, c) -> {
			List<Object> row = new ArrayList<>(10);
			if (perTopic) {
				row.add(topicId);
			}
			row.addAll(List.of(Timestamp.from((Instant) key.get(0)), key.get(1), key.get(2), c[0], c[1], c[2], c[0], c[1],
					c[2]));
			rows.add(row.toArray());
		});
		String topicKey = perTopic ? "cast(? as bigint) as topic_id, " : "";
		jdbc.batchUpdate("merge into " + table + " h using (select " + topicKey + "cast(? as timestamp with time zone) as "
				+ periodColumn + ", cast(? as varchar(30)) as network, cast(? as varchar(8)) as language) s on "
				+ (perTopic ? "h.topic_id = s.topic_id and " : "") + "h." + periodColumn + " = s." + periodColumn
				+ " and h.network = s.network and h.language = s.language "
				+ "when matched then update set mentions = h.mentions + ?, positive = h.positive + ?, negative = h.negative + ? "
				+ "when not matched then insert (" + (perTopic ? "topic_id, " : "") + periodColumn
				+ ", network, language, mentions, positive, negative) values (" + (perTopic ? "s.topic_id, " : "") + "s."
				+ periodColumn + ", s.network, s.language, ?, ?, ?)", rows);
	}

}
