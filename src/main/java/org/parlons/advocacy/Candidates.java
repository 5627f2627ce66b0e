package org.parlons.advocacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.language.Sentiment;
import org.parlons.listening.Influence;
import org.springframework.stereotype.Service;

/**
 * People the brand already hears who could join a programme: known customers whose own
 * tonality toward the brand is positive (the mean sentiment of their public posts, each
 * person counted once) and whose observed influence is high, in one topic or all, over
 * the last {@link Influence#WINDOW}; with the evidence. Members of the programme and
 * customers who objected to being profiled are left out.
 */
@Service
public class Candidates {

	/**
	 * Below this observed influence nobody is proposed (about a hundred people reached).
	 */
	public static final double MIN_INFLUENCE = 20;

	/** At least this many posts: one happy post is not a tonality. */
	public static final int MIN_POSTS = 2;

	/**
	 * A proposed person and why.
	 *
	 * @param customerId the customer
	 * @param name their name
	 * @param posts their public posts over the period
	 * @param reach the people their posts reached
	 * @param engagements the likes, replies and shares their posts drew
	 * @param estimatedReach whether part of the reach stands on follower counts
	 * @param meanSentiment their tonality toward the brand, from -1 to 1
	 * @param influence their observed influence ({@link Influence#METHOD})
	 */
	public record Candidate(long customerId, String name, int posts, double meanSentiment, long reach, long engagements,
			double influence, boolean estimatedReach) {
	}

	private final Influence influence;

	private final Customers customers;

	private final Members members;

	private final Clock clock;

	Candidates(Influence influence, Customers customers, Members members, Clock clock) {
		this.influence = influence;
		this.customers = customers;
		this.members = members;
		this.clock = clock;
	}

	/**
	 * The candidates for a programme, the most influential first.
	 * @param within the inboxes whose mentions the reader sees; null: all mentions
	 */
	public List<Candidate> of(long programmeId, @Nullable Long topicId, @Nullable Set<Long> within, int limit) {
		Instant to = clock.instant();
		List<Influence.Voice> voices = influence.top(topicId, null, within, to.minus(Influence.WINDOW), to, 500);
		Set<Long> taken = new HashSet<>();
		for (Members.Member m : members.of(programmeId)) {
			if (m.customerId() != null) {
				taken.addAll(customers.aliasesOf(customers.current(m.customerId())));
			}
		}
		List<Candidate> out = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (Influence.Voice v : voices) {
			Long profile = customerOf(v.authorKey());
			if (profile == null || v.mentions() < MIN_POSTS || v.meanSentiment() <= Sentiment.THRESHOLD
					|| v.score() < MIN_INFLUENCE) {
				continue;
			}
			long current = customers.current(profile);
			if (taken.contains(current) || !seen.add(current)
					|| customers.rights(current).profilingObjectedAt() != null) {
				continue;
			}
			Map<Long, Customers.Summary> names = customers.summaries(List.of(current));
			String name = names.containsKey(current) ? names.get(current).displayName() : "#" + current;
			out.add(new Candidate(current, name, v.mentions(), Math.round(v.meanSentiment() * 1000) / 1000.0, v.reach(),
					v.engagements(), Math.round(v.score() * 10) / 10.0, v.estimated()));
			if (out.size() == limit) {
				break;
			}
		}
		return out;
	}

	private static @Nullable Long customerOf(String authorKey) {
		if (!authorKey.startsWith("customer:")) {
			return null;
		}
		try {
			long id = Long.parseLong(authorKey.substring("customer:".length()));
			return id > 0 ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
