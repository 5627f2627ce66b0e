package org.parlons.reporting.web;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.parlons.reporting.ReportRollups;
import org.parlons.reporting.Reports;
import org.parlons.platform.Days;
import org.parlons.platform.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports over a period, by channel, inbox, team or agent: {@code GET /api/v1/reports},
 * its CSV, and the reports page. Supervisors, administrators and analysts read them;
 * agents do not.
 */
@RestController
@Requires(Permission.READ_REPORTS)
class ReportsApi {

	private final Reports reports;

	private final ReportRollups rollups;

	private final Clock clock;

	private final MessageSource messages;

	private final java.time.ZoneId zone;

	ReportsApi(Reports reports, ReportRollups rollups, Clock clock, MessageSource messages,
			org.parlons.platform.PlatformSettings platform) {
		this.zone = platform.timeZone();
		this.messages = messages;
		this.reports = reports;
		this.rollups = rollups;
		this.clock = clock;
	}

	/**
	 * The report of a period grouped by channel, inbox, team or agent: volumes, response
	 * and resolution times, SLA attainment, public complaints answered, satisfaction
	 * (CSAT and its response rate), with their denominators.
	 */
	@GetMapping("/api/v1/reports")
	Map<String, Object> report(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "team") String by) {
		LocalDate[] period = period(from, to);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", period[0].toString());
		out.put("to", period[1].toString());
		out.put("by", by);
		out.put("lines", reports.of(period[0], period[1], by(by)));
		out.put("method", method());
		return out;
	}

	/**
	 * The whole installation day by day over the period, days without activity included:
	 * what the charts draw.
	 */
	@GetMapping("/api/v1/reports/daily")
	Map<String, Object> daily(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		LocalDate[] period = period(from, to);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", period[0].toString());
		out.put("to", period[1].toString());
		out.put("days", reports.daily(period[0], period[1]));
		out.put("method", method());
		return out;
	}

	/** The same report as CSV, one line per group and the total. */
	@GetMapping(path = { "/api/v1/reports.csv", "/reports.csv" }, produces = "text/csv")
	ResponseEntity<String> csv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "team") String by)
			throws IOException {
		LocalDate[] period = period(from, to);
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader("group", "opened", "resolved", "first_responses", "first_response_median_min",
							"first_response_p90_min", "resolution_median_min", "resolution_p90_min", "sla_due",
							"sla_met", "public_complaints", "public_complaints_answered", "escalations", "approvals",
							"approval_delay_mean_min", "backlog", "next_responses", "next_response_median_min",
							"next_response_p90_min", "surveys", "ratings", "response_rate", "csat", "mean_score")
					.get())) {
			for (Reports.Line l : reports.of(period[0], period[1], by(by))) {
				csv.printRecord(l.name(), l.opened(), l.resolved(), l.firstResponses(), l.firstResponseMedianMinutes(),
						l.firstResponseP90Minutes(), l.resolutionMedianMinutes(), l.resolutionP90Minutes(), l.slaDue(),
						l.slaMet(), l.publicComplaints(), l.publicComplaintsAnswered(), l.escalations(), l.approvals(),
						l.approvalDelayMeanMinutes(), l.backlog(), l.nextResponses(), l.nextResponseMedianMinutes(),
						l.nextResponseP90Minutes(), l.surveys(), l.ratings(), l.responseRate(), l.csat(),
						l.meanScore());
			}
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"report-" + period[0] + "-" + period[1] + ".csv\"")
			.header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
			.body(out.toString());
	}

	/**
	 * Rebuilds the rollups of a period now (they are kept up to date for the last two
	 * days on their own).
	 */
	@Requires(Permission.MANAGE_RULES)
	@PostMapping("/api/v1/reports/rebuild")
	Map<String, Object> rebuild(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		LocalDate[] period = period(from, to);
		return Map.of("rows", rollups.rebuild(period[0], period[1]), "from", period[0].toString(), "to",
				period[1].toString());
	}

	static Reports.By by(String by) {
		try {
			return Reports.By.of(by);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	LocalDate[] period(@Nullable String from, @Nullable String to) {
		// days are the inboxes' own (ReportRollups); the default period ends today here
		Days days = Days.parse(from, to, clock.withZone(zone), 30, 800, "A report covers at most two years");
		return new LocalDate[] { days.first(), days.last() };
	}

	/** How the figures are counted, in the reader's language. */
	String method() {
		return messages.getMessage("reports.method", null, LocaleContextHolder.getLocale());
	}

}
