package org.parlons.listening.web;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.BrandPosts;
import org.parlons.listening.Influence;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.Topics;
import org.parlons.platform.NotFoundException;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every table of the listening dashboard as CSV, with the dashboard's filters: the days,
 * networks and languages of the volume, the loudest authors, the most influential voices,
 * the terms, the brand's posts and the followers beside sentiment. The mentions
 * themselves are at {@code /listening/mentions.csv}.
 */
@RestController
class ListeningTablesCsv {

	private final InboxAccess access;

	static final List<String> TABLES = List.of("days", "networks", "languages", "loudest", "voices", "terms", "posts",
			"followers");

	private final ListeningFigures figures;

	private final Influence influence;

	private final BrandPosts brandPosts;

	private final Topics topics;

	private final Clock clock;

	private final Inboxes inboxes;

	ListeningTablesCsv(ListeningFigures figures, Influence influence, BrandPosts brandPosts, Topics topics, Clock clock,
			Inboxes inboxes, InboxAccess access) {
		this.access = access;
		this.inboxes = inboxes;
		this.figures = figures;
		this.influence = influence;
		this.brandPosts = brandPosts;
		this.topics = topics;
		this.clock = clock;
	}

	/**
	 * A table of the listening dashboard as CSV (days, networks, languages, loudest,
	 * voices, terms, posts, followers), filtered like the dashboard.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping(path = { "/listening/tables/{table}.csv", "/api/v1/listening/tables/{table}.csv" },
			produces = "text/csv")
	ResponseEntity<String> table(@AuthenticationPrincipal AgentPrincipal me, @PathVariable String table,
			@ParameterObject ListeningFilters.Query query) throws IOException {
		if (!TABLES.contains(table)) {
			throw new NotFoundException("No table " + table + "; the tables are " + String.join(", ", TABLES));
		}
		ListeningFigures.Filter f = ListeningFilters.of(query, null, null, topics, inboxes, access.scopeOf(me), clock);
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			switch (table) {
				case "days" -> {
					csv.printRecord("day", "mentions", "positive", "negative");
					for (ListeningFigures.Day d : figures.volume(f).days()) {
						csv.printRecord(d.day(), d.mentions(), d.positive(), d.negative());
					}
				}
				case "networks", "languages" -> {
					ListeningFigures.Volume v = figures.volume(f);
					csv.printRecord(table.equals("networks") ? "network" : "language", "mentions", "positive",
							"negative");
					for (ListeningFigures.Share s : table.equals("networks") ? v.networks() : v.languages()) {
						csv.printRecord(safe(s.key()), s.mentions(), s.positive(), s.negative());
					}
				}
				case "loudest" -> {
					ListeningFigures.Summary s = figures.loudest(f);
					csv.printRecord("author", "author_key", "mentions", "mean_sentiment", "sample_denominator");
					for (ListeningFigures.Author a : s.loudest()) {
						csv.printRecord(safe(a.name()), safe(a.key()), a.mentions(), a.meanSentiment(),
								s.sampleDenominator());
					}
				}
				case "voices" -> {
					csv.printRecord("author", "author_key", "mentions", "reach", "engagements", "followers", "score");
					for (Influence.Voice v : influence.top(f.topic(), f.inbox(), f.within(), f.from(), f.to(), 100)) {
						csv.printRecord(safe(v.author() == null ? v.authorKey() : v.author()), safe(v.authorKey()),
								v.mentions(), v.reach(), v.engagements(), v.followers(), v.score());
					}
				}
				case "terms" -> {
					var top = figures.terms(f, 100);
					csv.printRecord("kind", "term", "mentions");
					for (var c : top.hashtags()) {
						csv.printRecord("hashtag", safe(c.term()), c.texts());
					}
					for (var c : top.keywords()) {
						csv.printRecord("keyword", safe(c.term()), c.texts());
					}
				}
				case "posts" -> {
					csv.printRecord("network", "published_at", "text", "url", "likes", "comments", "shares",
							"impressions", "reach", "engagement_rate", "denominator", "half_life_hours");
					for (BrandPosts.Figures p : brandPosts.posts(f.from(), f.to(), brandPosts.accountsOf(f))) {
						csv.printRecord(p.network(), p.publishedAt(), safe(p.text() == null ? "" : p.text()), p.url(),
								p.latest().likes(), p.latest().comments(), p.latest().shares(),
								p.latest().impressions(), p.latest().reach(),
								p.engagementRate() == null ? null : p.engagementRate().value(),
								p.engagementRateDescribed(), p.halfLifeHours());
					}
				}
				default -> {
					csv.printRecord("day", "followers", "growth", "mentions", "positive", "negative", "net_sentiment");
					for (BrandPosts.FollowerDay d : brandPosts.followerGrowth(f, brandPosts.accountsOf(f))) {
						csv.printRecord(d.day(), d.followers(), d.growth(), d.mentions(), d.positive(), d.negative(),
								d.netSentiment());
					}
				}
			}
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"listening-" + table + ".csv\"")
			.header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
			.body(out.toString());
	}

	private static String safe(String text) {
		return ListeningApi.safe(text);
	}

}
