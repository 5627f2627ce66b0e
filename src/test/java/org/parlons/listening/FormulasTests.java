package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Every listening formula on cases computed by hand, the seeds' examples included.
 */
class FormulasTests {

	@Test
	void engagementRateNamesItsDenominatorAndGivesTheSeedsFigure() {
		// Seed 002: 1,407 likes for about 8.5 million fans (1407 / 0.000166) is 0.0166 %.
		Engagement.Rate rate = Engagement.rate(1_407, Engagement.Denominator.FOLLOWERS, 8_476_000);
		assertThat(rate.value()).isCloseTo(0.000166, within(0.0000005));
		assertThat(rate.describe()).isEqualTo("0.0166 % of 8,476,000 followers");
		assertThat(Engagement.rate(50, Engagement.Denominator.REACH, 1_000).value()).isEqualTo(0.05);
		assertThatIllegalArgumentException().isThrownBy(() -> Engagement.rate(1, Engagement.Denominator.REACH, 0));
	}

	@Test
	void halfLifeOfADecayingPost() {
		// 800, 400, 200, 100 interactions in hours 0 to 3: halves every hour.
		List<Engagement.Observation> hours = List.of(new Engagement.Observation(0, 800),
				new Engagement.Observation(1, 400), new Engagement.Observation(2, 200),
				new Engagement.Observation(3, 100));
		assertThat(Engagement.halfLifeHours(hours)).isCloseTo(1.0, within(1e-9));
		// 1,000 then 250 two hours later: a quarter in two hours, so a half-life of one
		// hour, with an empty hour ignored.
		assertThat(Engagement.halfLifeHours(List.of(new Engagement.Observation(0, 1000),
				new Engagement.Observation(1, 0), new Engagement.Observation(2, 250))))
			.isCloseTo(1.0, within(1e-9));
		assertThatIllegalArgumentException().isThrownBy(() -> Engagement
			.halfLifeHours(List.of(new Engagement.Observation(0, 10), new Engagement.Observation(1, 20))));
	}

	@Test
	void uniqueReachByRandomDuplicationIsLabelledAnEstimate() {
		// Two posts reaching 10 % and 20 % of 1,000 people: 1 − 0.9 × 0.8 = 28 % of them.
		Reach.Unique two = Reach.estimated(1_000, 100, 200);
		assertThat(two.people()).isCloseTo(280, within(1e-9));
		assertThat(two.measured()).isFalse();
		assertThat(two.method()).startsWith("estimate");
		// Seed 002: 100 posts reaching 100 fans each, of 8.476 million: barely less than
		// 10,000 people.
		long[] posts = new long[100];
		java.util.Arrays.fill(posts, 100);
		assertThat(Reach.estimated(8_476_000, posts).people()).isBetween(9_994.0, 10_000.0);
		assertThatIllegalArgumentException().isThrownBy(() -> Reach.estimated(10, 11));
	}

