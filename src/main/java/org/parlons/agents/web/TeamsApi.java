package org.parlons.agents.web;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.PermissionsChanged;
import org.parlons.agents.Team;
import org.parlons.agents.Teams;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams over the API: administrators decide who belongs and which inboxes each team owns.
 */
@RestController
@RequestMapping("/api/v1/teams")
class TeamsApi {

	private final Teams teams;

	private final ApplicationEventPublisher events;

	TeamsApi(Teams teams, ApplicationEventPublisher events) {
		this.events = events;
		this.teams = teams;
	}

	/**
	 * A new team.
	 *
	 * @param name its name
	 * @param inboxIds the inboxes it owns: its members see them
	 * @param memberIds its agents
	 */
	record NewTeam(@NotBlank @Size(max = 200) String name, @Nullable Set<Long> inboxIds,
			@Nullable Set<Long> memberIds) {
	}

	/**
	 * Ids to set on a team.
	 *
	 * @param ids its members, or its inboxes
	 */
	record Ids(Set<Long> ids) {
	}

	/**
	 * Creates a team with its inboxes and members; agents see the inboxes of their teams
	 * only.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Team create(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody NewTeam body) {
		Team team = teams.create(body.name().trim(), body.inboxIds() == null ? Set.of() : body.inboxIds(),
				body.memberIds() == null ? Set.of() : body.memberIds());
		events.publishEvent(new PermissionsChanged(me.id(), team.id(), "team.created",
				team.name() + ": members " + team.memberIds() + ", inboxes " + team.inboxIds()));
		return team;
	}

	/** Every team with its members and inboxes. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping
	List<Team> list() {
		return teams.findAll();
	}

	/** One team with its members and inboxes. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/{id}")
	Team one(@PathVariable long id) {
		return teams.findById(id).orElseThrow(() -> new NotFoundException("No team " + id));
	}

	/**
	 * Replaces the team's members (the whole list); their inbox visibility changes at
	 * once.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PutMapping("/{id}/members")
	Team members(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Ids body) {
		Team before = one(id);
		teams.replaceMembers(id, body.ids());
		events
			.publishEvent(new PermissionsChanged(me.id(), id, "team.members", before.memberIds() + " → " + body.ids()));
		return one(id);
	}

	/**
	 * Replaces the team's inboxes (the whole list); its members' visibility changes at
	 * once.
	 */
	@Requires(Permission.MANAGE_AGENTS)
	@PutMapping("/{id}/inboxes")
	Team inboxes(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Ids body) {
		Team before = one(id);
		teams.replaceInboxes(id, body.ids());
		events
			.publishEvent(new PermissionsChanged(me.id(), id, "team.inboxes", before.inboxIds() + " → " + body.ids()));
		return one(id);
	}

}
