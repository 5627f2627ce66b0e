package org.parlons.advocacy.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Candidates;
import org.parlons.advocacy.Contract;
import org.parlons.advocacy.Delegations;
import org.parlons.advocacy.EngagementScores;
import org.parlons.advocacy.Flags;
import org.parlons.advocacy.Ledger;
import org.parlons.advocacy.MemberStatus;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Missions;
import org.parlons.advocacy.Programmes;
import org.parlons.advocacy.Rewards;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Mandate;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ambassador and advocate programmes for their managers: members with their lifecycle,
 * contract and delegated powers, missions and the points ledger, rewards, the disclosure
 * flags, the candidates listening proposes; and a customer's engagement score.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_PROGRAMMES)
class ProgrammesApi {

	private final Programmes programmes;

	private final Members members;

	private final Delegations delegations;

	private final Missions missions;

	private final Ledger ledger;

	private final Rewards rewards;

	private final Flags flags;

	private final Candidates candidates;

	private final EngagementScores engagement;

	private final MemberViews views;

	private final Customers customers;

	private final InboxAccess access;

	ProgrammesApi(Programmes programmes, Members members, Delegations delegations, Missions missions, Ledger ledger,
			Rewards rewards, Flags flags, Candidates candidates, EngagementScores engagement, MemberViews views,
			Customers customers, InboxAccess access) {
		this.programmes = programmes;
		this.members = members;
		this.delegations = delegations;
		this.missions = missions;
		this.ledger = ledger;
		this.rewards = rewards;
		this.flags = flags;
		this.candidates = candidates;
		this.engagement = engagement;
		this.views = views;
		this.customers = customers;
		this.access = access;
	}

	/**
	 * A new programme.
	 *
	 * @param name how the brand calls it, unique
	 * @param kind "ambassador", "advocate", "beta_tester", "staff_advocate" or
	 * "community_expert"
	 * @param description what it is for
	 */
	record NewProgramme(@NotNull String name, @NotNull String kind, @Nullable String description) {
	}

	/**
	 * What binds a member.
	 *
	 * @param kind "unpaid", "in_kind" or "paid"
	 * @param amount what is paid, or the value of what is given (required when paid)
	 * @param currency ISO 4217 ("EUR"), with an amount
	 * @param disclosure a wording the contract asks for on top of "Publicité",
	 * "Collaboration commerciale", "#ad"…
	 */
	record ContractBody(@NotNull String kind, @Nullable BigDecimal amount, @Nullable String currency,
			@Nullable String disclosure) {

		Contract contract() {
			return new Contract(Contract.Kind.of(kind), amount,
					currency == null ? null : currency.strip().toUpperCase(java.util.Locale.ROOT), disclosure);
		}

	}

	/**
	 * A nomination: a customer or an agent.
	 *
	 * @param customerId the customer nominated
	 * @param agentId the agent nominated (staff advocates)
	 * @param mission what they are asked to do, said to them
	 * @param termEndsOn when the membership's term ends
	 * @param contract what binds them; unpaid when left out
	 */
	record NewMember(@Nullable Long customerId, @Nullable Long agentId, @Nullable String mission,
			@Nullable LocalDate termEndsOn, @Nullable @Valid ContractBody contract) {
	}

	/**
	 * A change of status.
	 *
	 * @param status "vetted", "active", "suspended", "alumni" or "nominated" (an alumnus
	 * coming back)
	 * @param note why, kept in the history
	 */
	record StatusChange(@NotNull String status, @Nullable String note) {
	}

	/**
	 * A sum and its currency.
	 *
	 * @param amount the sum
	 * @param currency ISO 4217
	 */
	record Money(@NotNull BigDecimal amount, @NotNull String currency) {
	}

	/**
	 * A delegated mandate, like an agent's.
	 *
	 * @param maxGesture the largest gesture the member may commit to; none when left out
	 * @param languages the languages they may answer in; any when empty
	 * @param channels the channels they may answer on; any when empty
	 * @param withheldTopics topics they may not speak about in public
	 */
	record MandateBody(@Nullable @Valid Money maxGesture, @Nullable List<String> languages,
			@Nullable List<String> channels, @Nullable List<String> withheldTopics) {

		Mandate mandate() {
			try {
				return new Mandate(maxGesture == null ? null : maxGesture.amount(),
						maxGesture == null ? null : maxGesture.currency().strip().toUpperCase(java.util.Locale.ROOT),
						set(languages), set(channels), set(withheldTopics));
			}
			catch (IllegalArgumentException ex) {
				throw ex instanceof Refusals.Said ? InvalidRequestException.from(ex)
						: new InvalidRequestException("mandate: " + ex.getMessage());
			}
		}

		private static Set<String> set(@Nullable List<String> names) {
			return names == null ? Set.of() : new java.util.HashSet<>(names);
		}

	}

