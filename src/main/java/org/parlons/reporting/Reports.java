package org.parlons.reporting;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agents;
import org.parlons.agents.Teams;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Satisfaction;
import org.parlons.platform.PlatformSettings;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Team and individual figures over a period, read from the daily rollups: volumes,
 * first-response and resolution times as median and 90th percentile (from the duration
 * histograms), service-level attainment, the share of public complaints answered (seed
 * 001's "only a third"), escalations and approvals; the backlog and the approvals waiting
 * are read live. Each figure says its denominator.
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

	/**
	 * One line of a report.
	 *
	 * @param surveys resolutions that asked the customer for a rating (CSAT)
	 * @param ratings the surveys answered
	 * @param responseRate ratings over surveys
	 * @param csat the share of ratings of 4 or 5 out of 5, over the ratings
	 * @param meanScore the mean rating, 1 to 5
	 */
	public record Line(String key, String name, int opened, int resolved, int firstResponses,
			@Nullable Double firstResponseMedianMinutes, @Nullable Double firstResponseP90Minutes,
			@Nullable Double resolutionMedianMinutes, @Nullable Double resolutionP90Minutes, int slaDue, int slaMet,
			@Nullable Double slaAttainment, int publicComplaints, int publicComplaintsAnswered,
			@Nullable Double publicComplaintsAnsweredShare, int escalations, int approvals,
			@Nullable Double approvalDelayMeanMinutes, long backlog, int nextResponses,
			@Nullable Double nextResponseMedianMinutes, @Nullable Double nextResponseP90Minutes, int surveys,
			int ratings, @Nullable Double responseRate, @Nullable Double csat, @Nullable Double meanScore) {
	}

	private final JdbcTemplate jdbc;

	private final ConversationFacts conversations;

	private final Inboxes inboxes;

	private final Teams teams;

	private final Agents agents;

	private final MessageSource messages;

	private final Satisfaction satisfaction;

	private final ZoneId zone;

	Reports(JdbcTemplate jdbc, ConversationFacts conversations, Inboxes inboxes, Teams teams, Agents agents,
			MessageSource messages, Satisfaction satisfaction, PlatformSettings platform) {
		this.messages = messages;
		this.satisfaction = satisfaction;
		this.zone = platform.timeZone();
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.inboxes = inboxes;
		this.teams = teams;
		this.agents = agents;
	}

	/**
	 * The report for the days from {@code first} to {@code last} (both included, each
	 * inbox's days), one line per group and a total.
	 */
	public List<Line> of(LocalDate first, LocalDate last, By by) {
		Map<Long, String> channelOf = new LinkedHashMap<>();
		Map<Long, String> inboxNames = new LinkedHashMap<>();
		for (Inbox i : inboxes.findAll()) {
			channelOf.put(i.id(), i.channel());
			inboxNames.put(i.id(), i.name());
		}
		Map<String, ReportFigures> groups = new LinkedHashMap<>();
		ReportFigures total = new ReportFigures();
		jdbc.query("select inbox_id, team_id, agent_id, " + ReportFigures.SUMS + " from report_daily "
				+ "where report_day >= ? and report_day <= ? group by inbox_id, team_id, agent_id", rs -> {
					String key = key(by, rs.getLong(1), rs.getLong(2), rs.getLong(3), channelOf);
					groups.computeIfAbsent(key, k -> new ReportFigures()).read(rs, 4);
					total.read(rs, 4);
				}, Date.valueOf(first), Date.valueOf(last));
		// satisfaction by the day of the resolution in the server's zone, attributed to
		// the
		// channel, team and agent of the conversation when it was resolved
		for (Satisfaction.Tally t : satisfaction.tallies(first.atStartOfDay(zone).toInstant(),
				last.plusDays(1).atStartOfDay(zone).toInstant())) {
			String key = by == By.CHANNEL ? t.channel() : key(by, t.inboxId(), t.teamId() == null ? 0 : t.teamId(),
					t.agentId() == null ? 0 : t.agentId(), channelOf);
			for (ReportFigures f : List.of(groups.computeIfAbsent(key, k -> new ReportFigures()), total)) {
				f.surveys += t.asked();
				f.ratings += t.rated();
				f.satisfied += t.satisfied();
				f.scores += t.scores();
			}
		}
		conversations.backlog().forEach((owner, count) -> {
			String key = key(by, owner.inboxId(), owner.teamId(), owner.assigneeId(), channelOf);
			groups.computeIfAbsent(key, k -> new ReportFigures()).backlog += count;
			total.backlog += count;
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

	/**
	 * Every day from {@code first} to {@code last} (both included, each inbox's days),
	 * days without activity included.
	 */
	public List<Day> daily(LocalDate first, LocalDate last) {
		Map<LocalDate, ReportFigures> days = new java.util.TreeMap<>();
		for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
			days.put(d, new ReportFigures());
		}
		jdbc.query("select report_day, " + ReportFigures.SUMS + " from report_daily where report_day >= ? "
				+ "and report_day <= ? group by report_day", rs -> {
					ReportFigures a = days.get(rs.getDate(1).toLocalDate());
					if (a != null) {
						a.read(rs, 2);
					}
				}, Date.valueOf(first), Date.valueOf(last));
		List<Day> out = new ArrayList<>(days.size());
		days.forEach((day, a) -> {
			Line l = a.line("day", day.toString());
			out.add(new Day(day, l.opened(), l.resolved(), l.firstResponseMedianMinutes(), l.firstResponseP90Minutes(),
					l.slaDue(), l.slaAttainment(), l.publicComplaints(), l.publicComplaintsAnsweredShare(),
					l.escalations()));
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

	/** A group without a team or an agent, named in the reader's language. */
	private String said(String code) {
		return messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

	private String name(By by, String key, Map<Long, String> inboxes, Map<Long, String> teams,
			Map<Long, String> agents) {
		return switch (by) {
			case CHANNEL -> key;
			case INBOX -> inboxes.getOrDefault(Long.parseLong(key), "#" + key);
			case TEAM -> "0".equals(key) ? said("reports.noTeam") : teams.getOrDefault(Long.parseLong(key), "#" + key);
			case AGENT ->
				"0".equals(key) ? said("reports.unassigned") : agents.getOrDefault(Long.parseLong(key), "#" + key);
		};
	}

}
