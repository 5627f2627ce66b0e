package org.parlons.network;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parlons.network.Ties.Node;
import org.parlons.network.Ties.Source;
import org.parlons.network.Ties.Tie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The strength of a tie, figure by figure: what each kind of evidence gives, what
 * frequency, reciprocity and time do to it, how two pieces combine.
 */
class StrengthTests {

	static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	static final Duration HALF = Duration.ofDays(180);

	static Tie tie(Source source, int aToB, int bToA, Instant first, Instant last) {
		return new Tie(Node.agent(1), Node.customer(2), source, aToB, bToA, null, first, last);
	}

	@Test
	void anExchangeCountsHalfAsMuchAfterItsHalfLifeAndNeverBelowItsFloor() {
		Tie today = tie(Source.EMAIL, 3, 3, NOW, NOW);
		Tie older = tie(Source.EMAIL, 3, 3, NOW, NOW.minus(HALF));
		Tie ancient = tie(Source.EMAIL, 3, 3, NOW, NOW.minus(HALF.multipliedBy(20)));
		double fresh = Strength.share(today, NOW, HALF);
		assertThat(fresh).isCloseTo(0.25 + 0.45 * (1 - Math.exp(-1)), within(1e-12));
		assertThat(Strength.share(older, NOW, HALF)).isCloseTo(fresh / 2, within(1e-12));
		assertThat(Strength.share(ancient, NOW, HALF)).isCloseTo(fresh * 0.1, within(1e-12));
	}

	@Test
	void oneWayCountsLessThanBothWaysAndMoreExchangesCountMore() {
		double both = Strength.share(tie(Source.CONVERSATION, 2, 2, NOW, NOW), NOW, HALF);
		double oneWay = Strength.share(tie(Source.CONVERSATION, 4, 0, NOW, NOW), NOW, HALF);
		assertThat(oneWay).isCloseTo(both * 0.6, within(1e-12));
		assertThat(Strength.share(tie(Source.CONVERSATION, 10, 10, NOW, NOW), NOW, HALF)).isGreaterThan(both);
	}

	@Test
	void anImportedConnectionAgesFourTimesSlowerAndKeepsSixtyPercent() {
		Tie new_ = tie(Source.LINKEDIN, 1, 1, NOW, NOW);
		Tie old = tie(Source.LINKEDIN, 1, 1, NOW.minus(HALF.multipliedBy(4)), NOW);
		Tie forgotten = tie(Source.LINKEDIN, 1, 1, NOW.minus(HALF.multipliedBy(400)), NOW);
		assertThat(Strength.share(new_, NOW, HALF)).isCloseTo(0.35, within(1e-12));
		assertThat(Strength.share(old, NOW, HALF)).isCloseTo(0.35 * 0.8, within(1e-12));
		assertThat(Strength.share(forgotten, NOW, HALF)).isCloseTo(0.35 * 0.6, within(1e-9));
	}

	@Test
	void evidenceCombinesAsIndependentChancesAndNeverReachesCertainty() {
		Tie linkedIn = tie(Source.LINKEDIN, 1, 1, NOW, NOW);
		Tie met = tie(Source.MEETING, 1, 1, NOW, NOW);
		assertThat(Strength.share(met, NOW, HALF)).as("one meeting").isCloseTo(0.55, within(1e-12));
		assertThat(Strength.of(List.of(linkedIn, met), NOW, HALF)).isCloseTo(1 - 0.65 * 0.45, within(1e-12));
		List<Tie> everything = List.of(linkedIn, met, tie(Source.MEETING, 40, 40, NOW, NOW),
				tie(Source.EMAIL, 50, 50, NOW, NOW), tie(Source.VCARD, 1, 1, NOW, NOW));
		assertThat(Strength.of(everything, NOW, HALF)).isEqualTo(Strength.MAX);
		assertThat(Strength.of(List.of(), NOW, HALF)).isZero();
	}

}
