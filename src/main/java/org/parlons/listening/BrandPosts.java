package org.parlons.listening;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.PostMetrics;
import org.springframework.stereotype.Service;

/**
 * The brand's own posts and accounts, measured honestly (seed 002): each post's
 * engagement rate with its denominator named as its network defines it, how fast its
 * engagement fades, and the accounts' followers day by day beside the sentiment of the
 * mentions, so a bad buzz that still brings followers (the Festina effect, seed 001)
 * shows as such.
 */
@Service
public class BrandPosts {

	/**
	 * A post with its latest figures, its engagement rate and half-life when they can be
	 * computed.
	 */
	public record Figures(long id, long inboxId, String network, String externalId, @Nullable String text,
			@Nullable String url, Instant publishedAt, Instant observedAt, PostMetrics latest, long interactions,
			Engagement.@Nullable Rate engagementRate, @Nullable String engagementRateDescribed,
			@Nullable Double halfLifeHours, List<BrandPostFigures.Snapshot> snapshots) {
	}

	/**
	 * A day of the period: the accounts' followers at its end (the last count of each
	 * account, carried over days without one), the change since the day before, and the
	 * mentions' sentiment that day (net: the positive share minus the negative share, as
	 * for share of voice).
	 */
	public record FollowerDay(LocalDate day, @Nullable Long followers, @Nullable Long growth, int mentions,
			int positive, int negative, @Nullable Double netSentiment) {
	}

	private static final int MAX_POSTS = 200;

	private final BrandPostFigures posts;

	private final Inboxes inboxes;

	private final ListeningFigures figures;

	BrandPosts(BrandPostFigures posts, Inboxes inboxes, ListeningFigures figures) {
		this.posts = posts;
		this.inboxes = inboxes;
		this.figures = figures;
	}

	/**
	 * An account's posts of the period taken together (a page's figures): their
	 * interactions and the page's engagement rate, its denominator named, and how many
	 * different people they reached.
	 * <ul>
	 * <li>Engagement rate: when every post has the figure its network divides by (X:
	 * impressions; the others: reach), all interactions over the sum of those figures;
	 * else the mean interactions per post over the account's followers at the end of the
	 * period ("per post").</li>
	 * <li>Unique reach: the posts' latest reach rᵢ and the random-duplication estimate 1
	 * − Π(1 − rᵢ/N) of an audience of N, the account's followers at the end of the period
	 * (or the largest reach, when a post reached more people than follow the account).
	 * Null when no post has a reach figure (Mastodon gives none, X gives
	 * impressions).</li>
	 * </ul>
	 */
	public record AccountFigures(long inboxId, String network, int posts, long interactions,
			Engagement.@Nullable Rate engagementRate, @Nullable String engagementRateDescribed, int postsWithReach,
			long sumOfReach, @Nullable Long audience, Reach.@Nullable Unique unique) {
	}

	/**
	 * The accounts of these posts (as {@link #posts} read them for a period ending at
	 * {@code to}), taken together.
	 */
	public List<AccountFigures> accounts(List<Figures> periodPosts, Instant to) {
		Map<Long, List<Figures>> byAccount = new java.util.TreeMap<>();
		periodPosts.forEach(p -> byAccount.computeIfAbsent(p.inboxId(), k -> new ArrayList<>()).add(p));
		List<BrandPostFigures.FollowerCount> counts = byAccount.isEmpty() ? List.of()
				: posts.followers(Instant.EPOCH, to, byAccount.keySet());
		List<AccountFigures> out = new ArrayList<>();
		byAccount.forEach((inbox, list) -> {
			String network = list.get(0).network();
			long[] reaches = list.stream()
				.map(p -> p.latest().reach())
				.filter(r -> r != null)
				.mapToLong(Long::longValue)
				.toArray();
			Long followers = followersAt(counts, inbox, to);
			long largest = java.util.Arrays.stream(reaches).max().orElse(0);
			Long audience = followers == null && largest == 0 ? null
					: Math.max(followers == null ? 0 : followers, largest);
			Reach.Unique unique = reaches.length == 0 || audience == null || audience == 0 ? null
					: Reach.estimated(audience, reaches);
			long interactions = list.stream().mapToLong(Figures::interactions).sum();
			Engagement.Rate rate = pageRate(network, list, interactions, followers);
			out.add(new AccountFigures(inbox, network, list.size(), interactions, rate,
					rate == null ? null
							: rate.describe() + (rate.per() == Engagement.Denominator.FOLLOWERS ? " per post" : ""),
					reaches.length, java.util.Arrays.stream(reaches).sum(), audience, unique));
		});
		return out;
	}

