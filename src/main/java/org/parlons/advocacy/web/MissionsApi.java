package org.parlons.advocacy.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Ledger;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Missions;
import org.parlons.advocacy.Programmes;
import org.parlons.advocacy.Rewards;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A programme's missions and points for its managers: missions with what shows them done,
 * evidence recorded by hand, the rewards and the members' requests for them.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_PROGRAMMES)
class MissionsApi {

	private final Programmes programmes;

	private final Members members;

	private final Missions missions;

	private final Ledger ledger;

	private final Rewards rewards;

	MissionsApi(Programmes programmes, Members members, Missions missions, Ledger ledger, Rewards rewards) {
		this.programmes = programmes;
		this.members = members;
		this.missions = missions;
		this.ledger = ledger;
		this.rewards = rewards;
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

	/** Creates a mission. */
	@PostMapping("/programmes/{id}/missions")
	@ResponseStatus(HttpStatus.CREATED)
	Missions.Mission createMission(@PathVariable long id, @RequestBody NewMission body) {
		programmes.get(id);
		return InvalidRequestException
			.answering(() -> missions.create(id, new Missions.NewMission(body.title(), body.kind(), body.points(),
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
		boolean earned = InvalidRequestException.answering(() -> ledger.earn(member, mission, evidence, me.id()));
		return new Earned(earned, ledger.balance(member.id()));
	}

	/** Creates a reward. */
	@PostMapping("/programmes/{id}/rewards")
	@ResponseStatus(HttpStatus.CREATED)
	Rewards.Reward createReward(@PathVariable long id, @RequestBody NewReward body) {
		programmes.get(id);
		return InvalidRequestException.answering(() -> rewards.create(id, body.title(), body.cost()));
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
		return InvalidRequestException.answering(() -> rewards.decide(id, redemptionId, true, me.id()));
	}

	/** Rejects a request: the points come back. 409 when decided already. */
	@PostMapping("/programmes/{id}/redemptions/{redemptionId}/reject")
	Rewards.Redemption reject(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long redemptionId) {
		return InvalidRequestException.answering(() -> rewards.decide(id, redemptionId, false, me.id()));
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

}
