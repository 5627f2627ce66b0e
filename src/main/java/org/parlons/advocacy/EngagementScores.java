package org.parlons.advocacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.ConversationFacts;
import org.parlons.customers.Customers;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.parlons.listening.Mentions;
import org.parlons.platform.Refusals;
import org.parlons.portal.PortalVisits;
import org.springframework.stereotype.Service;

/**
 * A customer's engagement as lasting activation with three sides (seed 002; Hollebeek,
 * Glynn and Brodie 2014), each from what they were observed to do over the last
 * {@link #WINDOW}, on all their merged profiles, and each shown: {@value #METHOD}
 */
@Service
public class EngagementScores {

	public static final String METHOD = "Over the last 90 days. Cognitive = 100 × c / (c + 5), c = days they read "
			+ "their customer space + 2 × questions they asked (messages holding a question mark). Affective = 50 × "
			+ "(1 + mean sentiment) of what they wrote (public posts and private messages, sentiment from -1 to 1), "
			+ "with its 95 % interval (mean ± 1.96 standard errors); none when they wrote nothing. Behavioural = "
			+ "100 × b / (b + 5), b = public posts about the brand + 0.5 × messages they wrote to it + 3 × missions "
			+ "done. Score = mean of the parts known. Trend: the score of each of the last six calendar months.";

	/** How far back the score looks. */
	public static final Duration WINDOW = Duration.ofDays(90);

	/** The texts of private messages scored per period, the latest. */
	static final int TEXTS = 200;

	/**
	 * What the parts stand on.
	 *
	 * @param visitDays days they read their customer space
	 * @param questions messages of theirs asking something
	 * @param messages messages they wrote to the brand
	 * @param publicPosts their public posts heard by listening
	 * @param missionsDone missions they earned points for
	 * @param textsScored texts whose sentiment makes the affective part
	 */
	public record Inputs(long visitDays, long questions, long messages, long publicPosts, long missionsDone,
			int textsScored) {
	}

	/**
	 * One month's score.
	 *
	 * @param month the calendar month ("2026-11")
	 * @param score the score over that month
	 */
	public record Point(String month, @Nullable Double score) {
	}

	/**
	 * A customer's engagement; each part from 0 to 100.
	 *
	 * @param customerId the customer
	 * @param cognitive what they read and ask
	 * @param affective their own tonality toward the brand; none when they wrote nothing
	 * @param behavioural what they do: posts, messages, missions
	 * @param score the mean of the parts known
	 * @param inputs what the parts stand on
	 * @param from the start of the period
	 * @param to its end
	 * @param trend the score of each of the last six calendar months
	 * @param method how it is computed
	 * @param affectiveInterval the 95 % interval of the affective part, none with fewer
	 * than two texts
	 */
	public record Engagement(long customerId, double cognitive, @Nullable Double affective,
			double @Nullable [] affectiveInterval, double behavioural, double score, Inputs inputs, Instant from,
			Instant to, List<Point> trend, String method) {
	}

	private final Customers customers;

	private final PortalVisits visits;

	private final ConversationFacts conversations;

	private final Mentions mentions;

	private final Members members;

	private final Ledger ledger;

	private final AuthorKeys keys;

	private final SentimentAnalyser analyser;

	private final Clock clock;

	EngagementScores(Customers customers, PortalVisits visits, ConversationFacts conversations, Mentions mentions,
			Members members, Ledger ledger, AuthorKeys keys, SentimentAnalyser analyser, Clock clock) {
		this.customers = customers;
		this.visits = visits;
		this.conversations = conversations;
		this.mentions = mentions;
		this.members = members;
		this.ledger = ledger;
		this.keys = keys;
		this.analyser = analyser;
		this.clock = clock;
	}

	/**
	 * The customer's engagement now and its trend; refused for a customer who objected to
	 * being profiled.
	 */
	public Engagement of(long customerId) {
		long current = customers.current(customerId);
		if (customers.rights(current).profilingObjectedAt() != null) {
			throw Refusals.conflict("advocacy.engagement.objected",
					"This customer objected to being profiled: no engagement score is computed");
		}
		Person person = person(current);
		Instant to = clock.instant();
		Instant from = to.minus(WINDOW);
		Engagement now = over(person, from, to);
		List<Point> trend = new ArrayList<>();
		YearMonth month = YearMonth.from(to.atOffset(ZoneOffset.UTC)).minusMonths(5);
		for (int i = 0; i < 6; i++, month = month.plusMonths(1)) {
			Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
			Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
			trend.add(new Point(month.toString(), over(person, start, end.isAfter(to) ? to : end).score()));
		}
		return new Engagement(now.customerId(), now.cognitive(), now.affective(), now.affectiveInterval(),
				now.behavioural(), now.score(), now.inputs(), from, to, trend, METHOD);
	}

	/**
	 * The customer's engagement now without its trend, none when they objected to being
	 * profiled: what a list of members shows.
	 */
	public java.util.Optional<Engagement> now(long customerId) {
		long current = customers.current(customerId);
		if (customers.rights(current).profilingObjectedAt() != null) {
			return java.util.Optional.empty();
		}
		Instant to = clock.instant();
		return java.util.Optional.of(over(person(current), to.minus(WINDOW), to));
	}

	/**
	 * A customer as the parts read them, found once for every period: their profiles, the
	 * author keys of their posts and their memberships.
	 */
	private record Person(long customerId, Set<Long> profiles, Set<String> authorKeys, List<Long> memberIds) {
	}

	private Person person(long customerId) {
		Set<Long> profiles = customers.aliasesOf(customerId);
		return new Person(customerId, profiles, keys.of(customerId),
				members.ofCustomer(profiles).stream().map(Members.Member::id).toList());
	}

	/** The parts over one period. */
	private Engagement over(Person person, Instant from, Instant to) {
		PortalVisits.Visits read = visits.of(person.profiles(), from, to);
		ConversationFacts.Written written = conversations.writtenBy(person.profiles(), from, to, TEXTS);
		List<Double> scores = new ArrayList<>(mentions.scoresOf(person.authorKeys(), from, to, 10_000));
		long publicPosts = scores.size();
		for (Sentiment s : analyser.analyseAll(written.latestPrivate(), null)) {
			scores.add(s.score());
		}
		long missions = ledger.missionsDone(person.memberIds(), from, to);
		Inputs inputs = new Inputs(read.days(), written.questions(), written.messages(), publicPosts, missions,
				scores.size());
		double cognitive = saturating(read.days() + 2.0 * written.questions());
		double behavioural = saturating(publicPosts + 0.5 * written.messages() + 3.0 * missions);
		Double affective = null;
		double[] interval = null;
		if (!scores.isEmpty()) {
			double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
			affective = round(50 * (1 + mean));
			if (scores.size() >= 2) {
				double variance = scores.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (scores.size() - 1);
				double half = 1.96 * Math.sqrt(variance / scores.size());
				interval = new double[] { round(Math.max(0, 50 * (1 + mean - half))),
						round(Math.min(100, 50 * (1 + mean + half))) };
			}
		}
		double score = round(
				affective == null ? (cognitive + behavioural) / 2 : (cognitive + affective + behavioural) / 3);
		return new Engagement(person.customerId(), cognitive, affective, interval, behavioural, score, inputs, from, to,
				List.of(), METHOD);
	}

	/** 100 × x / (x + 5): half way at five, never quite a hundred. */
	static double saturating(double x) {
		return round(100 * x / (x + 5));
	}

	static double round(double x) {
		return Math.round(x * 10) / 10.0;
	}

}
