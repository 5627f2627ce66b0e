package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-person figures over busy periods read a hashed sample of the authors: the levels
 * are nested and of the announced size, the summary switches to the sample past its
 * threshold, and per-message figures stay exact (from the rollups) when the per-person
 * ones are estimated.
 */
@SpringBootTest
class SamplesTests {

	@Autowired
	Mentions mentions;

	@Autowired
	ListeningFigures figures;

	@Test
	void levelsAreNestedRandomSharesOfTheAuthors() {
		int[] atLeast = new int[3];
		int n = 200_000;
		for (int i = 0; i < n; i++) {
			int level = Samples.authorLevel("x:" + i);
			for (int l = 0; l <= level; l++) {
				atLeast[l]++;
			}
		}
		assertThat(atLeast[0]).isEqualTo(n);
		assertThat((double) atLeast[1] / n).isCloseTo(1 / 16.0, within(0.003));
		assertThat((double) atLeast[2] / n).isCloseTo(1 / 256.0, within(0.0007));
		assertThat(Samples.authorLevel("customer:42")).isEqualTo(Samples.authorLevel("customer:42"));
		assertThat(Samples.levelFor(40_000, 40_000)).isZero();
		assertThat(Samples.levelFor(40_001, 40_000)).isEqualTo(1);
		assertThat(Samples.levelFor(640_000, 40_000)).isEqualTo(1);
		assertThat(Samples.levelFor(10_000_000, 40_000)).isEqualTo(2);
		assertThat(Samples.levelFor(100_000_000, 40_000)).isEqualTo(2);
	}

	@Test
	void pastTheThresholdPerPersonFiguresComeFromTheSampledAuthorsAndPerMessageOnesStayExact() {
		String network = "s" + UUID.randomUUID().toString().substring(0, 8);
		LocalDate day = LocalDate.of(2025, 3, 3);
		Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
		List<String> sampled = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (int i = 0; sampled.size() < 10 || others.size() < 10; i++) {
			String key = network + ":" + i;
			if (Samples.authorLevel(key) >= 1 && sampled.size() < 10) {
				sampled.add(key);
			}
			else if (Samples.authorLevel(key) == 0 && others.size() < 10) {
				others.add(key);
			}
		}
		List<Mentions.NewMention> rows = new ArrayList<>();
		int id = 0;
		for (String key : sampled) { // the sampled authors are all happy
			rows.add(new Mentions.NewMention("feed", 0, network, network + "-" + id++, key, key, "Super", "fr", 0.8,
					Sentiment.Label.POSITIVE, null, at, null));
		}
		for (String key : others) { // the others all unhappy, twice each
			for (int m = 0; m < 2; m++) {
				rows.add(new Mentions.NewMention("feed", 0, network, network + "-" + id++, key, key, "Nul", "fr", -0.8,
						Sentiment.Label.NEGATIVE, null, at, null));
			}
		}
		assertThat(mentions.saveAll(rows)).isEqualTo(30);
		var filter = new ListeningFigures.Filter(day.atStartOfDay().toInstant(ZoneOffset.UTC),
				day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), network, null, null, null);

		ListeningFigures.Summary exact = figures.summary(filter, 1_000);
		assertThat(exact.sampleDenominator()).isEqualTo(1);
		assertThat(exact.tonality().authors()).isEqualTo(20);
		assertThat(exact.tonality().perAuthor().positive()).isCloseTo(0.5, within(1e-12));

