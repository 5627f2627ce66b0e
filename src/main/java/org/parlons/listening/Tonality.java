package org.parlons.listening;

import org.parlons.language.Sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tonality shown honestly (seed 002): the share of positive, negative and neutral
 * messages, and the same shares when each author counts once, because a few prolific fans
 * can make an unhappy public look happy. With 800 authors writing one negative message
 * and 200 writing ten positive ones, 71 % of the messages are positive but only 20 % of
 * the people.
 * <ul>
 * <li><b>Per author</b>: each author weighs 1, spread evenly over their messages (an
 * author with 3 positive and 1 negative message counts 0.75 positive and 0.25
 * negative).</li>
 * <li><b>95 % interval</b> of the per-author positive share: cluster bootstrap,
 * resampling authors with replacement ({@value #RESAMPLES} resamples, percentile method,
 * seeded by the data so the same input gives the same interval).</li>
 * <li><b>Kish effective sample size</b> of the messages under that weighting, (Σw)² / Σw²
 * with w = 1 / (messages of the author): how many independent messages the sample is
 * worth.</li>
 * <li><b>Concentration</b>: the share of all messages written by the most active 1 % and
 * 10 % of authors (at least one author each).</li>
 * </ul>
 */
public final class Tonality {

	/**
	 * Above this score a message is positive, below its opposite negative (VADER's
	 * convention).
	 */
	public static final double THRESHOLD = Sentiment.THRESHOLD;

	static final int RESAMPLES = 2_000;

	/** One scored message and who wrote it. */
	public record Scored(String author, double score) {
	}

	/** Shares in 0..1 that add up to 1. */
	public record Shares(double positive, double negative, double neutral) {
	}

	/** The whole answer. */
	public record Result(int messages, int authors, Shares perMessage, Shares perAuthor, double[] positiveCi95,
			double effectiveSampleSize, double top1PercentShare, double top10PercentShare) {
	}

	private Tonality() {
	}

	public static Result of(List<Scored> scored) {
		if (scored.isEmpty()) {
			throw new IllegalArgumentException("Tonality needs at least one message");
		}
		Map<String, int[]> byAuthor = new LinkedHashMap<>(); // author -> {positive,
																// negative, neutral}
		for (Scored s : scored) {
			byAuthor.computeIfAbsent(s.author(), a -> new int[3])[kind(s.score())]++;
		}
		return ofAuthors(byAuthor.values(), seed(scored));
	}

	/** One author's messages by label, as a database can count them. */
	public record AuthorCounts(String author, int positive, int negative, int neutral) {
	}

	/**
	 * The same figures from per-author counts, so a long period never holds its messages
	 * in memory.
	 */
	public static Result ofCounts(List<AuthorCounts> authors) {
		if (authors.isEmpty()) {
			throw new IllegalArgumentException("Tonality needs at least one message");
		}
		List<int[]> counts = new ArrayList<>(authors.size());
		long h = 1125899906842597L;
		for (AuthorCounts a : authors) {
			counts.add(new int[] { a.positive(), a.negative(), a.neutral() });
			h = 31 * (31 * (31 * h + a.positive()) + a.negative()) + a.neutral();
		}
		return ofAuthors(counts, h);
	}

	private static Result ofAuthors(Collection<int[]> byAuthor, long seed) {
		int[] total = new int[3];
		int authors = byAuthor.size();
		double[] authorPositive = new double[authors];
		double[] perAuthor = new double[3];
		double sumSquaredWeights = 0;
		int[] volumes = new int[authors];
		int i = 0;
		for (int[] counts : byAuthor) {
			int m = counts[0] + counts[1] + counts[2];
			for (int k = 0; k < 3; k++) {
				total[k] += counts[k];
				perAuthor[k] += (double) counts[k] / m;
			}
			authorPositive[i] = (double) counts[0] / m;
			volumes[i] = m;
			sumSquaredWeights += 1.0 / m; // m messages of weight 1/m each
			i++;
		}
		int n = total[0] + total[1] + total[2];
		Shares messages = new Shares((double) total[0] / n, (double) total[1] / n, (double) total[2] / n);
		Shares people = new Shares(perAuthor[0] / authors, perAuthor[1] / authors, perAuthor[2] / authors);
		double ess = (double) authors * authors / sumSquaredWeights;
		Arrays.sort(volumes);
		return new Result(n, authors, messages, people, interval(authorPositive, seed), ess, topShare(volumes, n, 0.01),
				topShare(volumes, n, 0.10));
	}

	/**
	 * The 95 % interval of the per-author share: the cluster bootstrap up to
	 * {@value #BOOTSTRAP_AUTHORS} authors; beyond, the normal approximation of the same
	 * quantity (mean of author shares ± 1.96 standard errors), which the bootstrap
	 * converges to and which costs one pass instead of {@value #RESAMPLES}.
	 */
	static double[] interval(double[] authorPositive, long seed) {
		if (authorPositive.length <= BOOTSTRAP_AUTHORS) {
			return bootstrap(authorPositive, seed);
		}
		double mean = Arrays.stream(authorPositive).average().orElse(0);
		double var = Arrays.stream(authorPositive).map(x -> (x - mean) * (x - mean)).sum()
				/ (authorPositive.length - 1);
		double half = 1.96 * Math.sqrt(var / authorPositive.length);
		return new double[] { Math.max(0, mean - half), Math.min(1, mean + half) };
	}

	/**
	 * Beyond this many authors the interval is the normal approximation (see
	 * {@link #interval}).
	 */
	public static final int BOOTSTRAP_AUTHORS = 5_000;

	private static int kind(double score) {
		if (Double.isNaN(score) || score < -1 || score > 1) {
			throw new IllegalArgumentException("A score is between -1 and 1, not " + score);
		}
		return score > THRESHOLD ? 0 : score < -THRESHOLD ? 1 : 2;
	}

	/**
	 * Percentile interval of the mean over authors, resampling authors with replacement.
	 */
	static double[] bootstrap(double[] authorPositive, long seed) {
		int a = authorPositive.length;
		SplittableRandom random = new SplittableRandom(seed);
		double[] means = new double[RESAMPLES];
		for (int b = 0; b < RESAMPLES; b++) {
			double sum = 0;
			for (int j = 0; j < a; j++) {
				sum += authorPositive[random.nextInt(a)];
			}
			means[b] = sum / a;
		}
		Arrays.sort(means);
		return new double[] { means[(int) Math.floor(0.025 * (RESAMPLES - 1))],
				means[(int) Math.ceil(0.975 * (RESAMPLES - 1))] };
	}

	/**
	 * The share of all messages written by the most active {@code fraction} of authors
	 * (at least one).
	 */
	static double topShare(int[] sortedVolumes, int messages, double fraction) {
		int top = Math.max(1, (int) Math.ceil(sortedVolumes.length * fraction));
		long written = 0;
		for (int j = sortedVolumes.length - 1; j >= sortedVolumes.length - top; j--) {
			written += sortedVolumes[j];
		}
		return (double) written / messages;
	}

	private static long seed(List<Scored> scored) {
		long h = 1125899906842597L;
		for (Scored s : scored) {
			h = 31 * h + s.author().hashCode();
			h = 31 * h + Double.hashCode(s.score());
		}
		return h;
	}

}
