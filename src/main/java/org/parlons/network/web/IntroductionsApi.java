package org.parlons.network.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.network.Introductions;
import org.parlons.network.Leads;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.parlons.platform.InvalidRequestException.answering;

/**
 * Reaching people through the network: introductions asked of the colleague at the start
 * of a path, and lead lists with the best path to each person.
 */
@RestController
@RequestMapping("/api/v1/network")
@Requires(Permission.NETWORK)
class IntroductionsApi {

	private final Introductions introductions;

	private final Leads leads;

	IntroductionsApi(Introductions introductions, Leads leads) {
		this.introductions = introductions;
		this.leads = leads;
	}

	/**
	 * An introduction asked for.
	 *
	 * @param connectorId the colleague at the start of a path
	 * @param targetId the person to meet
	 * @param message what the colleague should know
	 */
	record IntroductionRequest(@NotNull Long connectorId, @NotNull Long targetId, @Nullable String message) {
	}

	/**
	 * An introduction.
	 *
	 * @param id its number
	 * @param requesterId who asked
	 * @param requester their name
	 * @param connectorId who is asked
	 * @param connector their name
	 * @param targetId the person to meet
	 * @param target their name
	 * @param path the path asked for, its steps named as they are called today
	 * @param strength its strength then
	 * @param message what the requester wrote
	 * @param status requested, accepted, declined, made, met or no_result
	 * @param outcome what came of it
	 * @param createdAt when it was asked
	 */
	record IntroductionView(long id, long requesterId, String requester, long connectorId, String connector,
			long targetId, String target, String path, double strength, @Nullable String message, String status,
			@Nullable String outcome, Instant createdAt) {

		static IntroductionView of(Introductions.Introduction i) {
			return new IntroductionView(i.id(), i.requesterId(), i.requester(), i.connectorId(), i.connector(),
					i.targetId(), i.target(), i.path(), i.strength(), i.message(), i.status().api(), i.outcome(),
					i.createdAt());
		}

	}

	/** Asks a colleague for an introduction along a path that starts with them. */
	@PostMapping("/introductions")
	@ResponseStatus(HttpStatus.CREATED)
	IntroductionView introduce(@AuthenticationPrincipal AgentPrincipal me, @RequestBody IntroductionRequest request) {
		return IntroductionView.of(answering(
				() -> introductions.request(me.id(), request.connectorId(), request.targetId(), request.message())));
	}

	/** The introductions the caller asked for or was asked for, the latest first. */
	@GetMapping("/introductions")
	Listed<IntroductionView> introductions(@AuthenticationPrincipal AgentPrincipal me) {
		return new Listed<>(introductions.of(me.id()).stream().map(IntroductionView::of).toList());
	}

	/**
	 * A step of an introduction.
	 *
	 * @param status accepted or declined (the connector, once asked), made (the
	 * connector, once accepted), met or no_result (the requester, once made)
	 * @param outcome what came of it
	 */
	record Decision(@NotNull String status, @Nullable String outcome) {
	}

	/** Moves an introduction on. */
	@PostMapping("/introductions/{id}/decision")
	IntroductionView decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody Decision decision) {
		return IntroductionView.of(answering(() -> introductions.decide(id, me.id(),
				Introductions.Status.fromApi(decision.status()), decision.outcome())));
	}

	/**
	 * People to put on a lead list.
	 *
	 * @param list the list's name
	 * @param organisationId the organisation whose people to list
	 * @param customerIds people to list one by one
	 */
	record LeadRequest(@NotNull String list, @Nullable Long organisationId, @Nullable List<Long> customerIds) {
	}

	/**
	 * A lead.
	 *
	 * @param id its number
	 * @param list its list
	 * @param customerId the person
	 * @param name their name
	 * @param organisationId their organisation, when listed from it
	 * @param path the strongest path when listed, named as today; none when unreachable
	 * @param strength that path's strength
	 * @param status open, converted or dropped
	 * @param createdAt when it was listed
	 */
	record LeadView(long id, String list, long customerId, String name, @Nullable Long organisationId,
			@Nullable String path, @Nullable Double strength, String status, Instant createdAt) {

		static LeadView of(Leads.Lead l) {
			return new LeadView(l.id(), l.list(), l.customerId(), l.name(), l.organisationId(), l.path(), l.strength(),
					l.status(), l.createdAt());
		}

	}

	/** Puts the people of an organisation, or people named, on a lead list. */
	@PostMapping("/leads")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> lead(@RequestBody LeadRequest request) {
		return Map.of("added", answering(() -> leads.list(request.list(), request.organisationId(),
				request.customerIds() == null ? List.of() : request.customerIds())));
	}

	/**
	 * The leads, the reachable and strongest first.
	 * @param list one list's only
	 */
	@GetMapping("/leads")
	Listed<LeadView> leads(@RequestParam(required = false) @Nullable String list) {
		return new Listed<>(leads.of(list).stream().map(LeadView::of).toList());
	}

	/** Converts a lead: its profile is tagged a customer. */
	@PostMapping("/leads/{id}/conversion")
	Map<String, Object> convert(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		return Map.of("customerId", answering(() -> leads.convert(id, me.id())), "status", "converted");
	}

}
