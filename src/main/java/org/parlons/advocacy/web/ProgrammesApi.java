package org.parlons.advocacy.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Contract;
import org.parlons.advocacy.Delegations;
import org.parlons.advocacy.MemberStatus;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Programmes;
import org.parlons.agents.AgentPrincipal;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ambassador and advocate programmes for their managers: the programmes, their members
 * with their lifecycle and contract, and the powers delegated to them
 * ({@link MissionsApi} has missions, points and rewards; {@link ObservedApi} what
 * listening observed).
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_PROGRAMMES)
class ProgrammesApi {

	private final Programmes programmes;

	private final Members members;

	private final Delegations delegations;

	private final MemberViews views;

	private final Customers customers;

	ProgrammesApi(Programmes programmes, Members members, Delegations delegations, MemberViews views,
			Customers customers) {
		this.programmes = programmes;
		this.members = members;
		this.delegations = delegations;
		this.views = views;
		this.customers = customers;
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
		return InvalidRequestException.answering(() -> programmes.create(body.name() == null ? "" : body.name(),
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
		return views.of(InvalidRequestException.answering(
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
		return views.of(InvalidRequestException.answering(() -> members
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
		return views.of(InvalidRequestException
			.answering(() -> delegations.delegate(memberId, body.agentId(), body.mandate().mandate(), me.id())));
	}

	/** Ends the delegation: the account stops working. */
	@DeleteMapping("/programmes/{id}/members/{memberId}/delegation")
	MemberViews.View revoke(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable long memberId) {
		mayManageAgents(me);
		members.in(id, memberId);
		return views.of(delegations.revoke(memberId, me.id()));
	}

	private static void mayManageAgents(AgentPrincipal me) {
		if (!me.may(Permission.MANAGE_AGENTS)) {
			throw InvalidRequestException.forbiddenSaid("advocacy.delegation.forbidden",
					"Delegating powers changes an agent's mandate: it needs the permission to manage agents");
		}
	}

	/**
	 * Runs the call; a refusal of the domain becomes a 422 or 409 said in the reader's
	 * language.
	 */

}
