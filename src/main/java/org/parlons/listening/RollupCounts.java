package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mentions counted by period (hour or UTC day), network and language, with their positive
 * and negative parts, under optional leading keys (a topic, a source), then added to a
 * rollup table in one batch of MERGE statements (portable between H2 and PostgreSQL). The
 * rollups are what the dashboards read instead of the mention rows.
 */
final class RollupCounts {

	/** A key column before the period, with its SQL type. */
	record Lead(String column, String type) {
	}

	/** Rollups kept per topic. */
	static final List<Lead> TOPIC = List.of(new Lead("topic_id", "bigint"));

	/** Rollups kept per source (an inbox, a feed, the imports). */
	static final List<Lead> SOURCE = List.of(new Lead("source", "varchar(10)"), new Lead("source_id", "bigint"));

	private final ChronoUnit unit;

	private final List<Lead> lead;

	private final Map<List<Object>, int[]> counts = new LinkedHashMap<>();

	RollupCounts(ChronoUnit unit) {
		this(unit, List.of());
	}

	RollupCounts(ChronoUnit unit, List<Lead> lead) {
		this.unit = unit;
		this.lead = lead;
	}

	void count(Instant publishedAt, String network, String language, Sentiment.Label label) {
		count(List.of(), publishedAt, network, language, label);
	}

	/** Counts a mention under the leading keys' values (in the order of the leads). */
	void count(List<Object> leadValues, Instant publishedAt, String network, String language, Sentiment.Label label) {
		List<Object> key = new ArrayList<>(leadValues);
		key.addAll(List.of(publishedAt.truncatedTo(unit), network, language));
		int[] c = counts.computeIfAbsent(key, k -> new int[3]);
		c[0]++;
		c[1] += label == Sentiment.Label.POSITIVE ? 1 : 0;
		c[2] += label == Sentiment.Label.NEGATIVE ? 1 : 0;
	}

	/** Adds the counts to {@code table}, whose period column is {@code periodColumn}. */
	void addTo(JdbcTemplate jdbc, String table, String periodColumn) {
		if (counts.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(counts.size());
		counts.forEach((key, c) -> {
			List<Object> row = new ArrayList<>(key);
			row.set(lead.size(), Timestamp.from((Instant) key.get(lead.size())));
			row.addAll(List.of(c[0], c[1], c[2], c[0], c[1], c[2]));
			rows.add(row.toArray());
		});
		String leadSelect = lead.stream()
			.map(l -> "cast(? as " + l.type() + ") as " + l.column() + ", ")
			.collect(Collectors.joining());
		String leadMatch = lead.stream()
			.map(l -> "h." + l.column() + " = s." + l.column() + " and ")
			.collect(Collectors.joining());
		String leadColumns = lead.stream().map(l -> l.column() + ", ").collect(Collectors.joining());
		String leadValues = lead.stream().map(l -> "s." + l.column() + ", ").collect(Collectors.joining());
		jdbc.batchUpdate("merge into " + table + " h using (select " + leadSelect
				+ "cast(? as timestamp with time zone) as " + periodColumn
				+ ", cast(? as varchar(30)) as network, cast(? as varchar(8)) as language) s on " + leadMatch + "h."
				+ periodColumn + " = s." + periodColumn + " and h.network = s.network and h.language = s.language "
				+ "when matched then update set mentions = h.mentions + ?, positive = h.positive + ?, negative = h.negative + ? "
				+ "when not matched then insert (" + leadColumns + periodColumn
				+ ", network, language, mentions, positive, " + "negative) values (" + leadValues + "s." + periodColumn
				+ ", s.network, s.language, ?, ?, ?)", rows);
	}

}
