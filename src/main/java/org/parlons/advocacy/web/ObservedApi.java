package org.parlons.advocacy.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Candidates;
import org.parlons.advocacy.EngagementScores;
import org.parlons.advocacy.Flags;
import org.parlons.advocacy.Programmes;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.InvalidRequestException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What listening observed of programmes and customers: the disclosure flags, the
 * candidates it proposes, and a customer's engagement score.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_PROGRAMMES)
class ObservedApi {

	private final Programmes programmes;

	private final Flags flags;

	private final Candidates candidates;

	private final EngagementScores engagement;

	private final Customers customers;

	private final InboxAccess access;

	ObservedApi(Programmes programmes, Flags flags, Candidates candidates, EngagementScores engagement,
			Customers customers, InboxAccess access) {
		this.programmes = programmes;
		this.flags = flags;
		this.candidates = candidates;
		this.engagement = engagement;
		this.customers = customers;
		this.access = access;
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * Public posts of members whose contract requires a disclosure they lack, the open
	 * ones first ({@code ?all=true}: the resolved ones too).
	 */
	@GetMapping("/programmes/{id}/flags")
	Items<Flags.Flag> flags(@PathVariable long id, @RequestParam(defaultValue = "false") boolean all) {
		programmes.get(id);
		return new Items<>(flags.of(id, !all));
	}

	/** The manager dealt with a flag. 409 when resolved already. */
	@PostMapping("/programmes/{id}/flags/{flagId}/resolve")
	Flags.Flag resolve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long flagId) {
		return InvalidRequestException.answering(() -> flags.resolve(id, flagId, me.id()));
	}

	/**
	 * Customers listening proposes for the programme: positive toward the brand,
	 * influential, not members yet, among the mentions of the caller's inboxes
	 * ({@code topicId}: in that topic).
	 */
	@GetMapping("/programmes/{id}/candidates")
	Items<Candidates.Candidate> candidates(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(required = false) @Nullable Long topicId) {
		programmes.get(id);
		InboxScope scope = access.scopeOf(me);
		return new Items<>(candidates.of(id, topicId, scope.all() ? null : scope.inboxIds(), 50));
	}

	/**
	 * A customer's engagement: its cognitive, affective and behavioural parts, the score,
	 * what each stands on, the method and the trend; 409 when the customer objected to
	 * being profiled.
	 */
	@Requires(Permission.READ_LISTENING)
	@GetMapping("/customers/{id}/engagement")
	EngagementScores.Engagement engagement(@PathVariable long id) {
		if (customers.findById(id).isEmpty()) {
			throw new NotFoundException("No customer " + id);
		}
		return InvalidRequestException.answering(() -> engagement.of(id));
	}

}
