package org.parlons.listening.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.listening.Influence;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.Mentions;
import org.parlons.listening.Topics;
import org.parlons.language.Terms;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the public talks about and who carries it: topics named by keywords, the hashtags
 * and keywords of a period, and influence (the top voices of a topic, an author's or a
 * customer's influence per topic).
 */
@RestController
class TopicsApi {

	private final InboxAccess access;

	private final Topics topics;

	private final Influence influence;

	private final ListeningFigures figures;

	private final Clock clock;

	TopicsApi(Topics topics, Influence influence, ListeningFigures figures, Clock clock, InboxAccess access) {
		this.access = access;
		this.topics = topics;
		this.influence = influence;
		this.figures = figures;
		this.clock = clock;
	}

	/**
	 * A listening topic.
	 *
	 * @param name its name
	 * @param keywords words or phrases a mention must hold to be about it
	 */
	record TopicBody(@NotBlank String name, @NotNull List<String> keywords) {
	}

	/** Listening topics and their words. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/topics")
	Map<String, Object> topics() {
		return Map.of("items", topics.all());
	}

	/** Adds a listening topic. */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/topics")
	@ResponseStatus(HttpStatus.CREATED)
	Topics.Topic create(@Valid @RequestBody TopicBody body) {
		try {
			long id = topics.create(body.name(), body.keywords());
			return topics.find(id).orElseThrow();
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** New keywords: the topic reads every mention again. */
	@Requires(Permission.MANAGE_LISTENING)
	@PutMapping("/api/v1/listening/topics/{id}")
	Topics.Topic update(@PathVariable long id, @Valid @RequestBody TopicBody body) {
		try {
			if (!topics.update(id, body.name(), body.keywords())) {
				throw new NotFoundException("No topic " + id);
			}
			return topics.find(id).orElseThrow();
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** Removes a listening topic. */
	@Requires(Permission.MANAGE_LISTENING)
	@DeleteMapping("/api/v1/listening/topics/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		if (!topics.delete(id)) {
			throw new NotFoundException("No topic " + id);
		}
	}

	/**
	 * The hashtags and keywords most used in a period (and topic), counted once per
	 * mention.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/terms")
	Map<String, Object> terms(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable Long topic, @RequestParam(defaultValue = "20") int limit,
			@AuthenticationPrincipal AgentPrincipal me) {
		if (limit < 1 || limit > 200) {
			throw InvalidRequestException.said("topics.refused.limit", "limit is between 1 and 200");
		}
		ListeningFigures.Filter f = ListeningFilters.within(ListeningFilters.of(from, to, network, language, null, null,
				ListeningFilters.topic(topic, topics), clock), access.scopeOf(me));
		Terms.Top top = figures.terms(f, limit);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("mentions", top.texts());
		out.put("hashtags", top.hashtags());
		out.put("keywords", top.keywords());
		out.put("method", "Each term counted once per mention that uses it, over the period's newest "
				+ ListeningFigures.TERMS_SAMPLE
				+ " mentions at most; keywords are words of three letters or more outside the English and French "
				+ "Snowball stop-word lists, without numbers, links or @names.");
		return out;
	}

	/** The most influential voices of a period, in a topic or overall. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/voices")
	Map<String, Object> voices(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable Long topic,
			@RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal AgentPrincipal me) {
		if (limit < 1 || limit > 200) {
			throw InvalidRequestException.said("topics.refused.limit", "limit is between 1 and 200");
		}
		ListeningFigures.Filter f = ListeningFilters.within(
				ListeningFilters.of(from, to, null, null, null, null, ListeningFilters.topic(topic, topics), clock),
				access.scopeOf(me));
		return Map.of("items", influence.top(f.topic(), null, f.within(), f.from(), f.to(), limit), "method", method());
	}

	/** An author's influence over a period, overall then per topic. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/authors/influence")
	Map<String, Object> author(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String key,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		ListeningFigures.Filter f = ListeningFilters.of(from, to, null, access.scopeOf(me), clock);
		return Map.of("items", influence.of(key, f.from(), f.to()), "method", method());
	}

	/** A customer's influence over the last 90 days, overall then per topic. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/api/v1/customers/{id}/influence")
	Map<String, Object> customer(@PathVariable long id) {
		return Map.of("authorKey", Mentions.customerKey(id), "items", influence.ofCustomer(id), "days",
				Influence.WINDOW.toDays(), "method", method());
	}

	private static String method() {
		return "From the mentions' observed reach and engagements (likes, replies, shares) over the period: "
				+ Influence.METHOD + ". Where a network gives no reach, the author's followers stand in for it "
				+ "(estimatedReach counts those mentions).";
	}

}
