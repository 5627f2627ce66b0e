package org.parlons.reporting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.parlons.reporting.Reports;

/**
 * The report's days drawn as SVG geometry on the server (no script): conversations opened
 * and resolved per day as bars, first-response median and SLA attainment as lines. Days
 * without a figure break no line: they are left out of it.
 */
record ReportChart(int width, int height, List<Bar> bars, String firstResponse, String slaAttainment,
		List<Point> firstResponsePoints, List<Point> slaPoints, int mostOpened, double slowestMinutes, String firstDay,
		String lastDay) {

	static final int WIDTH = 720;

	static final int HEIGHT = 120;

	/**
	 * One day: x and width in pixels, heights of its two bars, and what its tooltip says.
	 */
	record Bar(double x, double width, double opened, double resolved, String title) {
	}

	/** A day's value on a line, drawn as a dot so a lone day shows too. */
	record Point(double x, double y) {
	}

	static ReportChart of(List<Reports.Day> days) {
		int n = Math.max(1, days.size());
		double step = (double) WIDTH / n;
		double barWidth = Math.max(1, step * 0.8);
		int mostOpened = Math.max(1, days.stream().mapToInt(d -> Math.max(d.opened(), d.resolved())).max().orElse(1));
		double slowest = Math.max(1,
				days.stream()
					.map(Reports.Day::firstResponseMedianMinutes)
					.filter(Objects::nonNull)
					.mapToDouble(Double::doubleValue)
					.max()
					.orElse(1));
		List<Bar> bars = new ArrayList<>(days.size());
		List<Point> frt = new ArrayList<>();
		List<Point> sla = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			Reports.Day d = days.get(i);
			double x = i * step;
			double middle = x + barWidth / 2;
			bars.add(new Bar(round(x), round(barWidth), round((double) HEIGHT * d.opened() / mostOpened),
					round((double) HEIGHT * d.resolved() / mostOpened),
					d.day() + " \u00b7 " + d.opened() + " / " + d.resolved()
							+ (d.firstResponseMedianMinutes() == null ? ""
									: String.format(Locale.ROOT, " \u00b7 %.0f min", d.firstResponseMedianMinutes()))
							+ (d.slaAttainment() == null ? ""
									: String.format(Locale.ROOT, " \u00b7 SLA %.0f %%", 100 * d.slaAttainment()))));
			if (d.firstResponseMedianMinutes() != null) {
				frt.add(new Point(round(middle), round(HEIGHT - HEIGHT * d.firstResponseMedianMinutes() / slowest)));
			}
			if (d.slaAttainment() != null) {
				sla.add(new Point(round(middle), round(HEIGHT - HEIGHT * d.slaAttainment())));
			}
		}
		return new ReportChart(WIDTH, HEIGHT, bars, line(frt), line(sla), frt, sla, mostOpened, slowest,
				days.isEmpty() ? "" : days.get(0).day().toString(),
				days.isEmpty() ? "" : days.get(days.size() - 1).day().toString());
	}

	private static String line(List<Point> points) {
		StringBuilder line = new StringBuilder();
		points.forEach(p -> line.append(String.format(Locale.ROOT, "%.1f,%.1f ", p.x(), p.y())));
		return line.toString().strip();
	}

	private static double round(double v) {
		return Math.round(v * 10) / 10.0;
	}

}
