package org.parlons.listening;

import org.parlons.platform.Leases;
import org.parlons.language.Sentiment;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tags mentions with the topics they are about, each topic behind its own cursor: a batch
 * of mentions past the cursor is read, the matching ones are recorded and counted in the
 * topic's hours, and the cursor moves, in one transaction. A topic edited meanwhile has
 * its cursor reset, so the batch is rolled back and read again under the new keywords. A
 * batch stops at the first mention stored less than {@code parlons.listening.settle} ago:
 * an id taken by a transaction still running is not passed over.
 */
@Component
class TopicTagger {

	static final int BATCH = 5_000;

	private record Row(long id, String text, Instant publishedAt, String network, String language,
			Sentiment.Label label) {
	}

	private final Topics topics;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Duration settle;

	private final Leases leases;

	TopicTagger(Leases leases, Topics topics, JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, Clock clock,
			ListeningSettings settings) {
		this.leases = leases;
		this.topics = topics;
		this.jdbc = jdbc;
		this.batch = batch;
		this.tx = tx;
		this.clock = clock;
		this.settle = settings.settle();
	}

	@Scheduled(fixedDelayString = "#{" + ListeningSettings.BEAN + ".collectInterval()}", initialDelayString = "PT4S")
	void tagAll() {
		if (!leases.hold("job:topic-tagging")) {
			return;
		}
		for (Topics.Topic topic : topics.all()) {
			while (Boolean.TRUE.equals(tx.execute(status -> tagOnce(topic.id())))) {
				// a full batch: more to read
			}
		}
	}

	/** One batch for one topic; answers whether the batch was full (more may follow). */
	boolean tagOnce(long topicId) {
		Topics.Topic topic = topics.find(topicId).orElse(null);
		if (topic == null) {
			return false;
		}
		Instant settled = clock.instant().minus(settle);
		List<Row> rows = new ArrayList<>();
		boolean[] unsettled = { false };
		jdbc.sql("select id, text, published_at, network, language, label, created_at from mention where id > ? "
				+ "order by id limit " + BATCH)
			.param(topic.taggedUpTo())
			.query((ResultSet rs) -> {
				// stop at the first mention not settled yet: an id before it may still be
				// uncommitted
				if (unsettled[0] || !rs.getTimestamp(7).toInstant().isBefore(settled)) {
					unsettled[0] = true;
					return;
				}
				rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
						rs.getString(5), Sentiment.Label.fromApi(rs.getString(6))));
			});
		if (rows.isEmpty()) {
			return false;
		}
		Pattern about = Topics.pattern(topic.keywords());
		List<Object[]> tagged = new ArrayList<>();
		RollupCounts hours = new RollupCounts(ChronoUnit.HOURS, RollupCounts.TOPIC);
		RollupCounts days = new RollupCounts(ChronoUnit.DAYS, RollupCounts.TOPIC);
		for (Row row : rows) {
			if (!about.matcher(Topics.fold(row.text())).find()) {
				continue;
			}
			tagged.add(new Object[] { topic.id(), row.id() });
			hours.count(List.of(topic.id()), row.publishedAt(), row.network(), row.language(), row.label());
			days.count(List.of(topic.id()), row.publishedAt(), row.network(), row.language(), row.label());
		}
		long last = rows.get(rows.size() - 1).id();
		if (!topics.advance(topic, last)) {
			return false; // edited or deleted meanwhile: the next turn reads with the new
							// keywords
		}
		batch.batchUpdate("insert into mention_topic (topic_id, mention_id) values (?, ?) on conflict do nothing",
				tagged);
		hours.addTo(batch, "topic_hourly", "hour_start");
		days.addTo(batch, "topic_daily", "day_start");
		return rows.size() == BATCH;
	}

}