	@Test
	void uniqueReachOfKnownAudiencesIsMeasured() {
		// a..j and f..o: 15 different people.
		List<String> first = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
		List<String> second = List.of("f", "g", "h", "i", "j", "k", "l", "m", "n", "o");
		Reach.Unique union = Reach.measured(List.of(first, second));
		assertThat(union.people()).isEqualTo(15);
		assertThat(union.measured()).isTrue();
		// 20,000 and 20,000 people overlapping by 10,000: 30,000, within the sketch's 1
		// %.
		List<String> big1 = new java.util.ArrayList<>();
		List<String> big2 = new java.util.ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			big1.add("p" + i);
			big2.add("p" + (i + 10_000));
		}
		assertThat(Reach.measured(List.of(big1, big2)).people()).isCloseTo(30_000, within(300.0));
	}

	@Test
	void groupsOfPeopleGiveTheirSumTheirUnionAndTheDuplicationBetween() {
		// x: a..j (10), mastodon: f..o (10): 20 summed, 15 different, a quarter of the
		// sum counted twice
		Reach.Groups groups = new Reach.Groups();
		"abcdefghij".chars().forEach(c -> groups.add("x", String.valueOf((char) c)));
		"fghijklmno".chars().forEach(c -> groups.add("mastodon", String.valueOf((char) c)));
		groups.add("x", "a"); // twice in one group is still one person
		assertThat(groups.each()).containsExactly(Map.entry("mastodon", 10L), Map.entry("x", 10L));
		assertThat(groups.sum()).isEqualTo(20);
		assertThat(groups.union()).isEqualTo(15);
		assertThat(groups.duplication()).isCloseTo(0.25, within(1e-12));
		assertThat(new Reach.Groups().duplication()).isZero();
		// 20,000 and 20,000 overlapping by 10,000: a quarter again, within the sketches'
		// error
		Reach.Groups big = new Reach.Groups();
		for (int i = 0; i < 20_000; i++) {
			big.add("monday", "p" + i);
			big.add("tuesday", "p" + (i + 10_000));
		}
		assertThat(big.union()).isCloseTo(30_000, within(300L));
		assertThat(big.duplication()).isCloseTo(0.25, within(0.015));
	}

	@Test
	void burstsArePoissonZScoresAgainstTheSameHourOfPreviousWeeks() {
		Instant hour = Instant.parse("2026-11-23T14:00:00Z"); // a Monday, 14:00
		Map<Instant, Long> counts = new HashMap<>();
		long[] previous = { 10, 12, 8, 10 };
		for (int w = 1; w <= 4; w++) {
			counts.put(hour.minus(7L * w, ChronoUnit.DAYS), previous[w - 1]);
		}
		counts.put(hour.minus(1, ChronoUnit.DAYS), 500L); // another hour of the week:
															// ignored
		double baseline = Bursts.baseline(hour.plusSeconds(1234), counts);
		assertThat(baseline).isEqualTo(10.0);
		assertThat(Bursts.zScore(40, baseline)).isCloseTo(30 / Math.sqrt(10), within(1e-12)); // 9.49:
																								// a
																								// burst
		assertThat(Bursts.zScore(12, baseline)).isLessThan(Bursts.ALERT);
		assertThat(Bursts.zScore(3, 0.1)).isEqualTo(2.0); // a quiet hour's baseline
															// counts as one mention
		assertThat(Bursts.hourOfWeek(hour)).isEqualTo(14);
		assertThat(Bursts.hourOfWeek(Instant.parse("2026-11-29T23:00:00Z"))).isEqualTo(167); // Sunday
																								// 23:00
	}

	@Test
	void shareOfVoiceAndNetSentimentWithItsInterval() {
		List<ShareOfVoice.Brand> brands = List.of(new ShareOfVoice.Brand("Téléo", List.of("teleo", "téléo")),
				new ShareOfVoice.Brand("Orange", List.of("orange")));
		List<ShareOfVoice.Labelled> mentions = List.of(
				new ShareOfVoice.Labelled("Téléo au top", Sentiment.Label.POSITIVE),
				new ShareOfVoice.Labelled("teleo en panne", Sentiment.Label.NEGATIVE),
				new ShareOfVoice.Labelled("Téléo, bof", Sentiment.Label.NEGATIVE),
				new ShareOfVoice.Labelled("Orange rapide", Sentiment.Label.POSITIVE),
				new ShareOfVoice.Labelled("rien à voir", Sentiment.Label.NEUTRAL));
		List<ShareOfVoice.Voice> voices = ShareOfVoice.of(brands, mentions);
		assertThat(voices.get(0).mentions()).isEqualTo(3);
		assertThat(voices.get(0).share()).isEqualTo(0.75);
		assertThat(voices.get(1).share()).isEqualTo(0.25);
		// Téléo: p = 1/3, q = 2/3, net = −1/3; variance (1 − 1/9) / 3 = 8/27; half-width
		// 1.96 × 0.5443 = 1.067.
		assertThat(voices.get(0).netSentiment()).isCloseTo(-1 / 3.0, within(1e-12));
		assertThat(voices.get(0).netCi95()[0]).isEqualTo(-1.0);
		assertThat(voices.get(0).netCi95()[1]).isCloseTo(-1 / 3.0 + 1.96 * Math.sqrt(8 / 27.0), within(1e-12));
		double[] big = ShareOfVoice.net(600, 200, 1_000); // net 0.4, variance (0.8 −
															// 0.16) / 1000
		assertThat(big[1]).isCloseTo(0.4 - 1.96 * Math.sqrt(0.00064), within(1e-12));
	}

}
