package org.parlons.listening.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.BrandPosts;

/**
 * Followers and sentiment on one chart (the Festina view): net sentiment per day as a bar
 * above or below the middle line, the accounts' followers as a line scaled between their
 * lowest and highest counts of the period. Drawn on the server; no script.
 */
record FollowerChart(int width, int height, List<Bar> bars, String followers, @Nullable Long lowest,
		@Nullable Long highest, @Nullable Long growth) {

	static final int STEP = 12;

	static final int HEIGHT = 120;

	/** A day's net sentiment bar: from the middle up (positive) or down (negative). */
	record Bar(double x, double y, double height, boolean positive, String title) {
	}

	static FollowerChart of(List<BrandPosts.FollowerDay> days) {
		List<Long> counts = days.stream().map(BrandPosts.FollowerDay::followers).filter(Objects::nonNull).toList();
		Long lowest = counts.stream().min(Long::compare).orElse(null);
		Long highest = counts.stream().max(Long::compare).orElse(null);
		double middle = HEIGHT / 2.0;
		List<Bar> bars = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < days.size(); i++) {
			BrandPosts.FollowerDay d = days.get(i);
			double x = i * STEP;
			String title = d.day() + " \u00b7 "
					+ (d.followers() == null ? "?" : String.format(Locale.ROOT, "%,d", d.followers()))
					+ (d.growth() == null ? "" : String.format(Locale.ROOT, " (%+,d)", d.growth()))
					+ (d.netSentiment() == null ? ""
							: String.format(Locale.ROOT, " \u00b7 net %+.2f", d.netSentiment()));
			if (d.netSentiment() != null) {
				double h = Math.abs(d.netSentiment()) * middle;
				bars.add(new Bar(x, d.netSentiment() >= 0 ? middle - h : middle, round(h), d.netSentiment() >= 0,
						title));
			}
			if (d.followers() != null && lowest != null) {
				double span = Math.max(1, highest - lowest);
				double y = HEIGHT - 4 - (HEIGHT - 8) * (d.followers() - lowest) / span;
				line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + 5, y));
			}
		}
		Long growth = counts.size() < 2 ? null : counts.get(counts.size() - 1) - counts.get(0);
		return new FollowerChart(Math.max(1, days.size()) * STEP, HEIGHT, bars, line.toString().strip(), lowest,
				highest, growth);
	}

	public boolean hasFollowers() {
		return lowest != null;
	}

	private static double round(double v) {
		return Math.round(v * 10) / 10.0;
	}

}
