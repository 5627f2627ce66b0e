package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
		Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
		Instant start = end.minus(hours, ChronoUnit.HOURS);
		Map<Instant, Long> volume = new HashMap<>();
		Map<Instant, Long> negative = new HashMap<>();
		jdbc.sql(
				"select hour_start, sum(mentions), sum(negative) from mention_hourly where hour_start >= ? and hour_start < ? "
						+ "group by hour_start")
			.params(Timestamp.from(start.minus(Bursts.WEEKS * 7L, ChronoUnit.DAYS)), Timestamp.from(end))
			.query((rs, n) -> {
				Instant h = rs.getTimestamp(1).toInstant();
				volume.put(h, rs.getLong(2));
				negative.put(h, rs.getLong(3));
				return null;
			})
			.list();
		List<Alert> alerts = new ArrayList<>();
		for (Instant h = start; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
			check(h, "mentions", volume, alerts);
			check(h, "negative mentions", negative, alerts);
		}
		return alerts;
	}

	private void check(Instant hour, String measure, Map<Instant, Long> counts, List<Alert> alerts) {
		long observed = counts.getOrDefault(hour, 0L);
		double expected = Bursts.baseline(hour, counts);
		double z = Bursts.zScore(observed, expected);
		if (z >= Bursts.ALERT) {
			var driving = figures.mentions(
					new ListeningFigures.Filter(hour, hour.plus(1, ChronoUnit.HOURS), null, null, "negative", null), 0,
					5);
			alerts.add(new Alert(hour, measure, observed, expected, z, driving));
		}
	}

}
