package org.parlons.listening.web;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.BadBuzz;
import org.parlons.listening.Bursts;
import org.parlons.listening.Feeds;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.MentionImport;
import org.parlons.listening.Mentions;
import org.parlons.listening.ShareOfVoice;
import org.parlons.listening.Topics;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listening over the API: the figures of a period ({@code /api/v1/listening/summary}),
 * the mentions behind them ({@code /api/v1/listening/mentions}, also as CSV), and the
 * feeds read for mentions.
 */
@RestController
class ListeningApi {

	private final InboxAccess access;

	private final ListeningFigures figures;

	private final Feeds feeds;

	private final Clock clock;

	private final BadBuzz badBuzz;

	private final Topics topics;

	private final MentionImport imports;

	private final Inboxes inboxes;

	ListeningApi(ListeningFigures figures, Feeds feeds, Clock clock, BadBuzz badBuzz, Topics topics,
			MentionImport imports, Inboxes inboxes, InboxAccess access) {
		this.access = access;
		this.inboxes = inboxes;
		this.topics = topics;
		this.imports = imports;
		this.figures = figures;
		this.feeds = feeds;
		this.clock = clock;
		this.badBuzz = badBuzz;
	}

	/**
	 * Hours of the last {@code hours} whose volume or negative volume is a burst, with
	 * what drives them.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/alerts")
	Map<String, Object> alerts(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(defaultValue = "24") int hours) {
		if (hours < 1 || hours > 24 * 14) {
			throw InvalidRequestException.said("listening.hours", "hours is between 1 and 336");
		}
		return Map.of("items", badBuzz.lastHours(hours, ListeningFilters.within(access.scopeOf(me))), "method",
				"An hour alerts when its mentions (or negative " + "mentions) are at least " + Bursts.ALERT
						+ " Poisson standard deviations above the "
						+ "mean of the same hour of the week over the previous " + Bursts.WEEKS
						+ " weeks (a baseline under one counts as one).");
	}

	/**
	 * Share of voice between brands named by keywords
	 * ({@code brand=Téléo:teleo,téléo&brand=Orange:orange}), with each brand's net
	 * sentiment and its interval, over the period's mentions.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/share-of-voice")
	Map<String, Object> shareOfVoice(@AuthenticationPrincipal AgentPrincipal me, @RequestParam List<String> brand,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network) {
		List<ShareOfVoice.Brand> brands = new ArrayList<>();
		for (String b : brand) {
			int colon = b.indexOf(':');
			if (colon <= 0 || colon == b.length() - 1) {
				throw InvalidRequestException.said("listening.refused.brand",
						"brand: write name:keyword,keyword (" + b + ")", b);
			}
			brands.add(new ShareOfVoice.Brand(b.substring(0, colon).strip(),
					Arrays.stream(b.substring(colon + 1).split(","))
						.map(String::strip)
						.filter(k -> !k.isEmpty())
						.toList()));
		}
		ListeningFigures.Filter f = ListeningFilters.of(from, to, network, access.scopeOf(me), clock);
		var labelled = figures.mentions(f, 0, 200_000)
			.stream()
			.map(m -> new ShareOfVoice.Labelled(m.text(), m.label()))
			.toList();
		return Map.of("items", ShareOfVoice.of(brands, labelled), "method",
				"Mentions naming each brand's keywords (a mention naming two counts for both); net sentiment is the positive "
						+ "minus the negative share, 95 % interval by the normal approximation.");
	}

	/**
	 * The period's volume per day, per network and per language with the per-message
	 * positive and negative counts, from the hourly rollups alone: as fast over ten
	 * million mentions as over ten.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/volume")
	Map<String, Object> volume(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query) {
		ListeningFigures.Filter f = ListeningFilters.of(query, null, null, topics, inboxes, access.scopeOf(me), clock);
		ListeningFigures.Volume v = figures.volume(f);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", ListeningFilters.firstDay(f).toString());
		out.put("to", ListeningFilters.lastDay(f).toString());
		out.put("mentions", v.mentions());
		out.put("positive", v.positive());
		out.put("negative", v.negative());
		out.put("days", v.days());
		out.put("networks", v.networks());
		out.put("languages", v.languages());
		out.put("method", "Counts per UTC day, network and language from the hourly rollups kept as mentions arrive; "
				+ "per message (each mention counts once); per inbox from the same counts kept per source. Per-person figures are in "
				+ "/summary.");
		return out;
	}

	/**
	 * Listening figures of a period: volume per day, tonality per message and per person,
	 * loudest authors.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/summary")
	Map<String, Object> summary(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query) {
		ListeningFigures.Filter f = ListeningFilters.of(query, null, null, topics, inboxes, access.scopeOf(me), clock);
		ListeningFigures.Summary s = figures.summary(f);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", ListeningFilters.firstDay(f).toString());
		out.put("to", ListeningFilters.lastDay(f).toString());
		out.put("mentions", s.mentions());
		out.put("days", s.days());
		if (s.tonality() != null) {
			var t = s.tonality();
			out.put("authors", t.authors());
			out.put("perMessage", Map.of("positive", t.perMessage().positive(), "negative", t.perMessage().negative(),
					"neutral", t.perMessage().neutral()));
			out.put("perAuthor", Map.of("positive", t.perAuthor().positive(), "negative", t.perAuthor().negative(),
					"neutral", t.perAuthor().neutral(), "positiveCi95", t.positiveCi95()));
			out.put("effectiveSampleSize", t.effectiveSampleSize());
			out.put("volumeShareOfTopAuthors",
					Map.of("top1Percent", t.top1PercentShare(), "top10Percent", t.top10PercentShare()));
		}
		out.put("loudestAuthors", s.loudest());
		out.put("perPersonSample", s.sampleDenominator());
		out.put("method",
				"Volume per day (UTC) and tonality per message from rollups kept as mentions arrive. Tonality "
						+ "per author (each author counted once), 95 % interval by cluster bootstrap over authors; over a period of "
						+ "more than " + 40_000
						+ " mentions it is estimated on a random 1/perPersonSample of the authors (chosen by a "
						+ "hash of their key, the same every day), whose interval the bootstrap widens accordingly, and the loudest "
						+ "authors on a random 1/perPersonSample of the mentions, their counts multiplied back. An author is a "
						+ "customer for inbox messages and a named author of a feed.");
		return out;
	}

	/** The mentions behind the figures, filtered the same way. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/mentions")
	Map<String, Object> mentions(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query, @RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String author, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > 500) {
			throw InvalidRequestException.said("listening.refused.page", "page is 0 or more, size between 1 and 500");
		}
		ListeningFigures.Filter f = ListeningFilters.of(query, label, author, topics, inboxes, access.scopeOf(me),
				clock);
		return Map.of("items", figures.mentions(f, page, size), "total", figures.count(f));
	}

	/**
	 * The mentions of the filters as CSV (verbatim export for product teams), at most
	 * 100,000 rows.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping(path = "/api/v1/listening/mentions.csv", produces = "text/csv")
	ResponseEntity<String> csv(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query, @RequestParam(required = false) @Nullable String label,
			@RequestParam(required = false) @Nullable String author) throws IOException {
		ListeningFigures.Filter f = ListeningFilters.of(query, label, author, topics, inboxes, access.scopeOf(me),
				clock);
		return csvOf(figures.mentions(f, 0, 100_000));
	}

	/**
	 * Mentions chosen in a list.
	 *
	 * @param ids the mentions
	 */
	record Selection(@NotNull @Size(min = 1, max = ListeningFigures.MAX_SELECTED) List<@NotNull Long> ids) {
	}

