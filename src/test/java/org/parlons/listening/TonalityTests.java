package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every figure on cases computed by hand, the seed's self-selection example first.
 */
class TonalityTests {

	/** Seed 002: 800 unhappy customers post once, 200 fans post ten times each. */
	static List<Tonality.Scored> seed() {
		List<Tonality.Scored> messages = new ArrayList<>();
		for (int a = 0; a < 800; a++) {
			messages.add(new Tonality.Scored("unhappy-" + a, -0.8));
		}
		for (int a = 0; a < 200; a++) {
			for (int m = 0; m < 10; m++) {
				messages.add(new Tonality.Scored("fan-" + a, 0.9));
			}
		}
		return messages;
	}

	@Test
	void theSeedsPageReads71PercentPositiveWhile80PercentOfThePeopleAreUnhappy() {
		Tonality.Result r = Tonality.of(seed());

		assertThat(r.messages()).isEqualTo(2_800);
		assertThat(r.authors()).isEqualTo(1_000);
		assertThat(r.perMessage().positive()).isCloseTo(2_000.0 / 2_800, within(1e-12)); // 71.4
																							// %
		assertThat(Math.round(r.perMessage().positive() * 100)).isEqualTo(71);
		assertThat(r.perAuthor().positive()).isCloseTo(0.20, within(1e-12));
		assertThat(r.perAuthor().negative()).isCloseTo(0.80, within(1e-12));
		// Kish: weights 1 (800 messages) and 1/10 (2,000 messages): (1,000)² / (800 +
		// 2,000 / 100) = 1,219.5
		assertThat(r.effectiveSampleSize()).isCloseTo(1_000_000.0 / 820, within(1e-9));
		// The most active 1 % (10 fans) wrote 100 of 2,800 messages; the top 10 % (100
		// fans) 1,000.
		assertThat(r.top1PercentShare()).isCloseTo(100.0 / 2_800, within(1e-12));
		assertThat(r.top10PercentShare()).isCloseTo(1_000.0 / 2_800, within(1e-12));
		// Binomial standard error of 20 % over 1,000 people: 1.26 points; the interval is
		// about ±2.5.
		double[] ci = r.positiveCi95();
		assertThat(ci[0]).isBetween(0.170, 0.180);
		assertThat(ci[1]).isBetween(0.220, 0.230);
		assertThat(Tonality.of(seed()).positiveCi95()).containsExactly(ci); // same data,
																			// same
																			// interval
	}

	@Test
	void anAuthorWithMixedMessagesIsSplitAcrossLabels() {
		// a: 3 positive, 1 negative -> 0.75 / 0.25; b: 1 neutral. Per author: positive
		// 0.375, negative 0.125, neutral 0.5. Per message: 3/5, 1/5, 1/5. Kish: (2)² / (4
		// × 1/16 + 1) = 4 / 1.25 = 3.2.
		List<Tonality.Scored> messages = List.of(new Tonality.Scored("a", 0.5), new Tonality.Scored("a", 0.3),
				new Tonality.Scored("a", 0.06), new Tonality.Scored("a", -0.4), new Tonality.Scored("b", 0.05));
		Tonality.Result r = Tonality.of(messages);

		assertThat(r.perMessage()).isEqualTo(new Tonality.Shares(0.6, 0.2, 0.2));
		assertThat(r.perAuthor().positive()).isCloseTo(0.375, within(1e-12));
		assertThat(r.perAuthor().negative()).isCloseTo(0.125, within(1e-12));
		assertThat(r.perAuthor().neutral()).isCloseTo(0.5, within(1e-12));
		assertThat(r.effectiveSampleSize()).isCloseTo(3.2, within(1e-12));
		assertThat(r.top1PercentShare()).isCloseTo(0.8, within(1e-12)); // one author at
																		// least: a, 4 of
																		// 5
	}

