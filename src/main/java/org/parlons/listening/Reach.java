package org.parlons.listening;

import java.util.Collection;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * How many different people several messages reached (seed 001: measure the real reach). When the people
 * are known (authors, followers, viewers), their union is measured with HyperLogLog sketches (about 1 %
 * error at lgK 14); when only each message's reach is known, the random-duplication formula estimates it,
 * 1 − Π(1 − rᵢ) of the audience, assuming each message reached its share at random: an estimate, and said so.
 */
public final class Reach {

	static final int LG_K = 14;

	/** A unique-reach figure and how it was obtained. */
	public record Unique(double people, boolean measured, String method) {
	}

	private Reach() {
	}

	/** The union of known audiences (one collection of person ids per message), measured with sketches. */
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
	 * The people of an audience of {@code audience} reached by messages that each reached {@code reaches[i]}
	 * of them, if each reached its share at random.
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

}