		ListeningFigures.Summary estimated = figures.summary(filter, 2); // 30 mentions /
																			// 16 <= 2
		assertThat(estimated.sampleDenominator()).isEqualTo(16);
		assertThat(estimated.tonality().authors()).isEqualTo(10);
		assertThat(estimated.tonality().perAuthor().positive()).isCloseTo(1.0, within(1e-12));
		assertThat(estimated.tonality().perMessage().positive()).isCloseTo(10 / 30.0, within(1e-12));
		assertThat(estimated.tonality().messages()).isEqualTo(30);
		assertThat(estimated.mentions()).isEqualTo(30);
		// the loudest authors come from the mentions' own sample: each count stands for
		// 16
		assertThat(estimated.loudest()).allSatisfy(a -> assertThat(a.mentions() % 16).isZero());
		assertThat(exact.loudest().get(0).mentions()).isEqualTo(2);
	}

	@Test
	void theLoudestAuthorsOfABusyPeriodAreFoundInTheMentionSample() {
		String network = "l" + UUID.randomUUID().toString().substring(0, 8);
		LocalDate day = LocalDate.of(2025, 4, 4);
		Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
		List<Mentions.NewMention> rows = new ArrayList<>();
		for (int i = 0; i < 3_200; i++) { // one author writes 1,600 times, the others
											// once each
			String key = i % 2 == 0 ? network + ":loud" : network + ":" + i;
			rows.add(new Mentions.NewMention("feed", 0, network, network + "-" + i, key, key, "Encore", "fr", -0.5,
					Sentiment.Label.NEGATIVE, null, at, null));
		}
		mentions.saveAll(rows);
		var filter = new ListeningFigures.Filter(day.atStartOfDay().toInstant(ZoneOffset.UTC),
				day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), network, null, null, null);
		ListeningFigures.Summary estimated = figures.summary(filter, 400); // 3,200 / 16
																			// <= 400
		assertThat(estimated.sampleDenominator()).isEqualTo(16);
		ListeningFigures.Author loudest = estimated.loudest().get(0);
		assertThat(loudest.key()).isEqualTo(network + ":loud");
		// 1,600 of 3,200 mentions: the sample's count times 16, within a few standard
		// deviations
		assertThat(loudest.mentions()).isBetween(1_600 - 4 * 16 * 10, 1_600 + 4 * 16 * 10);
		assertThat(figures.summary(filter, 10_000).loudest().get(0).mentions()).isEqualTo(1_600);
	}

	@Test
	void anInboxFilterCountsOnlyThatInboxInTheRollupsTheSamplesAndTheRows() {
		String network = "i" + UUID.randomUUID().toString().substring(0, 8);
		long inboxA = 900_000_000L + (network.hashCode() & 0xffff) * 2L;
		long inboxB = inboxA + 1;
		LocalDate day = LocalDate.of(2025, 5, 5);
		Instant at = day.atTime(11, 0).toInstant(ZoneOffset.UTC);
		List<String> sampled = new ArrayList<>();
		List<String> others = new ArrayList<>();
		for (int i = 0; sampled.size() < 20 || others.size() < 10; i++) {
			String key = network + ":" + i;
			if (Samples.authorLevel(key) >= 1 && sampled.size() < 20) {
				sampled.add(key);
			}
			else if (Samples.authorLevel(key) == 0 && others.size() < 10) {
				others.add(key);
			}
		}
		List<Mentions.NewMention> rows = new ArrayList<>();
		int id = 0;
		for (String key : sampled.subList(0, 10)) { // inbox A: sampled authors, happy
			rows.add(new Mentions.NewMention(Mentions.INBOX, inboxA, network, network + "-" + id++, key, key, "Super",
					"fr", 0.8, Sentiment.Label.POSITIVE, null, at, null));
		}
		for (String key : others) { // inbox A: authors outside the sample, unhappy twice
			for (int m = 0; m < 2; m++) {
				rows.add(new Mentions.NewMention(Mentions.INBOX, inboxA, network, network + "-" + id++, key, key, "Nul",
						"fr", -0.8, Sentiment.Label.NEGATIVE, null, at, null));
			}
		}
		for (String key : sampled.subList(10, 20)) { // inbox B: sampled authors, unhappy
			rows.add(new Mentions.NewMention(Mentions.INBOX, inboxB, network, network + "-" + id++, key, key, "Nul",
					"fr", -0.8, Sentiment.Label.NEGATIVE, null, at, null));
		}
		assertThat(mentions.saveAll(rows)).isEqualTo(40);
		Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
		Instant to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		var a = new ListeningFigures.Filter(from, to, network, null, null, null, null, inboxA, null);
		var b = new ListeningFigures.Filter(from, to, network, null, null, null, null, inboxB, null);
		var both = new ListeningFigures.Filter(from, to, network, null, null, null, null, null, null);
		// a reader who sees inbox B only, both inboxes, or none of them
		var seesB = new ListeningFigures.Filter(from, to, network, null, null, null, null, null, Set.of(inboxB));
		var seesBoth = new ListeningFigures.Filter(from, to, network, null, null, null, null, null,
				Set.of(inboxA, inboxB));
		var seesNone = new ListeningFigures.Filter(from, to, network, null, null, null, null, null, Set.of());
		assertThat(figures.volume(seesB).mentions()).isEqualTo(10);
		assertThat(figures.volume(seesBoth).mentions()).isEqualTo(40);
		assertThat(figures.volume(seesNone).mentions()).isZero();
		assertThat(figures.mentions(seesB, 0, 100)).hasSize(10);
		assertThat(figures.count(seesNone)).isZero();

		assertThat(figures.volume(a).mentions()).isEqualTo(30);
		assertThat(figures.volume(a).negative()).isEqualTo(20);
		assertThat(figures.volume(b).mentions()).isEqualTo(10);
		assertThat(figures.volume(both).mentions()).isEqualTo(40);
		assertThat(figures.count(a)).isEqualTo(30);
		assertThat(figures.mentions(b, 0, 50)).hasSize(10)
			.allSatisfy(m -> assertThat(m.label()).isEqualTo(Sentiment.Label.NEGATIVE));

		ListeningFigures.Summary exactA = figures.summary(a, 1_000);
		assertThat(exactA.tonality().authors()).isEqualTo(20);
		assertThat(exactA.tonality().perAuthor().positive()).isCloseTo(0.5, within(1e-12));
		// only inbox A's sampled authors, who are all happy; inbox B's unhappy sampled
		// authors stay out
		ListeningFigures.Summary sampledA16 = figures.summary(a, 2); // 30 / 16 <= 2
		assertThat(sampledA16.sampleDenominator()).isEqualTo(16);
		assertThat(sampledA16.tonality().authors()).isEqualTo(10);
		assertThat(sampledA16.tonality().perAuthor().positive()).isCloseTo(1.0, within(1e-12));
		ListeningFigures.Summary sampledBoth = figures.summary(both, 3); // 40 / 16 <= 3
		assertThat(sampledBoth.tonality().authors()).isEqualTo(20);
		assertThat(sampledBoth.tonality().perAuthor().positive()).isCloseTo(0.5, within(1e-12));
	}

}
