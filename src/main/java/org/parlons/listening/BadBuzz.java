package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.language.Sentiment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bad-buzz alerts over the last hours: an hour whose mentions, or whose negative
 * mentions, stand {@value Bursts#ALERT} Poisson standard deviations above the same hour
 * of the previous four weeks, with the negative mentions and authors that drive it. Read
 * from the hourly rollups.
 */
@Service
public class BadBuzz {

	/** One alerting hour and why. */
	public record Alert(Instant hour, String measure, long observed, double expected, double zScore,
			List<ListeningFigures.Mention> driving) {
	}

	private final JdbcClient jdbc;

	private final ListeningFigures figures;

	private final Clock clock;

	BadBuzz(JdbcClient jdbc, ListeningFigures figures, Clock clock) {
		this.jdbc = jdbc;
		this.figures = figures;
		this.clock = clock;
	}

	public List<Alert> lastHours(int hours) {
		return lastHours(hours, null);
	}

	/**
	 * The alerts of the last hours; for a reader who sees some inboxes only
	 * ({@code within}), counted over those inboxes' mentions alone, so nothing of another
	 * team's inboxes shows, not even its volume.
	 */
	public List<Alert> lastHours(int hours, @Nullable Set<Long> within) {
		Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		Instant start = end.minus(hours, ChronoUnit.HOURS);
		Instant since = start.minus(Bursts.WEEKS * 7L, ChronoUnit.DAYS);
		Map<Instant, Long> volume = new HashMap<>();
		Map<Instant, Long> negative = new HashMap<>();
		if (within == null) {
			jdbc.sql("select hour_start, sum(mentions), sum(negative) from mention_hourly where hour_start >= ? "
					+ "and hour_start < ? group by hour_start")
				.params(Timestamp.from(since), Timestamp.from(end))
				.query((rs, n) -> {
					Instant h = rs.getTimestamp(1).toInstant();
					volume.put(h, rs.getLong(2));
					negative.put(h, rs.getLong(3));
					return null;
				})
				.list();
		}
		else {
			jdbc.sql("select published_at, label from mention where published_at >= :since and published_at < :end "
					+ "and source = '" + Mentions.INBOX + "' and source_id = any(:within)")
				.param("since", Timestamp.from(since))
				.param("end", Timestamp.from(end))
				.param("within", within.toArray(Long[]::new))
				.query((rs, n) -> {
					Instant h = rs.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.HOURS);
					volume.merge(h, 1L, Long::sum);
					if (Sentiment.Label.NEGATIVE.api().equals(rs.getString(2))) {
						negative.merge(h, 1L, Long::sum);
					}
					return null;
				})
				.list();
		}
		List<Alert> alerts = new ArrayList<>();
		for (Instant h = start; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
			check(h, "mentions", volume, alerts, within);
			check(h, "negative mentions", negative, alerts, within);
		}
		return alerts;
	}

	private void check(Instant hour, String measure, Map<Instant, Long> counts, List<Alert> alerts,
			@Nullable Set<Long> within) {
		long observed = counts.getOrDefault(hour, 0L);
		double expected = Bursts.baseline(hour, counts);
		double z = Bursts.zScore(observed, expected);
		if (z >= Bursts.ALERT) {
			var driving = figures.mentions(new ListeningFigures.Filter(hour, hour.plus(1, ChronoUnit.HOURS), null, null,
					"negative", null, null, null, within), 0, 5);
			alerts.add(new Alert(hour, measure, observed, expected, z, driving));
		}
	}

}
