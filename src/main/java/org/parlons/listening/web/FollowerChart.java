package org.parlons.listening.web;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.BrandPosts;

/**
 * Followers and sentiment on one chart (the Festina view): the accounts' followers per
 * day as a line, net sentiment per day as a bar above or below zero. The series the page
 * draws with ECharts; a day without a reading is {@code null}, a gap.
 */
record FollowerChart(List<String> days, List<@Nullable Long> followers, List<@Nullable Double> netSentiment,
		@Nullable Long lowest, @Nullable Long highest, @Nullable Long growth) {

	static FollowerChart of(List<BrandPosts.FollowerDay> days) {
		List<Long> counts = days.stream().map(BrandPosts.FollowerDay::followers).filter(Objects::nonNull).toList();
		return new FollowerChart(days.stream().map(d -> d.day().toString()).toList(),
				days.stream().map(BrandPosts.FollowerDay::followers).toList(),
				days.stream()
					.map(d -> d.netSentiment() == null ? null : Math.round(d.netSentiment() * 100) / 100.0)
					.toList(),
				counts.stream().min(Long::compare).orElse(null), counts.stream().max(Long::compare).orElse(null),
				counts.size() < 2 ? null : counts.get(counts.size() - 1) - counts.get(0));
	}

	public boolean hasFollowers() {
		return this.lowest != null;
	}

}
