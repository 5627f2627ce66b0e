package org.parlons.conversations.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.agents.Teams;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Macros;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * Prepared work: canned replies ({@code /shortcut} in the composer, with variables such
 * as {@code {{customer.firstName}}}) and macros (a reply, a label, an assignee, a
 * priority, a status applied in one go), everyone's or one team's. An agent sees
 * everyone's and their teams'; supervisors and administrators manage them.
 */
@RestController
@RequestMapping("/api/v1")
class PreparedWorkApi {

	private final CannedResponses canned;

	private final Macros macros;

	private final Teams teams;

	private final ConversationAccess access;

	private final CannedValues values;

	PreparedWorkApi(CannedResponses canned, Macros macros, Teams teams, ConversationAccess access,
			CannedValues values) {
		this.canned = canned;
		this.macros = macros;
		this.teams = teams;
		this.access = access;
		this.values = values;
	}

	/**
	 * A canned reply to keep.
	 *
	 * @param shortcut what follows "/" in the reply box (a-z, 0-9, _ and -)
	 * @param title its name
	 * @param text the reply, with variables such as {{customer.firstName}}
	 * @param teamId the team it is for; everyone's when none
	 */
	record CannedBody(@NotBlank @Size(max = 60) String shortcut, @NotBlank @Size(max = 200) String title,
			@NotBlank @Size(max = 10_000) String text, @Nullable Long teamId) {
	}

	/**
	 * A macro to keep: what it does, in this order.
	 *
	 * @param name its name
	 * @param teamId the team it is for; everyone's when none
	 * @param reply a reply to send (held for approval like any)
	 * @param replyVisibility "public" or "private"
	 * @param addLabel a label to add
	 * @param assign "me", "none" or an agent id
	 * @param priority a priority to set
	 * @param status a status to set last
	 */
	record MacroBody(@NotBlank @Size(max = 100) String name, @Nullable Long teamId,
			@Nullable @Size(max = 10_000) String reply, @Nullable String replyVisibility,
			@Nullable @Size(max = 100) String addLabel, @Nullable String assign, @Nullable String priority,
			@Nullable String status) {
	}

	/**
	 * What applying a macro did.
	 *
	 * @param conversationId the conversation
	 * @param messageId the reply it sent, if any
	 * @param messageStatus that reply's status ("queued", "pending_approval")
	 */
	record Applied(long conversationId, @Nullable Long messageId, @Nullable String messageStatus) {
	}

	/**
	 * Canned replies: everyone's and those of the caller's teams (all of them for
	 * supervisors).
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/canned-responses")
	List<CannedResponses.Canned> canned(@AuthenticationPrincipal AgentPrincipal me) {
		return me.may(Permission.MANAGE_CANNED_RESPONSES) ? canned.all() : canned.forTeams(teams.teamsOf(me.id()));
	}

	/**
	 * Creates a canned reply, for everyone or one team; an unknown {@code {{variable}}}
	 * is refused.
	 */
	@Requires(Permission.MANAGE_CANNED_RESPONSES)
	@PostMapping("/canned-responses")
	@ResponseStatus(HttpStatus.CREATED)
	CannedResponses.Canned newCanned(@Valid @RequestBody CannedBody body) {
		return canned.create(body.shortcut(), body.title(), body.text(), team(body.teamId()));
	}

	/** Changes a canned reply. */
	@Requires(Permission.MANAGE_CANNED_RESPONSES)
	@PutMapping("/canned-responses/{id}")
	CannedResponses.Canned updateCanned(@PathVariable long id, @Valid @RequestBody CannedBody body) {
		return canned.update(id, body.shortcut(), body.title(), body.text(), team(body.teamId()));
	}

	/** Deletes a canned reply. */
	@Requires(Permission.MANAGE_CANNED_RESPONSES)
	@DeleteMapping("/canned-responses/{id}")
	ResponseEntity<Void> deleteCanned(@PathVariable long id) {
		canned.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Macros: everyone's and those of the caller's teams (all of them for supervisors).
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/macros")
	List<Macros.Macro> macros(@AuthenticationPrincipal AgentPrincipal me) {
		return me.may(Permission.MANAGE_CANNED_RESPONSES) ? macros.all() : macros.forTeams(teams.teamsOf(me.id()));
	}

	/**
	 * Creates a macro: a label, a priority, an assignee ("me", "none" or an agent id), a
	 * reply and a status, each optional, at least one.
	 */
	@Requires(Permission.MANAGE_CANNED_RESPONSES)
	@PostMapping("/macros")
	@ResponseStatus(HttpStatus.CREATED)
	Macros.Macro newMacro(@Valid @RequestBody MacroBody body) {
		return macros.create(new Macros.Macro(0, body.name(), team(body.teamId()), body.reply(), body.replyVisibility(),
				body.addLabel(), body.assign(), body.priority(), body.status()));
	}

	/** Deletes a macro. */
	@Requires(Permission.MANAGE_CANNED_RESPONSES)
	@DeleteMapping("/macros/{id}")
	ResponseEntity<Void> deleteMacro(@PathVariable long id) {
		macros.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Applies a macro the caller may use (everyone's or one of their teams') to a
	 * conversation they may work on.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/macros/{macroId}")
	Applied apply(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long macroId) {
		return apply(me, id, usable(me, macroId));
	}

	Applied apply(AgentPrincipal me, long id, Macros.Macro macro) {
		var conversation = access.conversation(me, id);
		var sent = macros.apply(me, id, macro, values.of(me, conversation));
		return new Applied(id, sent == null ? null : sent.id(), sent == null ? null : sent.status().api());
	}

	Macros.Macro usable(AgentPrincipal me, long macroId) {
		Macros.Macro macro = macros.find(macroId);
		if (macro.teamId() != null && !me.may(Permission.MANAGE_CANNED_RESPONSES)
				&& !teams.teamsOf(me.id()).contains(macro.teamId())) {
			throw InvalidRequestException.forbidden("The macro " + macro.name() + " belongs to another team");
		}
		return macro;
	}

	private @Nullable Long team(@Nullable Long teamId) {
		if (teamId != null && teams.findById(teamId).isEmpty()) {
			throw InvalidRequestException.said("refused.teamId", "teamId: no team " + teamId, String.valueOf(teamId));
		}
		return teamId;
	}

}
