package org.parlons.reporting.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.reporting.Reports;

/**
 * The report's days as the series the page's charts draw (ECharts, see
 * {@code static/js/charts.js}): conversations opened and resolved per day, first-response
 * median and SLA attainment. A day without a figure is {@code null}, a gap in its line,
 * never a zero.
 */
record ReportChart(List<String> days, List<Integer> opened, List<Integer> resolved,
		List<@Nullable Double> firstResponseMedianMinutes, List<@Nullable Double> slaPercent) {

	static ReportChart of(List<Reports.Day> days) {
		return new ReportChart(days.stream().map(d -> d.day().toString()).toList(),
				days.stream().map(Reports.Day::opened).toList(), days.stream().map(Reports.Day::resolved).toList(),
				days.stream().map(d -> round(d.firstResponseMedianMinutes())).toList(),
				days.stream().map(d -> d.slaAttainment() == null ? null : round(100 * d.slaAttainment())).toList());
	}

	/** Nothing to draw: no conversation opened or resolved over the period. */
	public boolean empty() {
		return this.opened.stream().allMatch(n -> n == 0) && this.resolved.stream().allMatch(n -> n == 0);
	}

	private static @Nullable Double round(@Nullable Double v) {
		return v == null ? null : Math.round(v * 10) / 10.0;
	}

}
