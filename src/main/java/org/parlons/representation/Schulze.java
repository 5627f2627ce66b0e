package org.parlons.representation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Schulze method (Markus Schulze, 2011): from ranked ballots, d[i][j] is how many
 * voters prefer candidate i to j; p[i][j] the strength of the strongest path from i to j
 * (a path's strength is its weakest link, a link i→j exists when d[i][j] > d[j][i]),
 * computed as widest paths. i beats j when p[i][j] > p[j][i]; the winners are the
 * candidates nobody beats, and the order of all is by how many each beats. A candidate a
 * ballot leaves out is ranked below every candidate it names, tied with the other left
 * out.
 */
public final class Schulze {

	/**
	 * The count.
	 *
	 * @param candidates the candidates, in the order of the matrices
	 * @param d d[i][j]: voters preferring candidates[i] to candidates[j]
	 * @param p p[i][j]: the strength of the strongest path from i to j
	 * @param order all candidates, the best first (ties broken by the order given)
	 * @param winners those nobody beats
	 */
	public record Count(List<Long> candidates, int[][] d, int[][] p, List<Long> order, List<Long> winners) {
	}

	private Schulze() {
	}

	/** Counts ranked ballots, each a list of candidates from the most preferred. */
	public static Count count(List<Long> candidates, List<List<Long>> ballots) {
		int n = candidates.size();
		int[][] d = new int[n][n];
		for (List<Long> ballot : ballots) {
			int[] rank = new int[n];
			java.util.Arrays.fill(rank, Integer.MAX_VALUE);
			for (int r = 0; r < ballot.size(); r++) {
				int i = candidates.indexOf(ballot.get(r));
				if (i >= 0 && rank[i] == Integer.MAX_VALUE) {
					rank[i] = r;
				}
			}
			for (int i = 0; i < n; i++) {
				for (int j = 0; j < n; j++) {
					if (i != j && rank[i] < rank[j]) {
						d[i][j]++;
					}
				}
			}
		}
		int[][] p = new int[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				if (i != j) {
					p[i][j] = d[i][j] > d[j][i] ? d[i][j] : 0;
				}
			}
		}
		for (int k = 0; k < n; k++) {
			for (int i = 0; i < n; i++) {
				if (i == k) {
					continue;
				}
				for (int j = 0; j < n; j++) {
					if (j != i && j != k) {
						p[i][j] = Math.max(p[i][j], Math.min(p[i][k], p[k][j]));
					}
				}
			}
		}
		int[] beats = new int[n];
		List<Long> winners = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			boolean beaten = false;
			for (int j = 0; j < n; j++) {
				if (i != j && p[i][j] > p[j][i]) {
					beats[i]++;
				}
				if (i != j && p[j][i] > p[i][j]) {
					beaten = true;
				}
			}
			if (!beaten) {
				winners.add(candidates.get(i));
			}
		}
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			indexes.add(i);
		}
		indexes.sort(Comparator.comparingInt((Integer i) -> -beats[i]).thenComparingInt(i -> i));
		return new Count(List.copyOf(candidates), d, p, indexes.stream().map(candidates::get).toList(),
				List.copyOf(winners));
	}

}
