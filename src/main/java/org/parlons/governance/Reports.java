package org.parlons.governance;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Team and individual figures over a period, read from the daily rollups: volumes, first-response and
 * resolution times as median and 90th percentile (from the duration histograms), service-level
 * attainment, the share of public complaints answered (seed 001's "only a third"), escalations and
 * approvals; the backlog and the approvals waiting are read live. Each figure says its denominator.
 */
@Service
public class Reports {

	/** How lines are grouped. */
	public enum By {

		CHANNEL, INBOX, TEAM, AGENT;

		public static By of(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("by is channel, inbox, team or agent, not " + value);
			}
		}

	}

	/** One line of a report. */
	public record Line(String key, String name, int opened, int resolved, int firstResponses,
			@Nullable Double firstResponseMedianMinutes, @Nullable Double firstResponseP90Minutes,
			@Nullable Double resolutionMedianMinutes, @Nullable Double resolutionP90Minutes, int slaDue, int slaMet,
			@Nullable Double slaAttainment, int publicComplaints, int publicComplaintsAnswered,
			@Nullable Double publicComplaintsAnsweredShare, int escalations, int approvals,
			@Nullable Double approvalDelayMeanMinutes, long backlog) {
	}

	/** The rollup sums every report reads, in the order {@link Acc#add(java.sql.ResultSet, int, int)} takes them. */
	private static final String SUMS = "sum(opened), sum(first_responses), sum(resolved), sum(sla_due), sum(sla_met), "
			+ "sum(complaints), sum(complaints_answered), sum(escalations), sum(approvals), sum(approvals_decided), "
			+ "sum(approval_minutes), " + Arrays.stream(ReportRollups.BUCKET_COLUMNS.split(", "))
				.map(c -> "sum(" + c + ")")
				.collect(Collectors.joining(", "));

	private final JdbcTemplate jdbc;

	private final Inboxes inboxes;

	private final Teams teams;

	private final Agents agents;

	Reports(JdbcTemplate jdbc, Inboxes inboxes, Teams teams, Agents agents) {
		this.jdbc = jdbc;
		this.inboxes = inboxes;
		this.teams = teams;
		this.agents = agents;
	}

	/** The report for the days from {@code first} to {@code last} (both included, UTC), one line per group and a total. */
	public List<Line> of(LocalDate first, LocalDate last, By by) {
		Map<Long, String> channelOf = new LinkedHashMap<>();
		Map<Long, String> inboxNames = new LinkedHashMap<>();
		for (Inbox i : inboxes.findAll()) {
			channelOf.put(i.id(), i.channel());
			inboxNames.put(i.id(), i.name());
		}
		Map<String, Acc> groups = new LinkedHashMap<>();
		Acc total = new Acc();
		int b = ReportRollups.BUCKETS.length;
		jdbc.query("select inbox_id, team_id, agent_id, " + SUMS + " from report_daily where report_day >= ? and report_day <= ? "
				+ "group by inbox_id, team_id, agent_id", rs -> {
					String key = key(by, rs.getLong(1), rs.getLong(2), rs.getLong(3), channelOf);
					groups.computeIfAbsent(key, k -> new Acc()).add(rs, 4, b);
					total.add(rs, 4, b);
				}, Date.valueOf(first), Date.valueOf(last));
		jdbc.query("select inbox_id, coalesce(team_id, 0), coalesce(assignee_id, 0), count(*) from conversation "
				+ "where status <> 'RESOLVED' group by inbox_id, team_id, assignee_id", rs -> {
					String key = key(by, rs.getLong(1), rs.getLong(2), rs.getLong(3), channelOf);
					groups.computeIfAbsent(key, k -> new Acc()).backlog += rs.getLong(4);
					total.backlog += rs.getLong(4);
				});
		Map<Long, String> teamNames = new LinkedHashMap<>();
		teams.findAll().forEach(t -> teamNames.put(t.id(), t.name()));
		Map<Long, String> agentNames = new LinkedHashMap<>();
		agents.findAll().forEach(a -> agentNames.put(a.id(), a.name()));
		List<Line> lines = new ArrayList<>();
		groups.forEach((key, a) -> lines.add(a.line(key, name(by, key, inboxNames, teamNames, agentNames))));
		lines.sort(Comparator.comparing(Line::name));
		lines.add(total.line("total", "Total"));
		return lines;
	}

	/** One day of the whole installation, for the charts. */
	public record Day(LocalDate day, int opened, int resolved, @Nullable Double firstResponseMedianMinutes,
			@Nullable Double firstResponseP90Minutes, int slaDue, @Nullable Double slaAttainment, int publicComplaints,
			@Nullable Double publicComplaintsAnsweredShare, int escalations) {
	}

	/** Every day from {@code first} to {@code last} (both included, UTC), days without activity included. */
	public List<Day> daily(LocalDate first, LocalDate last) {
		Map<LocalDate, Acc> days = new java.util.TreeMap<>();
		for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
			days.put(d, new Acc());
		}
		int b = ReportRollups.BUCKETS.length;
		jdbc.query("select report_day, " + SUMS + " from report_daily where report_day >= ? and report_day <= ? "
				+ "group by report_day", rs -> {
					Acc a = days.get(rs.getDate(1).toLocalDate());
					if (a != null) {
						a.add(rs, 2, b);
					}
				}, Date.valueOf(first), Date.valueOf(last));
		List<Day> out = new ArrayList<>(days.size());
		days.forEach((day, a) -> {
			Line l = a.line("day", day.toString());
			out.add(new Day(day, l.opened(), l.resolved(), l.firstResponseMedianMinutes(), l.firstResponseP90Minutes(),
					l.slaDue(), l.slaAttainment(), l.publicComplaints(), l.publicComplaintsAnsweredShare(), l.escalations()));
		});
		return out;
	}

	private static String key(By by, long inbox, long team, long agent, Map<Long, String> channelOf) {
		return switch (by) {
			case CHANNEL -> channelOf.getOrDefault(inbox, "?");
			case INBOX -> Long.toString(inbox);
			case TEAM -> Long.toString(team);
			case AGENT -> Long.toString(agent);
		};
	}

	private static String name(By by, String key, Map<Long, String> inboxes, Map<Long, String> teams,
			Map<Long, String> agents) {
		return switch (by) {
			case CHANNEL -> key;
			case INBOX -> inboxes.getOrDefault(Long.parseLong(key), "#" + key);
			case TEAM -> "0".equals(key) ? "(no team)" : teams.getOrDefault(Long.parseLong(key), "#" + key);
			case AGENT -> "0".equals(key) ? "(unassigned)" : agents.getOrDefault(Long.parseLong(key), "#" + key);
		};
	}

	/** The quantile {@code q} of a histogram, interpolated within its bucket (minutes). */
	static @Nullable Double quantile(long[] buckets, double q) {
		long n = Arrays.stream(buckets).sum();
		if (n == 0) {
			return null;
		}
		double rank = q * n;
		long seen = 0;
		for (int i = 0; i < buckets.length; i++) {
			if (seen + buckets[i] >= rank && buckets[i] > 0) {
				double low = i == 0 ? 0 : ReportRollups.BUCKETS[i - 1];
				double high = i == buckets.length - 1 ? low * 2 : ReportRollups.BUCKETS[i];
				return low + (high - low) * (rank - seen) / buckets[i];
			}
			seen += buckets[i];
		}
		return null;
	}

	/** Sums of rollup rows. */
	private static final class Acc {

		int opened;

		int firstResponses;

		long[] firstResponse = new long[ReportRollups.BUCKETS.length];

		int resolved;

		long[] resolution = new long[ReportRollups.BUCKETS.length];

		int slaDue;

		int slaMet;

		int complaints;

		int complaintsAnswered;

		int escalations;

		int approvals;

		int approvalsDecided;

		long approvalMinutes;

		long backlog;

		/** Adds a row of {@link #SUMS} read from column {@code at} on. */
		void add(java.sql.ResultSet rs, int at, int buckets) throws java.sql.SQLException {
			long[] frt = new long[buckets];
			long[] res = new long[buckets];
			for (int i = 0; i < buckets; i++) {
				frt[i] = rs.getLong(at + 11 + i);
				res[i] = rs.getLong(at + 11 + buckets + i);
			}
			add(rs.getInt(at), rs.getInt(at + 1), frt, rs.getInt(at + 2), res, rs.getInt(at + 3), rs.getInt(at + 4),
					rs.getInt(at + 5), rs.getInt(at + 6), rs.getInt(at + 7), rs.getInt(at + 8), rs.getInt(at + 9),
					rs.getLong(at + 10));
		}

		void add(int opened, int firstResponses, long[] frt, int resolved, long[] res, int slaDue, int slaMet,
				int complaints, int complaintsAnswered, int escalations, int approvals, int approvalsDecided,
				long approvalMinutes) {
			this.opened += opened;
			this.firstResponses += firstResponses;
			this.resolved += resolved;
			for (int i = 0; i < frt.length; i++) {
				firstResponse[i] += frt[i];
				resolution[i] += res[i];
			}
			this.slaDue += slaDue;
			this.slaMet += slaMet;
			this.complaints += complaints;
			this.complaintsAnswered += complaintsAnswered;
			this.escalations += escalations;
			this.approvals += approvals;
			this.approvalsDecided += approvalsDecided;
			this.approvalMinutes += approvalMinutes;
		}

		Line line(String key, String name) {
			return new Line(key, name, opened, resolved, firstResponses, quantile(firstResponse, 0.5),
					quantile(firstResponse, 0.9), quantile(resolution, 0.5), quantile(resolution, 0.9), slaDue, slaMet,
					slaDue == 0 ? null : (double) slaMet / slaDue, complaints, complaintsAnswered,
					complaints == 0 ? null : (double) complaintsAnswered / complaints, escalations, approvals,
					approvalsDecided == 0 ? null : (double) approvalMinutes / approvalsDecided, backlog);
		}

	}

}
