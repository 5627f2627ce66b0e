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
import tools.jackson.databind.json.JsonMapper;

/**
 * The reports page: a period, a grouping, one line per group and a total, with the method
 * beneath.
 */
@Controller
@Requires(Permission.READ_REPORTS)
class ReportPages {

	private final Reports reports;

	private final ReportsApi api;

	private final JsonMapper json;

	ReportPages(Reports reports, ReportsApi api, JsonMapper json) {
		this.reports = reports;
		this.api = api;
		this.json = json;
	}

	@GetMapping("/reports")
	String page(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "team") String by,
			Model model) {
		LocalDate[] period = api.period(from, to);
		List<Reports.Line> lines = reports.of(period[0], period[1], ReportsApi.by(by));
		model.addAttribute("lines", lines);
		model.addAttribute("fromDay", period[0].toString());
		model.addAttribute("toDay", period[1].toString());
		model.addAttribute("by", by);
		model.addAttribute("method", api.method());
		ReportChart chart = ReportChart.of(reports.daily(period[0], period[1]));
		model.addAttribute("chart", chart);
		model.addAttribute("chartJson", json.writeValueAsString(chart));
		return "reporting/index";
	}

}
