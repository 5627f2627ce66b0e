package org.parlons.agents.web;

import org.parlons.platform.Refusals;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.Agents;
import org.parlons.agents.Availability;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.agents.Teams;
import org.parlons.agents.Languages;
import org.parlons.agents.TimeZones;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents over the API: administrators bring people in; anyone can ask who they are.
 */
@RestController
@RequestMapping("/api/v1")
class AgentsApi {

	private final AgentRegistration registration;

	private final Agents agents;

	private final Teams teams;

	private final Availability availability;

	private final TimeZones zones;

	private final Languages languages;

	AgentsApi(AgentRegistration registration, Agents agents, Teams teams, Availability availability, TimeZones zones,
			Languages languages) {
		this.zones = zones;
		this.languages = languages;
		this.availability = availability;
		this.registration = registration;
		this.agents = agents;
		this.teams = teams;
	}

	/**
	 * An amount of money.
	 *
	 * @param amount how much
	 * @param currency ISO 4217 code, e.g. "EUR"
	 */
	record Money(@NotNull BigDecimal amount, @NotBlank String currency) {
	}

	/**
	 * A whole mandate: what is left out is not granted (no gesture, any language, any
	 * channel, nothing withheld).
	 *
	 * @param maxGesture the largest goodwill gesture the agent may commit to alone
	 * @param languages the languages they may answer in ("fr", "en"); any when empty
	 * @param channels the channels they may answer on; any when empty
	 * @param withheldTopics topics they may not speak about (mandate topics)
	 */
	record MandateBody(@Nullable @Valid Money maxGesture, @Nullable List<String> languages,
			@Nullable List<String> channels, @Nullable List<String> withheldTopics) {

		Mandate toMandate() {
			try {
				return new Mandate(maxGesture == null ? null : maxGesture.amount(),
						maxGesture == null ? null : maxGesture.currency().strip().toUpperCase(java.util.Locale.ROOT),
						set(languages), set(channels), set(withheldTopics));
			}
			catch (IllegalArgumentException ex) {
				throw ex instanceof org.parlons.platform.Refusals.Said ? InvalidRequestException.from(ex)
						: new InvalidRequestException("mandate: " + ex.getMessage());
			}
		}

		private static Set<String> set(@Nullable List<String> names) {
			return names == null ? Set.of() : new java.util.HashSet<>(names);
		}

	}

	/**
	 * A new agent.
	 *
	 * @param email their sign-in address
	 * @param name their name, shown to colleagues (and to customers when they speak as
	 * themselves)
	 * @param password at least 10 characters
	 * @param role "admin", "supervisor", "agent" or "analyst"
	 * @param mandate what they may say and commit to
	 */
	record NewAgent(@NotBlank @Email String email, @NotBlank @Size(max = 200) String name, @NotBlank String password,
			@NotBlank String role, @Nullable @Valid MandateBody mandate) {
	}

	/**
	 * An agent, their mandate, teams and rights.
	 *
	 * @param id their number
	 * @param email their sign-in address
	 * @param name their name
	 * @param role "admin", "supervisor", "agent" or "analyst"
	 * @param active false once deactivated: they cannot sign in and their tokens answer
	 * 401
	 * @param capacity how many open conversations automatic assignment gives them at most
	 * @param maxGesture the largest gesture they may commit to
	 * @param languages the languages they may answer in
	 * @param channels the channels they may answer on
	 * @param withheldTopics topics they may not speak about
	 * @param teamIds their teams
	 * @param grants rights given on top of their role
	 * @param permissions every right they hold
	 * @param availability "online", "away" or "offline"
	 * @param timeZone their time zone (IANA), for dates on their screens
	 * @param readsIn the language they read Parlons in ("en", "fr"), for what is mailed
	 * to them; the server's when they chose none
	 */
	record AgentView(long id, String email, String name, String role, boolean active, int capacity,
			@Nullable Money maxGesture, Set<String> languages, Set<String> channels, Set<String> withheldTopics,
			Set<Long> teamIds, List<String> grants, List<String> permissions, String availability,
			@Nullable String timeZone, @Nullable String readsIn) {
	}

	/**
	 * The caller's availability.
	 *
	 * @param status "online", "away" or "offline": automatic assignment gives to online
	 * agents only
	 */
	record AvailabilityChange(@NotBlank String status) {
	}

	/**
	 * The caller's time zone.
	 *
	 * @param timeZone an IANA zone such as Europe/Paris; the server's when left out
	 */
	record TimeZoneChange(@Nullable String timeZone) {
	}

	/**
	 * The language the caller reads Parlons in.
	 *
	 * @param language "en" or "fr"
	 */
	record LanguageChange(@NotBlank String language) {
	}

