package org.parlons.listening.web;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Post;
import org.parlons.listening.PostMetrics;
import org.parlons.listening.BrandPostFigures;
import org.parlons.listening.BrandPosts;
import org.parlons.listening.ListeningFigures;
import org.parlons.platform.InvalidRequestException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The brand's posts with their figures over time, and its accounts' followers beside the
 * mentions' sentiment. Connectors that can read them (X, Mastodon, Facebook, Instagram)
 * record them on their own; other tools send them here.
 */
@RestController
class BrandPostsApi {

	private final InboxAccess access;

	static final String POSTS_METHOD = "Engagement = likes + comments + shares, divided as each network defines its "
			+ "rate: X by impressions, the others by reach; failing those, by the account's followers when the post was "
			+ "last read. The denominator is named with every rate. Half-life: hourly rates between successive readings "
			+ "(the first from publication), fitted by an exponential (least squares on their logarithm); none before "
			+ "two readings with new interactions. Per account (a page): all interactions of the period's posts over the sum "
			+ "of their impressions (X) or reach (others) when every post has it, else the mean per post over the account's "
			+ "followers (\"per post\").";

	static final String FOLLOWERS_METHOD = "Followers at the end of each UTC day: the last count of each account, "
			+ "carried over days without one, summed over accounts; growth is the change from the day before. Net "
			+ "sentiment that day: positive share minus negative share of the mentions (hourly rollups).";

	private final BrandPosts brandPosts;

	private final BrandPostFigures posts;

	private final Inboxes inboxes;

	private final Clock clock;

	BrandPostsApi(BrandPosts brandPosts, BrandPostFigures posts, Inboxes inboxes, Clock clock, InboxAccess access) {
		this.access = access;
		this.brandPosts = brandPosts;
		this.posts = posts;
		this.inboxes = inboxes;
		this.clock = clock;
	}

	/** The brand's posts of the period with their engagement, rate and half-life. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/posts")
	Map<String, Object> list(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network) {
		ListeningFigures.Filter f = ListeningFilters.of(from, to, network, access.scopeOf(me), clock);
		Map<String, Object> out = new LinkedHashMap<>();
		List<BrandPosts.Figures> read = brandPosts.posts(f.from(), f.to(), brandPosts.accountsOf(f));
		out.put("items", read);
		out.put("accounts", brandPosts.accounts(read, f.to()));
		out.put("method", POSTS_METHOD);
		return out;
	}

	/** The accounts' followers per day beside the day's net sentiment. */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/followers")
	Map<String, Object> followers(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String network) {
		ListeningFigures.Filter f = ListeningFilters.of(from, to, network, access.scopeOf(me), clock);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("days", brandPosts.followerGrowth(f, brandPosts.accountsOf(f)));
		out.put("method", FOLLOWERS_METHOD);
		return out;
	}

	/**
	 * One of the brand's posts as read at a moment.
	 *
	 * @param externalId its id on the network
	 * @param text what it says
	 * @param url where it can be read
	 * @param publishedAt when it was published
	 * @param observedAt when these figures were read; the body's when left out
	 * @param likes likes then
	 * @param comments comments then
	 * @param shares shares then
	 * @param impressions impressions then
	 * @param reach people reached then
	 */
	record ObservedPost(@NotBlank @Size(max = 500) String externalId, @Nullable @Size(max = 100_000) String text,
			@Nullable @Size(max = 2000) @Pattern(regexp = "https?://\\S+",
					message = "is a web address (http:// or https://)") String url,
			@NotNull OffsetDateTime publishedAt, @Nullable OffsetDateTime observedAt,
			@Nullable @PositiveOrZero Long likes, @Nullable @PositiveOrZero Long comments,
			@Nullable @PositiveOrZero Long shares, @Nullable @PositiveOrZero Long impressions,
			@Nullable @PositiveOrZero Long reach) {
	}

	/**
	 * The brand's posts of an inbox's account read at one moment.
	 *
	 * @param inboxId the account's inbox
	 * @param followers the account's followers then
	 * @param observedAt when they were read; now when left out
	 * @param items up to 1,000 posts
	 */
	record PostsBody(@NotNull Long inboxId, @Nullable @PositiveOrZero Long followers,
			@Nullable OffsetDateTime observedAt, @NotNull @Size(max = 1000) List<@Valid @NotNull ObservedPost> items) {
	}

	/**
	 * The brand's posts of an inbox's account as read at one moment (each item's
	 * {@code observedAt}, else the body's, else now), with the account's followers then
	 * when given. Sending figures again at another moment adds a reading; at the same
	 * moment replaces it.
	 */
	@Requires(Permission.MANAGE_LISTENING)
	@PostMapping("/api/v1/listening/posts")
	@Transactional
	Map<String, Object> record(@Valid @RequestBody PostsBody body) {
		if (inboxes.findLive(body.inboxId()).isEmpty()) {
			throw InvalidRequestException.said("refused.inboxId", "inboxId: no inbox " + body.inboxId(),
					String.valueOf(body.inboxId()));
		}
		Instant now = clock.instant();
		Instant readAt = body.observedAt() == null ? now : body.observedAt().toInstant();
		if (readAt.isAfter(now.plusSeconds(300))) {
			throw InvalidRequestException.said("brandPosts.refused.future",
					"observedAt: figures are read in the past, not at " + body.observedAt(),
					String.valueOf(body.observedAt()));
		}
		for (ObservedPost item : body.items()) {
			Instant at = item.observedAt() == null ? readAt : item.observedAt().toInstant();
			if (at.isBefore(item.publishedAt().toInstant()) || at.isAfter(now.plusSeconds(300))) {
				throw InvalidRequestException.said("brandPosts.refused.observedAt",
						"observedAt of " + item.externalId()
								+ ": figures are read after the post is published and not in the future",
						item.externalId());
			}
			posts.observe(body.inboxId(),
					new Post(item.externalId().strip(), item.text(), item.url(), null, item.publishedAt().toInstant()),
					new PostMetrics(item.likes(), item.comments(), item.shares(), item.impressions(), item.reach()),
					at);
		}
		if (body.followers() != null) {
			posts.observeFollowers(body.inboxId(), body.followers(), readAt);
		}
		return Map.of("posts", body.items().size(), "followers", body.followers() == null ? 0 : 1);
	}

}