	/**
	 * A page's engagement rate over its posts (see {@link AccountFigures}); null when
	 * nothing divides it.
	 */
	static Engagement.@Nullable Rate pageRate(String network, List<Figures> posts, long interactions,
			@Nullable Long followers) {
		boolean x = "x".equals(network);
		long sum = 0;
		boolean every = true;
		for (Figures p : posts) {
			Long denominator = x ? p.latest().impressions() : p.latest().reach();
			if (denominator == null || denominator == 0) {
				every = false;
				break;
			}
			sum += denominator;
		}
		if (every && sum > 0) {
			return Engagement.rate(interactions, x ? Engagement.Denominator.IMPRESSIONS : Engagement.Denominator.REACH,
					sum);
		}
		if (followers == null || followers == 0 || posts.isEmpty()) {
			return null;
		}
		return new Engagement.Rate((double) interactions / posts.size() / followers, Engagement.Denominator.FOLLOWERS,
				followers);
	}

	/**
	 * The brand's posts published in the period, newest first, in these inboxes (null:
	 * all).
	 */
	public List<Figures> posts(Instant from, Instant to, @Nullable Collection<Long> inboxIds) {
		Map<Long, String> networks = new HashMap<>();
		inboxes.findAll().forEach(i -> networks.put(i.id(), i.channel()));
		List<BrandPostFigures.Observed> observed = posts.own(from, to, inboxIds, MAX_POSTS);
		List<BrandPostFigures.FollowerCount> followers = observed.isEmpty() ? List.of()
				: posts.followers(Instant.EPOCH, to.plus(Duration.ofDays(366)), inboxIds);
		List<Figures> out = new ArrayList<>();
		for (BrandPostFigures.Observed p : observed) {
			BrandPostFigures.Snapshot last = p.latest();
			String network = networks.getOrDefault(p.inboxId(), "?");
			Long followersThen = followersAt(followers, p.inboxId(), last.at());
			Engagement.Rate rate = rate(network, last.metrics(), followersThen);
			out.add(new Figures(p.id(), p.inboxId(), network, p.post().externalId(), p.post().text(), p.post().url(),
					p.post().postedAt(), last.at(), last.metrics(), last.metrics().interactions(), rate,
					rate == null ? null : rate.describe(), halfLife(p), p.snapshots()));
		}
		return out;
	}

	/**
	 * The engagement rate as the network defines it: X divides by impressions; Facebook,
	 * Instagram and the others by reach; either falls back to the other, then to the
	 * account's followers when the post was read. Null when none is known.
	 */
	static Engagement.@Nullable Rate rate(String network, PostMetrics m, @Nullable Long followers) {
		List<Object[]> order = "x".equals(network)
				? List.of(new Object[] { Engagement.Denominator.IMPRESSIONS, m.impressions() },
						new Object[] { Engagement.Denominator.REACH, m.reach() })
				: List.of(new Object[] { Engagement.Denominator.REACH, m.reach() },
						new Object[] { Engagement.Denominator.IMPRESSIONS, m.impressions() });
		for (Object[] candidate : order) {
			Long denominator = (Long) candidate[1];
			if (denominator != null && denominator > 0) {
				return Engagement.rate(m.interactions(), (Engagement.Denominator) candidate[0], denominator);
			}
		}
		return followers != null && followers > 0
				? Engagement.rate(m.interactions(), Engagement.Denominator.FOLLOWERS, followers) : null;
	}

