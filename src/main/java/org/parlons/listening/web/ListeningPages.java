package org.parlons.listening.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.BadBuzz;
import org.parlons.listening.ListeningFigures;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The listening dashboard: a period and filters, the volume per day with its negative part, tonality per
 * message beside tonality per person, the loudest authors, and the drill-down to the mentions.
 */
@Controller
class ListeningPages {

	static final int CHART_HEIGHT = 120;

	/** One day's bar in the chart, already scaled. */
	record Bar(String day, int x, int height, int negativeHeight, int mentions, int negative) {
	}

	private final ListeningFigures figures;

	private final Clock clock;

	private final BadBuzz badBuzz;

	ListeningPages(ListeningFigures figures, Clock clock, BadBuzz badBuzz) {
		this.figures = figures;
		this.clock = clock;
		this.badBuzz = badBuzz;
	}

	@GetMapping("/listening")
	String dashboard(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network, @RequestParam(required = false) @Nullable String language,
			Model model) {
		ListeningFigures.Filter f = ListeningFilters.of(from, to, network, language, null, null, clock);
		ListeningFigures.Summary s = figures.summary(f);
		filters(model, f);
		model.addAttribute("summary", s);
		model.addAttribute("alerts", badBuzz.lastHours(24));
		model.addAttribute("bars", bars(s.days()));
		model.addAttribute("chartWidth", Math.max(1, s.days().size()) * 12);
		model.addAttribute("chartHeight", CHART_HEIGHT);
		return "listening/index";
	}

	@GetMapping("/listening/mentions")
	String mentions(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network, @RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String label, @RequestParam(required = false) @Nullable String author,
			@RequestParam(defaultValue = "0") int page, Model model) {
		ListeningFigures.Filter f = ListeningFilters.of(from, to, network, language, label, author, clock);
		filters(model, f);
		model.addAttribute("mentions", figures.mentions(f, Math.max(0, page), 50));
		model.addAttribute("total", figures.count(f));
		model.addAttribute("page", Math.max(0, page));
		return "listening/mentions";
	}

	@GetMapping(path = "/listening/mentions.csv", produces = "text/csv")
	ResponseEntity<String> csv(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String network,
			@RequestParam(required = false) @Nullable String language, @RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String author) throws IOException {
		return ListeningApi.csvOf(figures.mentions(ListeningFilters.of(from, to, network, language, label, author, clock), 0,
				100_000));
	}

	private static void filters(Model model, ListeningFigures.Filter f) {
		model.addAttribute("filter", f);
		model.addAttribute("fromDay", ListeningFilters.firstDay(f).toString());
		model.addAttribute("toDay", ListeningFilters.lastDay(f).toString());
	}

	static List<Bar> bars(List<ListeningFigures.Day> days) {
		int max = days.stream().mapToInt(ListeningFigures.Day::mentions).max().orElse(0);
		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < days.size(); i++) {
			ListeningFigures.Day d = days.get(i);
			int h = max == 0 ? 0 : (int) Math.round((double) d.mentions() * CHART_HEIGHT / max);
			int neg = max == 0 ? 0 : (int) Math.round((double) d.negative() * CHART_HEIGHT / max);
			bars.add(new Bar(d.day().toString(), i * 12, h, neg, d.mentions(), d.negative()));
		}
		return bars;
	}

}
