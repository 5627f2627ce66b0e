package org.parlons.conversations.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.AgentTyping;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.Priority;
import org.parlons.conversations.Replies;
import org.parlons.conversations.Visibility;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.Zones;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * What an agent does in the open conversation: reply, note, change its status, assignee,
 * team, priority and labels. Each action answers the pane again, with the error in the
 * agent's language when it was refused.
 */
@Controller
class ConversationPages {

	private final ConversationPane pane;

	private final ConversationAccess access;

	private final ConversationActions actions;

	private final Replies replies;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Zones zones;

	private final PreparedWorkApi prepared;

	private final Uploads uploads;

	ConversationPages(ConversationPane pane, ConversationAccess access, ConversationActions actions, Replies replies,
			ApplicationEventPublisher events, Clock clock, Zones zones, PreparedWorkApi prepared, Uploads uploads) {
		this.uploads = uploads;
		this.prepared = prepared;
		this.pane = pane;
		this.access = access;
		this.actions = actions;
		this.replies = replies;
		this.events = events;
		this.clock = clock;
		this.zones = zones;
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/inbox/conversations/{id}")
	String conversation(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, HttpServletRequest request,
			Model model) {
		if (!isHtmx(request)) {
			return "redirect:/inbox?status=all&open=" + id;
		}
		pane.fill(me, id, model);
		return "conversations/conversation :: pane";
	}

	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/inbox/conversations/{id}/thread")
	String thread(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Model model) {
		pane.fill(me, id, model);
		return "conversations/conversation :: thread";
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/reply")
	String reply(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			@RequestParam(defaultValue = "") String visibility,
			@RequestParam(defaultValue = "false") boolean acknowledge,
			@RequestParam(defaultValue = "") String acknowledgement,
			@RequestParam(defaultValue = "false") boolean acceptWarnings,
			@RequestParam(defaultValue = "") String persona, @RequestParam(defaultValue = "") String gesture,
			@RequestParam(defaultValue = "EUR") String gestureCurrency,
			@RequestParam(required = false) @Nullable List<MultipartFile> files, Model model) {
		try {
			Commitment commitment = gesture.isBlank() ? null : new Commitment(amount(gesture), gestureCurrency);
			List<Attachment> kept = uploads.keep(files);
			if (acknowledge && !acknowledgement.isBlank()) {
				// moving a public exchange to private, said in public
				replies.replyPrivately(me, id, text, acknowledgement.strip(), persona.isBlank() ? null : persona,
						acceptWarnings, kept);
			}
			else {
				replies.reply(me, id, text, visibility.isBlank() ? null : Visibility.fromApi(visibility),
						persona.isBlank() ? null : persona, acceptWarnings, commitment, kept);
			}
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			List<String> warnings = InvalidRequestException.warningsOf(ex);
			if (warnings.isEmpty()) {
				model.addAttribute("error", ErrorDetails.of(ex));
			}
			model.addAttribute("warnings", warnings);
			model.addAttribute("draft", text);
			model.addAttribute("draftVisibility", visibility);
		}
		pane.fill(me, id, model);
		return "conversations/conversation :: pane";
	}

	/**
	 * The composer says the agent is writing; channels that can show it tell the
	 * customer.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/typing")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void typing(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		var conversation = access.conversation(me, id);
		events.publishEvent(new AgentTyping(id, conversation.inboxId(), conversation.customerId(), me.name()));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/note")
	String note(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String text,
			Model model) {
		return act(me, id, model, () -> actions.note(me, id, text));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/status")
	String status(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String status,
			@RequestParam(defaultValue = "") String snooze, Model model) {
		return act(me, id, model,
				() -> actions.changeStatus(me, id, ConversationStatus.fromApi(status), snoozeUntil(snooze)));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/assignee")
	String assign(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam(defaultValue = "") String agentId, Model model) {
		return act(me, id, model, () -> actions.assign(me, id, agentId.isBlank() ? null : Long.valueOf(agentId)));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/team")
	String transfer(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long teamId,
			Model model) {
		return act(me, id, model, () -> actions.transfer(me, id, teamId));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/priority")
	String prioritise(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String priority,
			Model model) {
		return act(me, id, model, () -> actions.prioritise(me, id, Priority.fromApi(priority)));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/labels")
	String label(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String label,
			Model model) {
		return act(me, id, model, () -> actions.label(me, id, label));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/macro")
	String macro(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam long macroId,
			Model model) {
		return act(me, id, model, () -> prepared.apply(me, id, prepared.usable(me, macroId)));
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/conversations/{id}/labels/remove")
	String unlabel(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestParam String label,
			Model model) {
		return act(me, id, model, () -> actions.unlabel(me, id, label));
	}

	private String act(AgentPrincipal me, long id, Model model, Runnable action) {
		try {
			action.run();
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			model.addAttribute("error", ErrorDetails.of(ex));
		}
		pane.fill(me, id, model);
		return "conversations/conversation :: pane";
	}

	private static java.math.BigDecimal amount(String typed) {
		try {
			return new java.math.BigDecimal(typed.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("A gesture is an amount such as 30 or 12.50, not " + typed);
		}
	}

	private @Nullable Instant snoozeUntil(String choice) {
		Instant now = clock.instant();
		ZoneId zone = zones.current();
		return switch (choice) {
			case "1h" -> now.plus(Duration.ofHours(1));
			case "tomorrow" -> LocalDate.now(zone).plusDays(1).atTime(9, 0).atZone(zone).toInstant();
			case "week" -> LocalDate.now(zone).plusDays(7).atTime(9, 0).atZone(zone).toInstant();
			default -> null;
		};
	}

	private static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

}