	private static @Nullable Double halfLife(BrandPostFigures.Observed p) {
		if (p.post().postedAt() == null) {
			return null;
		}
		List<Engagement.Total> totals = p.snapshots()
			.stream()
			.map(s -> new Engagement.Total(Duration.between(p.post().postedAt(), s.at()).toSeconds() / 3600.0,
					s.metrics().interactions()))
			.filter(t -> t.hoursAfter() > 0)
			.toList();
		try {
			return Engagement.halfLifeFromTotals(totals);
		}
		catch (IllegalArgumentException ex) {
			return null; // fewer than two readings with new interactions, or no decay yet
		}
	}

	private static @Nullable Long followersAt(List<BrandPostFigures.FollowerCount> counts, long inboxId, Instant at) {
		Long found = null;
		for (BrandPostFigures.FollowerCount c : counts) {
			if (c.inboxId() == inboxId && !c.at().isAfter(at)) {
				found = c.followers();
			}
		}
		return found;
	}

	/**
	 * Followers and sentiment day by day over the filter's period, for these inboxes'
	 * accounts (null: all).
	 */
	public List<FollowerDay> followerGrowth(ListeningFigures.Filter f, @Nullable Collection<Long> inboxIds) {
		List<ListeningFigures.Day> days = figures.days(f);
		// counts before the period too, so its first day starts from the last known count
		List<BrandPostFigures.FollowerCount> counts = posts.followers(Instant.EPOCH, f.to(), inboxIds);
		Map<Long, TreeMap<Instant, Long>> byInbox = new HashMap<>();
		counts.forEach(c -> byInbox.computeIfAbsent(c.inboxId(), k -> new TreeMap<>()).put(c.at(), c.followers()));
		List<FollowerDay> out = new ArrayList<>(days.size());
		Long previous = days.isEmpty() ? null
				: total(byInbox, days.get(0).day().atStartOfDay().toInstant(ZoneOffset.UTC));
		for (ListeningFigures.Day d : days) {
			Long followers = total(byInbox, d.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
			Long growth = followers == null || previous == null ? null : followers - previous;
			out.add(new FollowerDay(d.day(), followers, growth, d.mentions(), d.positive(), d.negative(),
					d.mentions() == 0 ? null : (double) (d.positive() - d.negative()) / d.mentions()));
			previous = followers;
		}
		return out;
	}

	/**
	 * The sum over accounts of each one's last count before {@code end}; null when none
	 * was counted yet.
	 */
	private static @Nullable Long total(Map<Long, TreeMap<Instant, Long>> byInbox, Instant end) {
		long sum = 0;
		boolean any = false;
		for (TreeMap<Instant, Long> series : byInbox.values()) {
			var last = series.lowerEntry(end);
			if (last != null) {
				sum += last.getValue();
				any = true;
			}
		}
		return any ? sum : null;
	}

	/** The inboxes of a network (null: every inbox), to narrow the posts and accounts. */
	/**
	 * The brand accounts a dashboard filter covers: its inbox, else its network's
	 * inboxes, else all (null).
	 */
	public @Nullable List<Long> accountsOf(ListeningFigures.Filter f) {
		List<Long> accounts = f.inbox() != null ? List.of(f.inbox()) : inboxesOf(f.network());
		if (f.within() == null) {
			return accounts;
		}
		Set<Long> within = f.within();
		return (accounts == null ? inboxes.findAll().stream().map(Inbox::id).toList() : accounts).stream()
			.filter(within::contains)
			.toList();
	}

	public @Nullable List<Long> inboxesOf(@Nullable String network) {
		return network == null ? null
				: inboxes.findAll().stream().filter(i -> network.equals(i.channel())).map(Inbox::id).toList();
	}

}