	@Test
	void onePersonPerMessageGivesTheSameFiguresBothWaysAndTheFullSampleSize() {
		List<Tonality.Scored> messages = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			messages.add(new Tonality.Scored("p" + i, i < 30 ? 0.6 : i < 50 ? -0.6 : 0));
		}
		Tonality.Result r = Tonality.of(messages);
		assertThat(r.perAuthor().positive()).isCloseTo(r.perMessage().positive(), within(1e-12));
		assertThat(r.effectiveSampleSize()).isCloseTo(100, within(1e-9));
		assertThat(r.positiveCi95()[0]).isLessThan(0.30);
		assertThat(r.positiveCi95()[1]).isGreaterThan(0.30);
	}

	@Test
	void labelsFollowTheThresholdAndRefuseScoresOutOfRange() {
		assertThat(Sentiment.Label.of(0.05)).isEqualTo(Sentiment.Label.NEUTRAL);
		assertThat(Sentiment.Label.of(0.0501)).isEqualTo(Sentiment.Label.POSITIVE);
		assertThat(Sentiment.Label.of(-0.06)).isEqualTo(Sentiment.Label.NEGATIVE);
		assertThatThrownBy(() -> Tonality.of(List.of(new Tonality.Scored("a", 1.5))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Tonality.of(List.of())).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void perAuthorCountsGiveTheSameFiguresAsTheMessages() {
		Tonality.Result fromMessages = Tonality.of(seed());
		Tonality.Result fromCounts = Tonality.ofCounts(java.util.stream.IntStream.range(0, 1_000)
			.mapToObj(a -> a < 800 ? new Tonality.AuthorCounts("unhappy-" + a, 0, 1, 0)
					: new Tonality.AuthorCounts("fan-" + a, 10, 0, 0))
			.toList());
		assertThat(fromCounts.messages()).isEqualTo(fromMessages.messages());
		assertThat(fromCounts.perMessage()).isEqualTo(fromMessages.perMessage());
		assertThat(fromCounts.perAuthor()).isEqualTo(fromMessages.perAuthor());
		assertThat(fromCounts.effectiveSampleSize()).isEqualTo(fromMessages.effectiveSampleSize());
		assertThat(fromCounts.top10PercentShare()).isEqualTo(fromMessages.top10PercentShare());
	}

	@Test
	void manyAuthorsGetTheNormalApproximationOfTheSameInterval() {
		// 30,000 authors, a fifth of them positive: mean 0.2, standard error sqrt(0.16 /
		// 30,000) = 0.00231.
		double[] shares = new double[30_000];
		for (int i = 0; i < shares.length; i += 5) {
			shares[i] = 1;
		}
		double[] ci = Tonality.interval(shares, 1);
		assertThat(ci[0]).isCloseTo(0.2 - 1.96 * Math.sqrt(0.2 * 0.8 * 30_000 / 29_999 / 30_000),
				org.assertj.core.data.Offset.offset(1e-9));
		double[] boot = Tonality.bootstrap(shares, 1);
		assertThat(ci[0]).isCloseTo(boot[0], org.assertj.core.data.Offset.offset(0.001));
		assertThat(ci[1]).isCloseTo(boot[1], org.assertj.core.data.Offset.offset(0.001));
		// just past the switch (5,001 authors, 3 % positive: a skewed share), the two
		// still agree within 0.2 points
		double[] few = new double[Tonality.BOOTSTRAP_AUTHORS + 1];
		for (int i = 0; i < few.length; i += 33) {
			few[i] = 1;
		}
		double[] normal = Tonality.interval(few, 1);
		double[] resampled = Tonality.bootstrap(few, 1);
		assertThat(normal[0]).isCloseTo(resampled[0], org.assertj.core.data.Offset.offset(0.002));
		assertThat(normal[1]).isCloseTo(resampled[1], org.assertj.core.data.Offset.offset(0.002));
		assertThat(Tonality.interval(java.util.Arrays.copyOf(few, Tonality.BOOTSTRAP_AUTHORS), 1))
			.containsExactly(Tonality.bootstrap(java.util.Arrays.copyOf(few, Tonality.BOOTSTRAP_AUTHORS), 1));
	}

}