	/**
	 * Creates an agent with a role (admin, supervisor, agent, analyst) and, optionally, a
	 * mandate; {@code 201} with the agent.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/agents")
	@ResponseStatus(HttpStatus.CREATED)
	AgentView create(@Valid @RequestBody NewAgent body) {
		Mandate mandate = body.mandate() == null ? Mandate.NONE : body.mandate().toMandate();
		Agent agent = registration.register(body.email(), body.name(), body.password(), Role.fromApi(body.role()),
				mandate);
		return view(agent);
	}

	/**
	 * A change of an agent, applied to their next request everywhere.
	 *
	 * @param role "admin", "supervisor", "agent" or "analyst"
	 * @param mandate a whole new mandate
	 * @param capacity open conversations automatic assignment gives them at most
	 * @param active false to deactivate
	 * @param grants rights given on top of the role
	 */
	record AgentChange(@Nullable String role, @Nullable @Valid MandateBody mandate, @Nullable Integer capacity,
			@Nullable Boolean active, @Nullable List<String> grants) {
	}

	/**
	 * Changes an agent's role, mandate (given whole: {@code "mandate": {}} takes every
	 * gesture and restriction away), capacity for open conversations or whether they may
	 * sign in ({@code "active": false} refuses their sessions' and tokens' next request),
	 * or the permissions granted on top of their role
	 * ({@code "grants": ["merge_customers"]}, given whole); each change is in the audit
	 * log.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PatchMapping("/agents/{id}")
	AgentView update(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody AgentChange body) {
		Mandate mandate = body.mandate() == null ? null : body.mandate().toMandate();
		Set<Permission> grants = null;
		if (body.grants() != null) {
			try {
				grants = body.grants().stream().map(Permission::fromApi).collect(Collectors.toSet());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("grants: " + ex.getMessage());
			}
		}
		return view(registration.update(me.id(), id,
				new AgentRegistration.Change(body.role() == null ? null : Role.fromApi(body.role()), mandate,
						body.capacity(), body.active(), grants)));
	}

	/**
	 * An agent's new password, set by an administrator.
	 *
	 * @param password at least 10 characters, not a common one
	 */
	record NewPassword(@NotBlank String password) {
	}

	/** An admin gives an agent a new password. */
	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping("/agents/{id}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void resetPassword(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody NewPassword body) {
		registration.resetPassword(me.id(), id, body.password());
	}

	/**
	 * The caller's own password change.
	 *
	 * @param current their password now
	 * @param password the new one: at least 10 characters, not a common one
	 */
	record PasswordChange(@NotBlank String current, @NotBlank String password) {
	}

	/** The signed-in agent changes their own password. */
	@PostMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody PasswordChange body) {
		registration.changePassword(me.id(), body.current(), body.password());
	}

	/** Every agent, active or not, with role, mandate and capacity. */
	@Requires(Permission.READ_AGENTS)
	@GetMapping("/agents")
	List<AgentView> list() {
		return agents.findAll().stream().map(this::view).toList();
	}

	/**
	 * Says whether the caller takes new work: {@code online}, {@code away} or
	 * {@code offline}; automatic assignment skips those away or offline.
	 */
	@PutMapping("/me/availability")
	AgentView availability(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody AvailabilityChange body) {
		try {
			availability.set(me.id(), Availability.Status.fromApi(body.status()));
		}
		catch (IllegalArgumentException ex) {
			throw new org.parlons.platform.InvalidRequestException(ex.getMessage());
		}
		return view(agents.findById(me.id()).orElseThrow());
	}

	/**
	 * Sets the zone the caller reads times in ({@code "Europe/Paris"}); null goes back to
	 * the server's.
	 */
	@PutMapping("/me/time-zone")
	AgentView timeZone(@AuthenticationPrincipal AgentPrincipal me, @RequestBody TimeZoneChange body) {
		zones.set(me.id(), body.timeZone());
		return view(agents.findById(me.id()).orElseThrow());
	}

	/**
	 * Sets the language the caller reads Parlons in, and is written to in (the screens'
	 * language switch sets it too).
	 */
	@PutMapping("/me/language")
	AgentView language(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody LanguageChange body) {
		languages.set(me.id(), body.language());
		return view(agents.findById(me.id()).orElseThrow());
	}

	/** The agent the request authenticates as. */
	@GetMapping("/me")
	AgentView me(@AuthenticationPrincipal AgentPrincipal me) {
		return view(agents.findById(me.id()).orElseThrow());
	}

	private AgentView view(Agent agent) {
		Mandate m = agent.mandate();
		Money gesture = m.maxGestureAmount() == null ? null : new Money(m.maxGestureAmount(), m.maxGestureCurrency());
		return new AgentView(agent.id(), agent.email(), agent.name(), agent.role().api(), agent.active(),
				agent.capacity(), gesture, m.languages(), m.channels(), m.withheldTopics(), teams.teamsOf(agent.id()),
				agent.grants().stream().map(Permission::api).sorted().toList(),
				Arrays.stream(Permission.values()).filter(agent::may).map(Permission::api).toList(),
				availability.of(agent.id()).api(), zones.of(agent.id()).map(java.time.ZoneId::getId).orElse(null),
				languages.of(agent.id()).map(java.util.Locale::getLanguage).orElse(null));
	}

}
