package org.parlons.reporting.web;

import java.time.LocalDate;
import java.util.List;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.reporting.Reports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reports page: a period, a grouping, one line per group and a total, with the method
 * beneath.
 */
@Controller
@Requires(Permission.READ_REPORTS)
class ReportPages {

	private final Reports reports;

	private final ReportsApi api;

	ReportPages(Reports reports, ReportsApi api) {
		this.reports = reports;
		this.api = api;
	}

	@GetMapping("/reports")
	String page(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "team") String by,
			Model model) {
		LocalDate[] period = api.period(from, to);
		List<Reports.Line> lines = reports.of(period[0], period[1], ReportsApi.by(by));
		double slowest = lines.stream()
			.map(Reports.Line::firstResponseMedianMinutes)
			.filter(v -> v != null)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(1);
		model.addAttribute("lines", lines);
		model.addAttribute("slowest", Math.max(1, slowest));
		model.addAttribute("fromDay", period[0].toString());
		model.addAttribute("toDay", period[1].toString());
		model.addAttribute("by", by);
		model.addAttribute("method", ReportsApi.METHOD);
		model.addAttribute("chart", ReportChart.of(reports.daily(period[0], period[1])));
		return "reporting/index";
	}

}
