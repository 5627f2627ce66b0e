package org.parlons.curation.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.curation.Items;
import org.parlons.curation.Sources;
import org.parlons.platform.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The curator's sources and the items they found: read, triaged, suggested. */
@RestController
@RequestMapping("/api/v1/curation")
@Requires(Permission.CURATE)
class CurationApi {

	private final Sources sources;

	private final Items items;

	private final MessageSource words;

	CurationApi(Sources sources, Items items, MessageSource words) {
		this.sources = sources;
		this.items = items;
		this.words = words;
	}

	/**
	 * A new source.
	 *
	 * @param kind "feed" (RSS, Atom or JSON Feed, at {@code url}) or "topic" (the
	 * mentions a listening topic tags, {@code topicId})
	 * @param url a feed's address
	 * @param topicId a listening topic
	 * @param name its name (the feed's address, or the topic's name, when not given)
	 * @param weight how much what it finds counts in suggestions (above 0, at most 100; 1
	 * when not given)
	 */
	record NewSource(@NotNull String kind, @Nullable String url, @Nullable Long topicId, @Nullable String name,
			@Nullable Double weight) {
	}

	/**
	 * A source's new weight.
	 *
	 * @param weight above 0, at most 100
	 */
	record Weight(@NotNull Double weight) {
	}

	/**
	 * A source and its health.
	 *
	 * @param id its number
	 * @param kind feed or topic
	 * @param name its name
	 * @param url a feed's address
	 * @param topicId a topic's number
	 * @param weight its weight in suggestions
	 * @param healthy whether its last reading went well
	 * @param lastError what went wrong last
	 * @param failures failed readings in a row
	 * @param lastReadAt when it was last read
	 * @param nextReadAt when it is read next
	 * @param found how many items it found
	 */
	record SourceView(long id, String kind, String name, @Nullable String url, @Nullable Long topicId, double weight,
			boolean healthy, @Nullable String lastError, int failures, @Nullable Instant lastReadAt, Instant nextReadAt,
			long found) {

		static SourceView of(Sources.Source s) {
			return new SourceView(s.id(), s.kind().api(), s.name(), s.url(), s.topicId(), s.weight(), s.healthy(),
					s.lastError(), s.failures(), s.lastReadAt(), s.nextReadAt(), s.found());
		}

	}

	/**
	 * An item: one article, whatever the number of sources and addresses.
	 *
	 * @param id its number
	 * @param url the address first found
	 * @param canonicalUrl the address without what tracks the reader
	 * @param title its title
	 * @param summary its summary
	 * @param author its author
	 * @param language its language
	 * @param sentiment its tonality score, -1 to 1
	 * @param tonality positive, negative or neutral
	 * @param reach how many people it reached, where listening knows
	 * @param influence the influence of its voice, where listening knows
	 * @param publishedAt when it was published
	 * @param foundAt when a source first found it
	 * @param status new, kept or discarded
	 * @param note the curator's insight
	 * @param sources the sources that found it
	 */
	record ItemView(long id, String url, String canonicalUrl, String title, @Nullable String summary,
			@Nullable String author, String language, double sentiment, String tonality, @Nullable Long reach,
			@Nullable Double influence, Instant publishedAt, Instant foundAt, String status, @Nullable String note,
			List<Long> sources) {

		static ItemView of(Items.Item i) {
			return new ItemView(i.id(), i.url(), i.canonicalUrl(), i.title(), i.summary(), i.author(), i.language(),
					i.sentiment(), i.label(), i.reach(), i.influence(), i.publishedAt(), i.foundAt(), i.status().api(),
					i.note(), i.sources());
		}

	}

	/**
	 * A triage decision.
	 *
	 * @param status "kept", "discarded" or "new"
	 * @param note the curator's insight, kept when not given
	 */
	record Triage(@NotNull String status, @Nullable String note) {
	}

	/**
	 * A suggested item and why.
	 *
	 * @param item the item
	 * @param score its rank score
	 * @param reasons why, in the reader's language
	 */
	record SuggestionView(ItemView item, double score, List<String> reasons) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Listed<T>(List<T> items) {
	}

