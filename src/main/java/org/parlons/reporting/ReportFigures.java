package org.parlons.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The figures of a report, counted for one rollup row or summed over many: volumes, the
 * histograms of first-response and resolution times, service levels, public complaints,
 * escalations and approvals. The one shape the rollups are written in and the reports
 * read.
 */
final class ReportFigures {

	/** Upper bounds of the duration buckets, in minutes; the last is open-ended. */
	static final long[] BUCKETS = { 1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080, Long.MAX_VALUE };

	/** The histogram columns, first responses then resolutions: frt_0, …, res_11. */
	static final String BUCKET_COLUMNS = String.join(", ",
			Stream
				.concat(IntStream.range(0, BUCKETS.length).mapToObj(i -> "frt_" + i),
						IntStream.range(0, BUCKETS.length).mapToObj(i -> "res_" + i))
				.toList());

	/**
	 * The columns of {@code report_daily} after its key, in the order {@link #values()}
	 * gives them.
	 */
	static final String COLUMNS = "opened, first_responses, resolved, sla_due, sla_met, complaints, "
			+ "complaints_answered, escalations, approvals, approvals_decided, approval_minutes, " + BUCKET_COLUMNS
			+ ", next_responses, "
			+ String.join(", ", IntStream.range(0, BUCKETS.length).mapToObj(i -> "nrt_" + i).toList());

	/** The sums of {@link #COLUMNS}, as {@link #read} takes them. */
	static final String SUMS = Arrays.stream(COLUMNS.split(", "))
		.map(c -> "sum(" + c + ")")
		.collect(Collectors.joining(", "));

	int opened;

	int firstResponses;

	final long[] firstResponse = new long[BUCKETS.length];

	int resolved;

	int nextResponses;

	final long[] nextResponse = new long[BUCKETS.length];

	final long[] resolution = new long[BUCKETS.length];

	int slaDue;

	int slaMet;

	int complaints;

	int complaintsAnswered;

	int escalations;

	int approvals;

	int approvalsDecided;

	long approvalMinutes;

	long backlog;

	/** Satisfaction, read live from the surveys (not rolled up). */
	int surveys;

	int ratings;

	int satisfied;

	long scores;

	void answeredFirst(Duration after) {
		firstResponses++;
		firstResponse[bucket(after)]++;
	}

	void answeredNext(Duration after) {
		nextResponses++;
		nextResponse[bucket(after)]++;
	}

	void resolvedAfter(Duration after) {
		resolved++;
		resolution[bucket(after)]++;
	}

	/** The values of {@link #COLUMNS}. */
	List<Object> values() {
		List<Object> values = new ArrayList<>(List.of(opened, firstResponses, resolved, slaDue, slaMet, complaints,
				complaintsAnswered, escalations, approvals, approvalsDecided, approvalMinutes));
		Arrays.stream(firstResponse).forEach(values::add);
		Arrays.stream(resolution).forEach(values::add);
		values.add(nextResponses);
		Arrays.stream(nextResponse).forEach(values::add);
		return values;
	}

	/** Adds the row's {@link #SUMS}, read from column {@code at} on. */
	void read(ResultSet rs, int at) throws SQLException {
		opened += rs.getInt(at);
		firstResponses += rs.getInt(at + 1);
		resolved += rs.getInt(at + 2);
		slaDue += rs.getInt(at + 3);
		slaMet += rs.getInt(at + 4);
		complaints += rs.getInt(at + 5);
		complaintsAnswered += rs.getInt(at + 6);
		escalations += rs.getInt(at + 7);
		approvals += rs.getInt(at + 8);
		approvalsDecided += rs.getInt(at + 9);
		approvalMinutes += rs.getLong(at + 10);
		for (int i = 0; i < BUCKETS.length; i++) {
			firstResponse[i] += rs.getLong(at + 11 + i);
			resolution[i] += rs.getLong(at + 11 + BUCKETS.length + i);
		}
		nextResponses += rs.getInt(at + 11 + 2 * BUCKETS.length);
		for (int i = 0; i < BUCKETS.length; i++) {
			nextResponse[i] += rs.getLong(at + 12 + 2 * BUCKETS.length + i);
		}
	}

	Reports.Line line(String key, String name) {
		return new Reports.Line(key, name, opened, resolved, firstResponses, quantile(firstResponse, 0.5),
				quantile(firstResponse, 0.9), quantile(resolution, 0.5), quantile(resolution, 0.9), slaDue, slaMet,
				share(slaMet, slaDue), complaints, complaintsAnswered, share(complaintsAnswered, complaints),
				escalations, approvals, approvalsDecided == 0 ? null : (double) approvalMinutes / approvalsDecided,
				backlog, nextResponses, quantile(nextResponse, 0.5), quantile(nextResponse, 0.9), surveys, ratings,
				share(ratings, surveys), share(satisfied, ratings), ratings == 0 ? null : (double) scores / ratings);
	}

	private static @Nullable Double share(int part, int whole) {
		return whole == 0 ? null : (double) part / whole;
	}

	static int bucket(Duration d) {
		long minutes = Math.max(0, d.toMinutes());
		for (int i = 0; i < BUCKETS.length; i++) {
			if (minutes < BUCKETS[i]) {
				return i;
			}
		}
		return BUCKETS.length - 1;
	}

	/**
	 * The quantile {@code q} of a histogram, interpolated within its bucket (minutes).
	 */
	static @Nullable Double quantile(long[] buckets, double q) {
		long n = Arrays.stream(buckets).sum();
		if (n == 0) {
			return null;
		}
		double rank = q * n;
		long seen = 0;
		for (int i = 0; i < buckets.length; i++) {
			if (seen + buckets[i] >= rank && buckets[i] > 0) {
				double low = i == 0 ? 0 : BUCKETS[i - 1];
				double high = i == buckets.length - 1 ? low * 2 : BUCKETS[i];
				return low + (high - low) * (rank - seen) / buckets[i];
			}
			seen += buckets[i];
		}
		return null;
	}

}
