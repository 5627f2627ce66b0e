package org.parlons.listening;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Random samples that stand for the whole over long, busy periods, each drawn by a hash
 * so the same rows are in it every time:
 * <ul>
 * <li>by author, for per-person figures: an author is in level 1 (1/16 of the authors) or
 * level 2 (1/256) by a hash of their key. A per-author share estimated on a random subset
 * of authors is unbiased, and the cluster bootstrap over the sampled authors widens the
 * interval as it should;</li>
 * <li>by mention, for the loudest authors: a mention is in level 1 (1/16 of the mentions)
 * or 2 (1/256) by a hash of its id; an author's count in the sample, times the
 * denominator, estimates their volume, and the heavy writers a top list is about are the
 * ones a mention sample finds.</li>
 * </ul>
 * Both are stored in {@code mention_sample}, author levels as 1 and 2, mention levels as
 * 11 and 12.
 */
public final class Samples {

	/** The share of rows in each level, level 0 being all of them. */
	public static final int[] DENOMINATOR = { 1, 16, 256 };

	/** Added to a mention level to store it beside the author levels. */
	public static final int BY_MENTION = 10;

	private static final int BUCKETS = 1024;

	private Samples() {
	}

	/** The deepest author level the author belongs to (0: only the full data). */
	public static int authorLevel(String authorKey) {
		return level(authorKey);
	}

	/** The deepest mention level the mention belongs to (0: only the full data). */
	public static int mentionLevel(String source, String externalId) {
		return level("m|" + source + "|" + externalId);
	}

	private static int level(String key) {
		CRC32 crc = new CRC32();
		crc.update(key.getBytes(StandardCharsets.UTF_8));
		long bucket = crc.getValue() % BUCKETS;
		if (bucket < BUCKETS / DENOMINATOR[2]) {
			return 2;
		}
		return bucket < BUCKETS / DENOMINATOR[1] ? 1 : 0;
	}

	/**
	 * The level to read for a period of {@code mentions}: everything while they are few,
	 * else the first level whose share of them stays under {@code rows}.
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