	/**
	 * Adds a source and reads it at once (a feed that cannot be read is added all the
	 * same, its error shown). 422 for a bad kind, address, topic or weight; 409 when it
	 * is already read.
	 */
	@PostMapping("/sources")
	@ResponseStatus(HttpStatus.CREATED)
	SourceView add(@RequestBody NewSource body) {
		return SourceView.of(InvalidRequestException.answering(() -> sources.add(Sources.Kind.fromApi(body.kind()),
				body.name(), body.url(), body.topicId(), body.weight())));
	}

	/**
	 * Adds every feed of an OPML file (the export of a feed reader): the body is the
	 * file. Feeds already read are left out. 422 when it is not OPML or names no feed.
	 */
	@PostMapping(path = "/sources/opml", consumes = { "text/x-opml", "application/xml", "text/xml" })
	@ResponseStatus(HttpStatus.CREATED)
	Listed<SourceView> opml(@RequestBody byte[] body, @RequestParam(required = false) @Nullable Double weight) {
		return new Listed<>(InvalidRequestException.answering(() -> sources.importOpml(body, weight))
			.stream()
			.map(SourceView::of)
			.toList());
	}

	/** Every source with its health. */
	@GetMapping("/sources")
	Listed<SourceView> sources() {
		return new Listed<>(sources.all().stream().map(SourceView::of).toList());
	}

	/** Changes a source's weight. */
	@PatchMapping("/sources/{id}")
	SourceView weigh(@PathVariable long id, @RequestBody Weight body) {
		return SourceView.of(InvalidRequestException.answering(() -> sources.weigh(id, body.weight())));
	}

	/** Reads a source now; answers it with its health. */
	@PostMapping("/sources/{id}/reading")
	SourceView read(@PathVariable long id) {
		Sources.Source source = InvalidRequestException.answering(() -> sources.get(id));
		sources.read(source);
		return SourceView.of(sources.get(id));
	}

	/** Stops reading a source; its items stay. */
	@DeleteMapping("/sources/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable long id) {
		InvalidRequestException.answering(() -> {
			sources.remove(id);
			return null;
		});
	}

	/**
	 * The items, newest first: one per article whatever the number of sources and of
	 * tracking parameters. {@code status} new, kept or discarded; {@code limit} up to
	 * 500.
	 */
	@GetMapping("/items")
	Listed<ItemView> items(@RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > 500) {
			throw InvalidRequestException.said("curation.page", "offset from 0, limit from 1 to 500");
		}
		Items.Status wanted = status == null ? null
				: InvalidRequestException.answering(() -> Items.Status.fromApi(status));
		return new Listed<>(items.list(wanted, offset, limit).stream().map(ItemView::of).toList());
	}

	/** One item; 404 when there is none. */
	@GetMapping("/items/{id}")
	ItemView item(@PathVariable long id) {
		return ItemView.of(InvalidRequestException.answering(() -> items.get(id)));
	}

	/** Keeps or discards an item, with the curator's insight. */
	@PatchMapping("/items/{id}")
	ItemView triage(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Triage body) {
		return ItemView.of(InvalidRequestException
			.answering(() -> items.triage(id, Items.Status.fromApi(body.status()), body.note(), me.id())));
	}

	/**
	 * The items worth an edition, best first, each with its reasons: the sources' weight,
	 * recency (half-life 24 h), the listening topics it is about (more when one bursts)
	 * and the influence of its voice.
	 */
	@GetMapping("/suggestions")
	Listed<SuggestionView> suggestions(@RequestParam(defaultValue = "20") int limit) {
		Locale locale = LocaleContextHolder.getLocale();
		return new Listed<>(items.suggestions(Math.max(1, Math.min(limit, 100)))
			.stream()
			.map(s -> new SuggestionView(ItemView.of(s.item()), Math.round(s.score() * 1000) / 1000.0,
					s.reasons()
						.stream()
						.map(r -> words.getMessage(r.code(), r.arguments().toArray(), locale))
						.toList()))
			.toList());
	}

}
