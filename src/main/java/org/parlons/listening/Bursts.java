package org.parlons.listening;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Bad-buzz detection: an hour's volume (or its negative mentions) against the same hour
 * of the week in the previous weeks, as a Poisson z-score, (x − μ) / √μ. A baseline below
 * one mention an hour is raised to one, so a quiet night does not alarm on three
 * messages.
 */
public final class Bursts {

	/** How many past weeks make the baseline. */
	public static final int WEEKS = 4;

	/** From this z-score an hour is a burst. */
	public static final double ALERT = 4.0;

	private Bursts() {
	}

	/** Poisson z-score of {@code observed} against the expected count. */
	public static double zScore(long observed, double expected) {
		double mu = Math.max(1.0, expected);
		return (observed - mu) / Math.sqrt(mu);
	}

	/**
	 * The expected count for an hour: the mean of the same hour of the week over the
	 * {@value #WEEKS} weeks before, from counts per hour start (missing hours count
	 * zero).
	 */
	public static double baseline(Instant hour, Map<Instant, Long> countsByHour) {
		Instant start = hour.truncatedTo(ChronoUnit.HOURS);
		double sum = 0;
		for (int w = 1; w <= WEEKS; w++) {
			sum += countsByHour.getOrDefault(start.minus(7L * w, ChronoUnit.DAYS), 0L);
		}
		return sum / WEEKS;
	}

	/**
	 * The hour of the week, Monday 00:00 UTC being 0: what the baseline compares like
	 * with like.
	 */
	public static int hourOfWeek(Instant hour) {
		ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
		return (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
	}

}
