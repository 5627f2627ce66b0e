package org.parlons.listening.web;

import java.util.List;

import org.parlons.listening.ListeningFigures;

/**
 * Mentions per day and their negative part: the series the dashboard draws with ECharts.
 */
record VolumeChart(List<String> days, List<Integer> mentions, List<Integer> negative) {

	static VolumeChart of(List<ListeningFigures.Day> days) {
		return new VolumeChart(days.stream().map(d -> d.day().toString()).toList(),
				days.stream().map(ListeningFigures.Day::mentions).toList(),
				days.stream().map(ListeningFigures.Day::negative).toList());
	}

	public boolean empty() {
		return this.mentions.stream().allMatch(n -> n == 0);
	}

}
