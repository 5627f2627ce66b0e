package org.parlons.listening;

import java.util.List;
import java.util.Locale;

/**
 * Engagement as the networks define it, with its denominator always named (seed 002: 1,407 likes for
 * 8 million fans is 0.0176 %, not a success), and how fast a post's engagement fades.
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
	 * Half-life of a post's engagement, in hours: the time for the interactions per hour to halve, from an
	 * exponential fitted by least squares on the logarithm of the hourly interactions (hours with none are
	 * left out). Needs two observations at different times.
	 */
	public static double halfLifeHours(List<Observation> perHour) {
		List<Observation> usable = perHour.stream().filter(o -> o.interactions() > 0).toList();
		if (usable.size() < 2) {
			throw new IllegalArgumentException("At least two hours with interactions are needed");
		}
		double n = usable.size();
		double sx = 0;
		double sy = 0;
		double sxx = 0;
		double sxy = 0;
		for (Observation o : usable) {
			double y = Math.log(o.interactions());
			sx += o.hoursAfter();
			sy += y;
			sxx += o.hoursAfter() * o.hoursAfter();
			sxy += o.hoursAfter() * y;
		}
		double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
		if (!(slope < 0)) {
			throw new IllegalArgumentException("The engagement does not decay over these hours");
		}
		return Math.log(2) / -slope;
	}

}
