package org.parlons.listening;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * How many different people several messages reached (seed 001: measure the real reach).
 * When the people are known (authors, followers, viewers), their union is measured with
 * HyperLogLog sketches (about 1 % error at lgK 14); when only each message's reach is
 * known, the random-duplication formula estimates it, 1 − Π(1 − rᵢ) of the audience,
 * assuming each message reached its share at random: an estimate, and said so.
 */
public final class Reach {

	static final int LG_K = 14;

	/** A unique-reach figure and how it was obtained. */
	public record Unique(double people, boolean measured, String method) {
	}

	private Reach() {
	}

	/**
	 * The union of known audiences (one collection of person ids per message), measured
	 * with sketches.
	 */
	public static Unique measured(Collection<? extends Collection<String>> audiences) {
		Union union = new Union(LG_K);
		for (Collection<String> audience : audiences) {
			HllSketch sketch = new HllSketch(LG_K);
			audience.forEach(sketch::update);
			union.update(sketch);
		}
		return new Unique(Math.round(union.getEstimate()), true,
				"measured: union of the known audiences (HyperLogLog, lgK " + LG_K + ", about 1 % error)");
	}

	/**
	 * The people of an audience of {@code audience} reached by messages that each reached
	 * {@code reaches[i]} of them, if each reached its share at random.
	 */
	public static Unique estimated(long audience, long... reaches) {
		if (audience <= 0) {
			throw new IllegalArgumentException("The audience must be positive");
		}
		double missed = 1;
		for (long r : reaches) {
			if (r < 0 || r > audience) {
				throw new IllegalArgumentException("A reach is between 0 and the audience (" + audience + "): " + r);
			}
			missed *= 1 - (double) r / audience;
		}
		return new Unique(audience * (1 - missed), false,
				"estimate: 1 − Π(1 − rᵢ) of the audience, assuming random duplication between messages");
	}

	/**
	 * The people of several groups (networks, days) measured with one sketch per group:
	 * each group's people, their sum (a person in two groups counted twice) and their
	 * union (counted once), whose gap is the audience duplication.
	 */
	public static final class Groups {

		private final Map<String, HllSketch> groups = new TreeMap<>();

		public void add(String group, String person) {
			groups.computeIfAbsent(group, g -> new HllSketch(LG_K)).update(person);
		}

		/** Each group's people (estimates, in the groups' order). */
		public Map<String, Long> each() {
			Map<String, Long> out = new LinkedHashMap<>();
			groups.forEach((g, sketch) -> out.put(g, Math.round(sketch.getEstimate())));
			return out;
		}

		/** The people of all groups, each counted once per group they are in. */
		public long sum() {
			return each().values().stream().mapToLong(Long::longValue).sum();
		}

		/** The people of all groups, each counted once. */
		public long union() {
			Union union = new Union(LG_K);
			groups.values().forEach(union::update);
			return Math.round(union.getEstimate());
		}

		/**
		 * The share of the summed people who were counted more than once: 1 − union / sum
		 * (0 when empty).
		 */
		public double duplication() {
			long sum = sum();
			return sum == 0 ? 0 : Math.max(0, 1 - (double) union() / sum);
		}

	}

}