	/**
	 * Chosen mentions, verbatim, as CSV (for product teams); ids that do not exist are
	 * left out.
	 */
	@Requires(Permission.READ_LISTENING)
	@PostMapping(path = "/api/v1/listening/mentions/export", produces = "text/csv")
	ResponseEntity<String> export(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody Selection selection)
			throws IOException {
		return csvOf(figures.selected(new java.util.LinkedHashSet<>(selection.ids()),
				ListeningFilters.within(access.scopeOf(me))));
	}

	static ResponseEntity<String> csvOf(List<ListeningFigures.Mention> mentions) throws IOException {
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader("published_at", "network", "author", "language", "sentiment", "label", "text", "url",
							"conversation_id", "reach", "engagements", "author_followers")
					.get())) {
			for (ListeningFigures.Mention m : mentions) {
				csv.printRecord(m.publishedAt(), m.network(), m.author(), m.language(), m.sentiment(), m.label(),
						safe(m.text()), m.url(), m.conversationId(), m.reach(), m.engagements(), m.authorFollowers());
			}
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mentions.csv\"")
			.header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
			.body(out.toString());
	}

	/** A cell a spreadsheet would run as a formula is written as text. */
	static String safe(String text) {
		return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	/**
	 * Who wrote an imported mention.
	 *
	 * @param id their id on the network
	 * @param handle their handle
	 * @param name their name
	 * @param followers their followers when the mention was read
	 */
	record ImportedAuthor(@Nullable @Size(max = 300) String id, @Nullable @Size(max = 300) String handle,
			@Nullable @Size(max = 300) String name, @Nullable @PositiveOrZero Long followers) {
	}

	/**
	 * A mention found by another tool.
	 *
	 * @param network "x", "mastodon", "bluesky", "facebook", "instagram", "news"…
	 * @param externalId its id on the network; the same id again updates its figures
	 * @param author who wrote it
	 * @param text what it says
	 * @param url where it can be read
	 * @param publishedAt when it was published (ISO-8601 with offset)
	 * @param language "fr", "en"…; detected when left out
	 * @param reach people it reached, when the network says
	 * @param likes likes
	 * @param comments comments
	 * @param shares shares
	 * @param engagements engagements in all; likes + comments + shares when left out
	 */
	record ImportedMention(@NotBlank @Size(max = 30) String network, @NotBlank @Size(max = 500) String externalId,
			@Nullable @Valid ImportedAuthor author, @NotBlank @Size(max = 100_000) String text,
			@Nullable @Size(max = 2000) String url, @NotNull OffsetDateTime publishedAt, @Nullable String language,
			@Nullable @PositiveOrZero Long reach, @Nullable @PositiveOrZero Long likes,
			@Nullable @PositiveOrZero Long comments, @Nullable @PositiveOrZero Long shares,
			@Nullable @PositiveOrZero Long engagements) {

		MentionImport.Incoming incoming() {
			Long engaged = engagements;
			if (engaged == null && (likes != null || comments != null || shares != null)) {
				engaged = (likes == null ? 0 : likes) + (comments == null ? 0 : comments)
						+ (shares == null ? 0 : shares);
			}
			return new MentionImport.Incoming(network, externalId, author == null ? null : author.name(),
					author == null ? null : author.id(), author == null ? null : author.handle(), text, url,
					publishedAt.toInstant(), language,
					new Mentions.Audience(reach, engaged, author == null ? null : author.followers()));
		}

	}

	/**
	 * Mentions to import.
	 *
	 * @param items 1 to 1,000 mentions
	 */
	record ImportBody(@NotNull @Size(min = 1, max = MentionImport.MAX) List<@Valid @NotNull ImportedMention> items) {
	}

	/**
	 * Mentions found by another tool, with their audience figures when known (reach,
	 * likes, comments, shares, the author's followers). The same network and external id
	 * again updates the figures.
	 */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/mentions")
	Map<String, Object> importMentions(@Valid @RequestBody ImportBody body) {
		MentionImport.Result result = imports.importAll(body.items().stream().map(ImportedMention::incoming).toList());
		return Map.of("stored", result.stored(), "updated", result.updated());
	}

	/**
	 * A news or blog feed to read.
	 *
	 * @param name its name
	 * @param url its RSS or Atom address
	 * @param keywords words an item must hold to count as a mention
	 */
	record NewFeed(@NotBlank String name, @NotBlank String url, @Nullable List<String> keywords) {
	}

	/** The RSS and Atom feeds listened to. */
	@Requires(Permission.MANAGE_LISTENING)
	@GetMapping("/api/v1/listening/feeds")
	Map<String, Object> feeds() {
		return Map.of("items", feeds.all());
	}

	/** Adds a feed to listen to. */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/feeds")
	@ResponseStatus(HttpStatus.CREATED)
	Feeds.Feed addFeed(@Valid @RequestBody NewFeed body) {
		long id;
		try {
			id = feeds.add(body.name(), body.url(), body.keywords() == null ? List.of() : body.keywords());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("url: " + ex.getMessage());
		}
		return feeds.all().stream().filter(f -> f.id() == id).findFirst().orElseThrow();
	}

	/**
	 * Reads a feed now (instead of waiting for its next turn); answers how many mentions
	 * were new.
	 */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/feeds/{id}/read")
	Map<String, Object> read(@PathVariable long id) {
		Feeds.Feed feed = feeds.all()
			.stream()
			.filter(f -> f.id() == id)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No feed " + id));
		int added = feeds.read(feed);
		Feeds.Feed after = feeds.all().stream().filter(f -> f.id() == id).findFirst().orElseThrow();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("added", added);
		out.put("lastError", after.lastError());
		return out;
	}

	/** Stops listening to a feed. */
	@Requires(Permission.MANAGE_LISTENING)
	@DeleteMapping("/api/v1/listening/feeds/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeFeed(@PathVariable long id) {
		if (!feeds.remove(id)) {
			throw new NotFoundException("No feed " + id);
		}
	}

}