	/**
	 * Powers delegated to a member.
	 *
	 * @param agentId the account they speak through (role agent; its teams give its
	 * inboxes)
	 * @param mandate what they may commit to in the brand's name
	 */
	record Delegation(@NotNull Long agentId, @NotNull @Valid MandateBody mandate) {
	}

	/**
	 * A new mission.
	 *
	 * @param title what to do
	 * @param kind "share", "review", "answer", "test", "attend" or "refer"
	 * @param points what it earns
	 * @param evidenceMatch a hashtag, link or phrase whose presence in a member's public
	 * post shows it done; without it the manager records the evidence
	 * @param maxPerMember how many times a member may earn it (1 when left out)
	 * @param startsAt from when posts count (now when left out)
	 * @param endsAt until when
	 */
	record NewMission(@NotNull String title, @NotNull String kind, int points, @Nullable String evidenceMatch,
			@Nullable Integer maxPerMember, @Nullable OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt) {
	}

	/**
	 * Evidence the manager saw.
	 *
	 * @param memberId who did the mission
	 * @param evidence what shows it (a link, "attended on 3 March")
	 */
	record Evidence(@NotNull Long memberId, @NotNull String evidence) {
	}

	/**
	 * Whether evidence earned points.
	 *
	 * @param earned false when this evidence counted already or the member reached the
	 * mission's limit
	 * @param balance the member's points after
	 */
	record Earned(boolean earned, Ledger.Balance balance) {
	}

	/**
	 * A new reward.
	 *
	 * @param title what the member gets
	 * @param cost in points
	 */
	record NewReward(@NotNull String title, int cost) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/** Creates a programme. */
	@PostMapping("/programmes")
	@ResponseStatus(HttpStatus.CREATED)
	Programmes.Programme create(@AuthenticationPrincipal AgentPrincipal me, @RequestBody NewProgramme body) {
		return said(() -> programmes.create(body.name() == null ? "" : body.name(),
				body.kind() == null ? "" : body.kind(), body.description(), me.id()));
	}

	/** The programmes. */
	@GetMapping("/programmes")
	Items<Programmes.Programme> list() {
		return new Items<>(programmes.list());
	}

	/** One programme. */
	@GetMapping("/programmes/{id}")
	Programmes.Programme one(@PathVariable long id) {
		return programmes.get(id);
	}

