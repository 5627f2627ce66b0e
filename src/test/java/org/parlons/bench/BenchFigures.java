package org.parlons.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/** What the in-process benchmarks share: one number from the database, a percentile. */
final class BenchFigures {

	private BenchFigures() {
	}

	/** The first column of the first row. */
	static long single(Connection db, String sql) throws Exception {
		try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** A percentile of durations in nanoseconds, in milliseconds. */
	static double ms(long[] ns, int percentile) {
		long[] sorted = ns.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
	}

}
