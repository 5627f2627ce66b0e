package org.parlons.representation;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schulze method on its own worked example (Schulze 2011; the Wikipedia article's 45
 * voters and 5 candidates): the pairwise preferences, the strongest paths and the winner
 * E.
 */
class SchulzeTests {

	static final long A = 1, B = 2, C = 3, D = 4, E = 5;

	/** The example's ballots: how many voters cast each order. */
	static List<List<Long>> ballots() {
		List<List<Long>> ballots = new ArrayList<>();
		add(ballots, 5, A, C, B, E, D);
		add(ballots, 5, A, D, E, C, B);
		add(ballots, 8, B, E, D, A, C);
		add(ballots, 3, C, A, B, E, D);
		add(ballots, 7, C, A, E, B, D);
		add(ballots, 2, C, B, A, D, E);
		add(ballots, 7, D, C, E, B, A);
		add(ballots, 8, E, B, A, D, C);
		return ballots;
	}

	static void add(List<List<Long>> ballots, int voters, Long... order) {
		for (int i = 0; i < voters; i++) {
			ballots.add(List.of(order));
		}
	}

	static final int[][] PAIRWISE = { { 0, 20, 26, 30, 22 }, { 25, 0, 16, 33, 18 }, { 19, 29, 0, 17, 24 },
			{ 15, 12, 28, 0, 14 }, { 23, 27, 21, 31, 0 } };

	static final int[][] STRONGEST = { { 0, 28, 28, 30, 24 }, { 25, 0, 28, 33, 24 }, { 25, 29, 0, 29, 24 },
			{ 25, 28, 28, 0, 24 }, { 25, 28, 28, 31, 0 } };

	@Test
	void theWorkedExampleElectsEWithThePublishedMatrices() {
		List<List<Long>> ballots = ballots();
		assertThat(ballots).hasSize(45);
		Schulze.Count count = Schulze.count(List.of(A, B, C, D, E), ballots);
		assertThat(count.d()).isDeepEqualTo(PAIRWISE);
		assertThat(count.p()).isDeepEqualTo(STRONGEST);
		assertThat(count.winners()).containsExactly(E);
		assertThat(count.order()).containsExactly(E, A, C, B, D);
	}

	@Test
	void candidatesLeftOffABallotRankBelowThoseItNamesAndTieAmongThemselves() {
		Schulze.Count count = Schulze.count(List.of(A, B, C), List.of(List.of(B), List.of(B), List.of(C, A)));
		assertThat(count.d()[1][0]).isEqualTo(2);
		assertThat(count.d()[1][2]).isEqualTo(2);
		assertThat(count.d()[0][2]).as("A and C left out by two ballots: no preference").isZero();
		assertThat(count.winners()).containsExactly(B);
	}

}
