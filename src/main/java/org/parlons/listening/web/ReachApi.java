package org.parlons.listening.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.parlons.agents.InboxAccess;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.Inboxes;
import org.parlons.listening.BrandPosts;
import org.parlons.listening.ListeningFigures;
import org.parlons.listening.Topics;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Unique reach over a period ({@code /api/v1/listening/reach}): the people heard,
 * measured, with their duplication across networks and days; and the people the brand's
 * posts reached, estimated per account.
 */
@RestController
class ReachApi {

	private final InboxAccess access;

	static final String PEOPLE_METHOD = "Measured: the authors of the period's mentions, one HyperLogLog sketch per "
			+ "network and per day (about 1 % error), united so each person counts once. Duplication is the share of "
			+ "the summed per-network (or per-day) people counted more than once: the same people heard again. Over more "
			+ "than 40,000 mentions, on the hashed random 1/sampleDenominator of the authors, multiplied back.";

	static final String POSTS_METHOD = "Estimate: each post's latest reach rᵢ (people, as the network counts them) of an "
			+ "audience N (the account's followers at the end of the period, or the largest reach if a post reached "
			+ "more); unique reach N × (1 − Π(1 − rᵢ/N)) assumes each post reached its share at random. The sum of the "
			+ "reaches counts a person once per post.";

	private final ListeningFigures figures;

	private final BrandPosts brandPosts;

	private final Topics topics;

	private final Inboxes inboxes;

	private final Clock clock;

	ReachApi(ListeningFigures figures, BrandPosts brandPosts, Topics topics, Inboxes inboxes, Clock clock,
			InboxAccess access) {
		this.access = access;
		this.figures = figures;
		this.brandPosts = brandPosts;
		this.topics = topics;
		this.inboxes = inboxes;
		this.clock = clock;
	}

	/**
	 * Unique people reached over a period, measured for the people heard and estimated
	 * for the posts.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/api/v1/listening/reach")
	Map<String, Object> reach(@AuthenticationPrincipal AgentPrincipal me,
			@ParameterObject ListeningFilters.Query query) {
		ListeningFigures.Filter f = ListeningFilters.of(query, null, null, topics, inboxes, access.scopeOf(me), clock);
		ListeningFigures.People people = figures.people(f);
		Map<String, Object> heard = new LinkedHashMap<>();
		heard.put("unique", people.unique());
		heard.put("perNetwork", people.perNetwork());
		heard.put("sumOverNetworks", people.sumOverNetworks());
		heard.put("networkDuplication", people.networkDuplication());
		heard.put("sumOverDays", people.sumOverDays());
		heard.put("dayDuplication", people.dayDuplication());
		heard.put("sampleDenominator", people.sampleDenominator());
		heard.put("measured", true);
		heard.put("method", PEOPLE_METHOD);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("from", ListeningFilters.firstDay(f).toString());
		out.put("to", ListeningFilters.lastDay(f).toString());
		out.put("people", heard);
		out.put("posts",
				Map.of("accounts",
						brandPosts.accounts(brandPosts.posts(f.from(), f.to(), brandPosts.accountsOf(f)), f.to()),
						"measured", false, "method", POSTS_METHOD));
		return out;
	}

}
