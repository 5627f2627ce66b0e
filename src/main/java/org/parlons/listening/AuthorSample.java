package org.parlons.listening;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which authors stand for all of them in per-person figures over long periods: an author belongs to a
 * sample level by a hash of their key, so the same people are in the sample every day and each level is a
 * uniform random share of the authors (1/16 for level 1, 1/256 for level 2). Estimating a per-author share
 * on a random subset of authors is unbiased, and the cluster bootstrap over the sampled authors widens the
 * interval as it should.
 */
public final class AuthorSample {

	/** The share of authors in each level, level 0 being everyone. */
	public static final int[] DENOMINATOR = { 1, 16, 256 };

	private static final int BUCKETS = 1024;

	private AuthorSample() {
	}

	/** The deepest level the author belongs to (0: only the full data). */
	public static int levelOf(String authorKey) {
		CRC32 crc = new CRC32();
		crc.update(authorKey.getBytes(StandardCharsets.UTF_8));
		long bucket = crc.getValue() % BUCKETS;
		if (bucket < BUCKETS / DENOMINATOR[2]) {
			return 2;
		}
		return bucket < BUCKETS / DENOMINATOR[1] ? 1 : 0;
	}

	/**
	 * The level to read for a period of {@code mentions}: everyone while they are few, else the first level
	 * whose share of them stays under {@code rows}.
	 */
	public static int levelFor(long mentions, long rows) {
		for (int level = 0; level < DENOMINATOR.length; level++) {
			if (mentions / DENOMINATOR[level] <= rows) {
				return level;
			}
		}
		return DENOMINATOR.length - 1;
	}

}
