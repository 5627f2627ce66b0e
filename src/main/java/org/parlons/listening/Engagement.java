package org.parlons.listening;

import java.util.List;
import java.util.Locale;

/**
 * Engagement as the networks define it, with its denominator always named (seed 002:
 * 1,407 likes for 8 million fans is 0.0176 %, not a success), and how fast a post's
 * engagement fades.
 */
public final class Engagement {

	/** What an engagement rate is divided by. */
	public enum Denominator {

		FOLLOWERS, REACH, IMPRESSIONS

	}

	/** A rate and what it was divided by. */
	public record Rate(double value, Denominator per, long denominator) {

		public String describe() {
			return String.format(Locale.ROOT, "%.4f %% of %,d %s", value * 100, denominator,
					per.name().toLowerCase(Locale.ROOT));
		}

	}

	/** Interactions counted at some time after publication. */
	public record Observation(double hoursAfter, long interactions) {
	}

	private Engagement() {
	}

	/** Interactions (likes, comments, shares…) divided by the named denominator. */
	public static Rate rate(long interactions, Denominator per, long denominator) {
		if (denominator <= 0 || interactions < 0) {
			throw new IllegalArgumentException("The denominator must be positive and interactions not negative");
		}
		return new Rate((double) interactions / denominator, per, denominator);
	}

	/**
	 * Half-life of a post's engagement, in hours: the time for the interactions per hour
	 * to halve, from an exponential fitted by least squares on the logarithm of the
	 * hourly interactions (hours with none are left out). Needs two observations at
	 * different times.
	 */
	public static double halfLifeHours(List<Observation> perHour) {
		List<double[]> points = perHour.stream()
			.filter(o -> o.interactions() > 0)
			.map(o -> new double[] { o.hoursAfter(), o.interactions() })
			.toList();
		return fitHalfLife(points);
	}

	/**
	 * A post's running total of interactions, read {@code hoursAfter} its publication.
	 */
	public record Total(double hoursAfter, long interactions) {
	}

	/**
	 * Half-life of a post's engagement from running totals read at different times (what
	 * a network's API gives): each interval between two readings, the first starting at
	 * publication with none, gives an hourly rate at its middle; the exponential is
	 * fitted to those rates as in {@link #halfLifeHours}.
	 */
	public static double halfLifeFromTotals(List<Total> totals) {
		List<Total> sorted = totals.stream().sorted(java.util.Comparator.comparingDouble(Total::hoursAfter)).toList();
		List<double[]> rates = new java.util.ArrayList<>();
		double previousHour = 0;
		long previousTotal = 0;
		for (Total t : sorted) {
			double hours = t.hoursAfter() - previousHour;
			long gained = t.interactions() - previousTotal;
			if (hours > 0 && gained > 0) {
				rates.add(new double[] { previousHour + hours / 2, gained / hours });
			}
			if (hours > 0) {
				previousHour = t.hoursAfter();
				previousTotal = Math.max(previousTotal, t.interactions());
			}
		}
		return fitHalfLife(rates);
	}

	/** Least squares of log(rate) on hours; each point is {hours, rate > 0}. */
	private static double fitHalfLife(List<double[]> points) {
		if (points.size() < 2) {
			throw new IllegalArgumentException("At least two hours with interactions are needed");
		}
		double n = points.size();
		double sx = 0;
		double sy = 0;
		double sxx = 0;
		double sxy = 0;
		for (double[] p : points) {
			double y = Math.log(p[1]);
			sx += p[0];
			sy += y;
			sxx += p[0] * p[0];
			sxy += p[0] * y;
		}
		double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
		if (!(slope < 0)) {
			throw new IllegalArgumentException("The engagement does not decay over these hours");
		}
		return Math.log(2) / -slope;
	}

}
