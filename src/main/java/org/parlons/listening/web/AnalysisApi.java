package org.parlons.listening.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.PublicComplaints;
import org.parlons.language.SentimentAnalyser;
import org.parlons.listening.Tonality;
import org.parlons.platform.InvalidRequestException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analysis of any uploaded set: {@code POST /api/v1/analysis/sentiment} reads texts, and
 * {@code POST /api/v1/analysis/tonality} computes tonality per message and per author,
 * with the interval, the effective sample size and the concentration of volume.
 */
@RestController
class AnalysisApi {

	static final int MAX_MESSAGES = 100_000;

	static final int MAX_TEXTS = 1_000;

	static final int MAX_TEXT_LENGTH = 20_000;

	private final SentimentAnalyser analyser;

	private final PublicComplaints complaints;

	private final Inboxes inboxes;

	private final ConversationAccess access;

	AnalysisApi(SentimentAnalyser analyser, PublicComplaints complaints, Inboxes inboxes, ConversationAccess access) {
		this.analyser = analyser;
		this.complaints = complaints;
		this.inboxes = inboxes;
		this.access = access;
	}

	/**
	 * Per inbox the caller may see (one network account each): public messages still
	 * waiting for a public answer, and how many of them are complaints (read as
	 * negative).
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/analysis/unanswered-public")
	Map<String, Object> unansweredPublic(@AuthenticationPrincipal AgentPrincipal me) {
		var visible = inboxes.visible(access.scope(me));
		var waiting = complaints.waiting(visible.stream().map(Inbox::id).toList());
		List<Map<String, Object>> items = new ArrayList<>();
		for (var inbox : visible) {
			var w = waiting.getOrDefault(inbox.id(), new PublicComplaints.Waiting(0, 0));
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("inboxId", inbox.id());
			item.put("name", inbox.name());
			item.put("channel", inbox.channel());
			item.put("unansweredPublic", w.publicMessages());
			item.put("unansweredComplaints", w.complaints());
			items.add(item);
		}
		return Map.of("items", items, "method", "A public inbound message is unanswered while its conversation is "
				+ "not resolved and no public reply came after it; a complaint is one the sentiment analyser reads "
				+ "as negative (score below -" + Tonality.THRESHOLD + ").");
	}

	/**
	 * Texts to read.
	 *
	 * @param texts 1 to 1,000 texts
	 * @param language "en" or "fr"; each text's language is detected when left out
	 */
	record SentimentBody(
			@NotNull @Size(min = 1, max = MAX_TEXTS) List<@NotNull @Size(max = MAX_TEXT_LENGTH) String> texts,
			@Nullable String language) {
	}

	/**
	 * Sentiment of up to 1,000 texts, in input order: a score in -1..1, a label and the
	 * language.
	 */
	@Requires(Permission.READ_LISTENING)
	@PostMapping("/api/v1/analysis/sentiment")
	Map<String, Object> sentiment(@Valid @RequestBody SentimentBody body) {
		String language = knownLanguage(body.language());
		return Map.of("results", this.analyser.analyseAll(body.texts(), language));
	}

	private static @Nullable String knownLanguage(@Nullable String language) {
		if (language == null || language.isBlank()) {
			return null;
		}
		String lang = language.strip().toLowerCase(Locale.ROOT);
		if (!SentimentAnalyser.LANGUAGES.contains(lang)) {
			throw InvalidRequestException.said("analysis.refused.language",
					"language: '" + language
							+ "' is not read; send \"en\" or \"fr\", or leave it out to detect each text's language",
					language);
		}
		return lang;
	}

	/**
	 * One message of a tonality request: a text to read, or a score already known.
	 *
	 * @param author who wrote it (each author counts once per person)
	 * @param text the text
	 * @param score a sentiment score in -1..1, instead of a text
	 */
	record Item(@NotBlank @Size(max = 300) String author, @Nullable String text, @Nullable Double score) {
	}

	/**
	 * Messages to measure.
	 *
	 * @param messages 1 or more messages
	 */
	record TonalityBody(@NotNull @Size(min = 1, max = MAX_MESSAGES) List<@NotNull @Valid Item> messages) {
	}

	/**
	 * Tonality of a set of messages per message and per person (each author counted
	 * once), with a 95 % interval and the effective sample size.
	 */
	@Requires(Permission.READ_LISTENING)
	@PostMapping("/api/v1/analysis/tonality")
	Map<String, Object> tonality(@Valid @RequestBody TonalityBody body) {
		List<Tonality.Scored> scored = new ArrayList<>(body.messages().size());
		for (int i = 0; i < body.messages().size(); i++) {
			Item item = body.messages().get(i);
			scored.add(new Tonality.Scored(item.author(), scoreOf(item, i)));
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
		answer.put("volumeShareOfTopAuthors",
				Map.of("top1Percent", r.top1PercentShare(), "top10Percent", r.top10PercentShare()));
		answer.put("method",
				"Texts are scored by the Parlons sentiment analyser (-1..1). A message is positive above a score of "
						+ Tonality.THRESHOLD + ", negative below -" + Tonality.THRESHOLD
						+ ". Per author: each author weighs 1, spread over their messages. "
						+ "Interval: cluster bootstrap over authors, 2,000 resamples, percentiles 2.5 and 97.5 (beyond "
						+ String.format(java.util.Locale.ROOT, "%,d", Tonality.BOOTSTRAP_AUTHORS) + " authors, "
						+ "the normal approximation of the same mean). "
						+ "Effective sample size: Kish, (sum of weights)^2 / sum of squared weights, weight = 1 / the author's messages.");
		return answer;
	}

	/** A given score wins over the text; text is read with the sentiment analyser. */
	private double scoreOf(Item item, int i) {
		if (item.score() != null) {
			if (item.score() < -1 || item.score() > 1 || item.score().isNaN()) {
				throw InvalidRequestException.said("analysis.refused.score",
						"messages[" + i + "]: score must be between -1 and 1", String.valueOf(i));
			}
			return item.score();
		}
		if (item.text() == null || item.text().isBlank()) {
			throw InvalidRequestException.said("analysis.refused.nothing",
					"messages[" + i + "]: send a text or a score between -1 and 1", String.valueOf(i));
		}
		if (item.text().length() > MAX_TEXT_LENGTH) {
			throw InvalidRequestException.said("analysis.refused.long",
					"messages[" + i + "]: text is longer than " + MAX_TEXT_LENGTH + " characters", String.valueOf(i),
					MAX_TEXT_LENGTH);
		}
		return this.analyser.analyse(item.text(), null).score();
	}

	private static Map<String, Object> shares(Tonality.Shares s) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("positive", s.positive());
		m.put("negative", s.negative());
		m.put("neutral", s.neutral());
		return m;
	}

}