	/** Nominates a customer or an agent: the membership starts as nominated. */
	@PostMapping("/programmes/{id}/members")
	@ResponseStatus(HttpStatus.CREATED)
	MemberViews.View nominate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody NewMember body) {
		programmes.get(id);
		if (body.customerId() != null && customers.findById(body.customerId()).isEmpty()) {
			throw new NotFoundException("No customer " + body.customerId());
		}
		return views.of(said(
				() -> members.nominate(id, new Members.Nomination(body.customerId(), body.agentId(), body.mission(),
						body.termEndsOn(), body.contract() == null ? Contract.UNPAID : body.contract().contract()),
						me.id())));
	}

	/** The members, with their points. */
	@GetMapping("/programmes/{id}/members")
	Items<MemberViews.View> members(@PathVariable long id) {
		programmes.get(id);
		return new Items<>(members.of(id).stream().map(views::of).toList());
	}

	/** One member with their history, points and rewards. */
	@GetMapping("/programmes/{id}/members/{memberId}")
	MemberViews.Detail member(@PathVariable long id, @PathVariable long memberId) {
		return views.detail(members.in(id, memberId));
	}

	/** Moves a member to another status; 409 for a transition the lifecycle refuses. */
	@PostMapping("/programmes/{id}/members/{memberId}/status")
	MemberViews.View move(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long memberId, @RequestBody StatusChange body) {
		members.in(id, memberId);
		return views.of(said(() -> members
			.move(memberId, MemberStatus.of(body.status() == null ? "" : body.status()), me.id(), body.note())
			.after()));
	}

	/**
	 * Delegates powers to a member through an agent account (needs the permission to
	 * manage agents too): the account takes the mandate and works while the member is
	 * active.
	 */
	@PutMapping("/programmes/{id}/members/{memberId}/delegation")
	MemberViews.View delegate(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long memberId, @Valid @RequestBody Delegation body) {
		mayManageAgents(me);
		members.in(id, memberId);
		return views.of(said(() -> delegations.delegate(memberId, body.agentId(), body.mandate().mandate(), me.id())));
	}

	/** Ends the delegation: the account stops working. */
	@DeleteMapping("/programmes/{id}/members/{memberId}/delegation")
	MemberViews.View revoke(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long memberId) {
		mayManageAgents(me);
		members.in(id, memberId);
		return views.of(delegations.revoke(memberId, me.id()));
	}

	/** Creates a mission. */
	@PostMapping("/programmes/{id}/missions")
	@ResponseStatus(HttpStatus.CREATED)
	Missions.Mission createMission(@PathVariable long id, @RequestBody NewMission body) {
		programmes.get(id);
		return said(() -> missions.create(id, new Missions.NewMission(body.title(), body.kind(), body.points(),
				body.evidenceMatch(), body.maxPerMember(), instant(body.startsAt()), instant(body.endsAt()))));
	}

	/** The missions, the latest first. */
	@GetMapping("/programmes/{id}/missions")
	Items<Missions.Mission> missions(@PathVariable long id) {
		programmes.get(id);
		return new Items<>(missions.of(id));
	}

	/**
	 * Records evidence of a mission the manager saw (a test, an event attended); points
	 * are earned once per evidence.
	 */
	@PostMapping("/programmes/{id}/missions/{missionId}/evidence")
	@ResponseStatus(HttpStatus.CREATED)
	Earned evidence(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long missionId,
			@Valid @RequestBody Evidence body) {
		Members.Member member = members.in(id, body.memberId());
		Missions.Mission mission = missions.get(missionId);
		if (mission.programmeId() != id) {
			throw new NotFoundException("No mission " + missionId + " in programme " + id);
		}
		String evidence = body.evidence().strip();
		if (evidence.isEmpty() || evidence.length() > 600) {
			throw InvalidRequestException.said("advocacy.points.evidence", "evidence: between 1 and 600 characters");
		}
		boolean earned = said(() -> ledger.earn(member, mission, evidence, me.id()));
		return new Earned(earned, ledger.balance(member.id()));
	}

	/** Creates a reward. */
	@PostMapping("/programmes/{id}/rewards")
	@ResponseStatus(HttpStatus.CREATED)
	Rewards.Reward createReward(@PathVariable long id, @RequestBody NewReward body) {
		programmes.get(id);
		return said(() -> rewards.create(id, body.title(), body.cost()));
	}

	/** The rewards, the cheapest first. */
	@GetMapping("/programmes/{id}/rewards")
	Items<Rewards.Reward> rewards(@PathVariable long id) {
		programmes.get(id);
		return new Items<>(rewards.of(id));
	}

	/** The members' requests for rewards, those waiting first. */
	@GetMapping("/programmes/{id}/redemptions")
	Items<Rewards.Redemption> redemptions(@PathVariable long id) {
		programmes.get(id);
		return new Items<>(rewards.ofProgramme(id));
	}

	/** Approves a request: the points are spent. 409 when decided already. */
	@PostMapping("/programmes/{id}/redemptions/{redemptionId}/approve")
	Rewards.Redemption approve(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long redemptionId) {
		return said(() -> rewards.decide(id, redemptionId, true, me.id()));
	}

	/** Rejects a request: the points come back. 409 when decided already. */
	@PostMapping("/programmes/{id}/redemptions/{redemptionId}/reject")
	Rewards.Redemption reject(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long redemptionId) {
		return said(() -> rewards.decide(id, redemptionId, false, me.id()));
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
		return said(() -> flags.resolve(id, flagId, me.id()));
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
		return said(() -> engagement.of(id));
	}

	private static void mayManageAgents(AgentPrincipal me) {
		if (!me.may(Permission.MANAGE_AGENTS)) {
			throw InvalidRequestException.forbiddenSaid("advocacy.delegation.forbidden",
					"Delegating powers changes an agent's mandate: it needs the permission to manage agents");
		}
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	/**
	 * Runs the call; a refusal of the domain becomes a 422 or 409 said in the reader's
	 * language.
	 */
	static <T> T said(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (Refusals.Invalid | Refusals.Conflict ex) {
			throw InvalidRequestException.from(ex);
		}
	}

}
