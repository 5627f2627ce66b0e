package org.parlons.listening.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.Tonality;
import org.parlons.platform.InvalidRequestException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analysis of any uploaded set: {@code POST /api/v1/analysis/tonality} computes tonality per message and
 * per author, with the interval, the effective sample size and the concentration of volume.
 */
@RestController
class AnalysisApi {

	static final int MAX_MESSAGES = 100_000;

	record Item(@NotBlank @Size(max = 300) String author, @Nullable String text, @Nullable Double score) {
	}

	record TonalityBody(@NotNull @Size(min = 1, max = MAX_MESSAGES) List<@NotNull @Valid Item> messages) {
	}

	@PostMapping("/api/v1/analysis/tonality")
	Map<String, Object> tonality(@Valid @RequestBody TonalityBody body) {
		List<Tonality.Scored> scored = new ArrayList<>(body.messages().size());
		for (int i = 0; i < body.messages().size(); i++) {
			Item item = body.messages().get(i);
			if (item.score() == null) {
				// Text scoring needs the sentiment analyser, which this version does not have yet.
				throw new InvalidRequestException("messages[" + i + "]: send a score between -1 and 1; "
						+ "this version cannot score text yet");
			}
			if (item.score() < -1 || item.score() > 1 || item.score().isNaN()) {
				throw new InvalidRequestException("messages[" + i + "]: score must be between -1 and 1");
			}
			scored.add(new Tonality.Scored(item.author(), item.score()));
		}
		Tonality.Result r = Tonality.of(scored);
		Map<String, Object> perAuthor = new LinkedHashMap<>(shares(r.perAuthor()));
		perAuthor.put("positiveCi95", r.positiveCi95());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("messages", r.messages());
		answer.put("authors", r.authors());
		answer.put("perMessage", shares(r.perMessage()));
		answer.put("perAuthor", perAuthor);
		answer.put("effectiveSampleSize", r.effectiveSampleSize());
		answer.put("volumeShareOfTopAuthors", Map.of("top1Percent", r.top1PercentShare(), "top10Percent",
				r.top10PercentShare()));
		answer.put("method", "A message is positive above a score of " + Tonality.THRESHOLD + ", negative below -"
				+ Tonality.THRESHOLD + ". Per author: each author weighs 1, spread over their messages. "
				+ "Interval: cluster bootstrap over authors, 2,000 resamples, percentiles 2.5 and 97.5. "
				+ "Effective sample size: Kish, (sum of weights)^2 / sum of squared weights, weight = 1 / the author's messages.");
		return answer;
	}

	private static Map<String, Object> shares(Tonality.Shares s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("positive", s.positive());
		m.put("negative", s.negative());
		m.put("neutral", s.neutral());
		return m;
	}

}
