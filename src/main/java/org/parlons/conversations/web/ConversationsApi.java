package org.parlons.conversations.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.ConversationSummary;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Message;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Priority;
import org.parlons.conversations.Outbound;
import org.parlons.conversations.Replies;
import org.parlons.conversations.Timeline;
import org.parlons.conversations.Visibility;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Conversations over the API, with the same visibility rule as the agent UI.
 */
@RestController
@RequestMapping("/api/v1")
class ConversationsApi {

	private final ConversationList conversations;

	private final ConversationAccess access;

	private final ConversationActions actions;

	private final Replies replies;

	private final Messages messages;

	private final Timeline timeline;

	ConversationsApi(ConversationList conversations, ConversationAccess access, ConversationActions actions,
			Replies replies, Messages messages, Timeline timeline, BulkActions bulk, Outbound outbound,
			Uploads uploads) {
		this.uploads = uploads;
		this.bulk = bulk;
		this.outbound = outbound;
		this.conversations = conversations;
		this.access = access;
		this.actions = actions;
		this.replies = replies;
		this.messages = messages;
		this.timeline = timeline;
	}

	private final BulkActions bulk;

	private final Outbound outbound;

	private final Uploads uploads;

	/**
	 * A list.
	 *
	 * @param items its rows, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * One action on many conversations.
	 *
	 * @param ids 1 to 200 conversations
	 * @param status a status to set
	 * @param assignee "me", "none" or an agent id
	 * @param label a label to add
	 * @param teamId a team to transfer to
	 */
	record Bulk(@NotNull @Size(min = 1, max = BulkActions.MAX) List<@NotNull Long> ids, @Nullable String status,
			@Nullable String assignee, @Nullable String label, @Nullable Long teamId) {
	}

	/**
	 * One action on up to 200 conversations: {@code status}, {@code assignee} ("me",
	 * "none" or an id), {@code label} or {@code teamId}. Each is done or refused on its
	 * own: the answer lists those done and, for the others, why.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/bulk")
	BulkActions.Outcome bulk(@AuthenticationPrincipal AgentPrincipal me, @Valid @RequestBody Bulk body) {
		return bulk.apply(me, body.ids(),
				new BulkActions.Action(body.status(), body.assignee(), body.label(), body.teamId()));
	}

	/**
	 * A reply; {@code publicAcknowledgement} with a private one also says publicly that
	 * it was sent.
	 *
	 * @param text the reply
	 * @param visibility "public" or "private"; by default where the customer last wrote
	 * @param publicAcknowledgement with a private reply, a short public one saying so
	 * ("we have sent you a private message")
	 * @param acceptWarnings send despite the code of conduct's warnings (after reading
	 * them)
	 * @param persona speak as "brand", "agent" or "representative"; by default the
	 * inbox's choice
	 * @param gesture a goodwill gesture committed with the reply, checked against the
	 * mandate
	 */
	record NewReply(@NotBlank String text, @Nullable String visibility,
			@Nullable @Size(max = 500) String publicAcknowledgement, @Nullable Boolean acceptWarnings,
			@Nullable String persona, @Nullable @Valid Gesture gesture) {
	}

	/**
	 * A goodwill gesture given with the reply as an action: {@code {"amount": 30,
	 * "currency": "EUR"}}.
	 *
	 * @param amount how much
	 * @param currency ISO 4217 code, e.g. "EUR"
	 */
	record Gesture(@jakarta.validation.constraints.NotNull java.math.BigDecimal amount, @NotBlank String currency) {

		Commitment commitment() {
			try {
				return new Commitment(amount, currency);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("gesture: " + ex.getMessage());
			}
		}

	}

	/**
	 * A new status.
	 *
	 * @param status "open", "pending", "snoozed" or "resolved"
	 * @param snoozeUntil with "snoozed": until when (ISO-8601 with offset)
	 */
	record StatusChange(@NotBlank String status, @Nullable OffsetDateTime snoozeUntil) {
	}

	/**
	 * Who holds the conversation.
	 *
	 * @param agentId an agent who answers customers; none to unassign
	 */
	record AssigneeChange(@Nullable Long agentId) {
	}

	/**
	 * A transfer.
	 *
	 * @param teamId the team that takes the conversation (its assignee lets go)
	 */
	record TeamChange(@NotNull Long teamId) {
	}

	/**
	 * A label.
	 *
	 * @param label 1 to 100 characters, no comma
	 */
	record LabelChange(@NotBlank String label) {
	}

	/**
	 * A new priority.
	 *
	 * @param priority "low", "normal", "high" or "urgent"
	 */
	record PriorityChange(@NotBlank String priority) {
	}

	/**
	 * A private note.
	 *
	 * @param text seen by agents only; "@name" mentions a colleague
	 */
	record NoteBody(@NotBlank String text) {
	}

	/**
	 * One conversation.
	 *
	 * @param id its number
	 * @param inboxId its inbox
	 * @param customerId its customer
	 * @param status "open", "pending", "snoozed" or "resolved"
	 * @param priority "low", "normal", "high" or "urgent"
	 * @param assigneeId who holds it
	 * @param teamId its team
	 * @param subject its subject
	 * @param lastMessageAt when its latest message was written
	 * @param messageCount how many messages it holds
	 * @param labels its labels
	 */
	record ConversationView(long id, long inboxId, long customerId, String status, String priority,
			@Nullable Long assigneeId, @Nullable Long teamId, @Nullable String subject, OffsetDateTime lastMessageAt,
			int messageCount, List<String> labels) {
	}

	/**
	 * Conversations the caller may see, newest activity first, filtered by inbox, status,
	 * team, assignee, label and {@code q}: words of the subject or a message, the
	 * customer's name, email, handle or phone (however typed), or the conversation's
	 * number ({@code #42}); {@code sort}: newest (latest activity first, the default),
	 * oldest (longest waiting first) or priority (most urgent first).
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/conversations")
	Page<ConversationSummary> list(@AuthenticationPrincipal AgentPrincipal me, @RequestParam @Nullable Long inboxId,
			@RequestParam @Nullable String status, @RequestParam @Nullable Long teamId,
			@RequestParam @Nullable String assignee, @RequestParam @Nullable String label,
			@RequestParam @Nullable String q, @RequestParam @Nullable Long customerId,
			@RequestParam @Nullable String sort, @RequestParam @Nullable Integer page,
			@RequestParam @Nullable Integer size) {
		ConversationFilter filter = Filters.of(me, inboxId, status, teamId, assignee, label, q, customerId);
		return conversations.list(filter, access.scope(me), Page.clampPage(page), Page.clampSize(size, 25),
				ConversationList.Sort.fromApi(sort));
	}

	/** One conversation: status, priority, assignee, team, labels. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/conversations/{id}")
	ConversationView one(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		Conversation c = access.conversation(me, id);
		ConversationSummary s = conversations.summaries(List.of(c)).get(0);
		return new ConversationView(c.id(), c.inboxId(), s.customerId(), c.status().api(), c.priority().api(),
				c.assigneeId(), c.teamId(), c.subject(), c.lastMessageAt().atOffset(ZoneOffset.UTC), c.messageCount(),
				s.labels());
	}

	/**
	 * The conversation's messages in time order; {@code externalId} is the channel's own
	 * id.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/conversations/{id}/messages")
	Items<MessageView> messages(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		access.conversation(me, id);
		return new Items<>(messages.ofConversation(id).stream().map(MessageView::of).toList());
	}

	/**
	 * Messages, private notes and events (assignments, status, labels, escalations) in
	 * time order.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/conversations/{id}/timeline")
	Items<Timeline.Entry> timeline(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		access.conversation(me, id);
		return new Items<>(timeline.of(id));
	}

	/**
	 * {@code 201} with the queued reply, or {@code 202} with
	 * {@code "status": "pending_approval"} when held.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/replies")
	ResponseEntity<MessageView> reply(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody NewReply body) {
		Visibility visibility = body.visibility() == null ? null : Visibility.fromApi(body.visibility());
		boolean acknowledge = body.publicAcknowledgement() != null && !body.publicAcknowledgement().isBlank();
		if (acknowledge && visibility != Visibility.PRIVATE) {
			throw InvalidRequestException.said("replies.refused.acknowledgement",
					"publicAcknowledgement goes with a private reply (\"visibility\": \"private\")");
		}
		boolean accept = Boolean.TRUE.equals(body.acceptWarnings());
		Commitment commitment = body.gesture() == null ? null : body.gesture().commitment();
		if (acknowledge && commitment != null) {
			throw InvalidRequestException.said("replies.refused.gestureAcknowledged",
					"A gesture goes with a single reply, not with a public acknowledgement");
		}
		var message = acknowledge
				? replies.replyPrivately(me, id, body.text(), body.publicAcknowledgement(), body.persona(), accept)
				: replies.reply(me, id, body.text(), visibility, body.persona(), accept, commitment);
		return ResponseEntity.status(sentOrHeld(message)).body(MessageView.of(message));
	}

	/**
	 * A conversation an agent starts by writing first.
	 *
	 * @param inboxId an email, SMS (Twilio) or WhatsApp inbox the caller can see
	 * @param customerId a customer on file; without it, {@code to} finds or creates the
	 * profile
	 * @param to an email address or a phone number, as the inbox's channel wants; without
	 * it, the customer's own
	 * @param name the name of a customer that {@code to} creates
	 * @param subject the email's subject (required by email)
	 * @param text the first message; on WhatsApp an approved template,
	 * {@code /template name language value | value}
	 * @param persona speak as "brand", "agent" or "representative"; by default the
	 * inbox's choice
	 * @param acceptWarnings send despite the code of conduct's warnings (after reading
	 * them)
	 * @param purpose the consent purpose the message serves ("offers"): refused (409)
	 * when the customer has not consented to it; none for a service message
	 */
	record NewConversation(@NotNull Long inboxId, @Nullable Long customerId, @Nullable @Size(max = 320) String to,
			@Nullable @Size(max = 200) String name, @Nullable String subject, @NotBlank String text,
			@Nullable String persona, @Nullable Boolean acceptWarnings, @Nullable @Size(max = 40) String purpose) {
	}

	/**
	 * The conversation started and its first message.
	 *
	 * @param id the new conversation's number
	 * @param message its first message, queued or waiting for approval
	 */
	record Started(long id, MessageView message) {
	}

	/**
	 * Starts a conversation: {@code 201} with its id and the first message queued, or
	 * {@code 202} when governance holds that message for approval. Nothing is kept when
	 * the message is refused.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations")
	ResponseEntity<Started> start(@AuthenticationPrincipal AgentPrincipal me,
			@Valid @RequestBody NewConversation body) {
		var message = outbound.start(me,
				new Outbound.Start(body.inboxId(), body.customerId(), body.to(), body.name(), body.subject(),
						body.text(), body.persona(), Boolean.TRUE.equals(body.acceptWarnings()), body.purpose()));
		return ResponseEntity.status(sentOrHeld(message))
			.body(new Started(message.conversationId(), MessageView.of(message)));
	}

	/** 201 for a reply on its way, 202 for one governance holds for approval. */
	private static HttpStatus sentOrHeld(Message message) {
		return message.status() == MessageStatus.PENDING_APPROVAL ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
	}

	/**
	 * A reply with files, as {@code multipart/form-data}: {@code text}, and optionally
	 * {@code visibility}, {@code persona}, {@code acceptWarnings}, and up to 10
	 * {@code files} (10 MB each, 20 MB together). Refused (422) on a channel that cannot
	 * send files; answered as a JSON reply is.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping(path = "/conversations/{id}/replies", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<MessageView> replyWithFiles(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestParam String text, @RequestParam(required = false) @Nullable String visibility,
			@RequestParam(required = false) @Nullable String persona,
			@RequestParam(defaultValue = "false") boolean acceptWarnings,
			@RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files) {
		var message = replies.reply(me, id, text, visibility == null ? null : Visibility.fromApi(visibility), persona,
				acceptWarnings, null, uploads.keep(files));
		return ResponseEntity.status(sentOrHeld(message)).body(MessageView.of(message));
	}

	/** Adds a private note, seen by agents only. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/notes")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> note(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody NoteBody body) {
		actions.note(me, id, body.text());
		return Map.of("conversationId", id);
	}

	/**
	 * Sets the status: open, pending (waiting for the customer), snoozed (until
	 * {@code snoozeUntil}) or resolved.
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/status")
	ConversationView status(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody StatusChange body) {
		actions.changeStatus(me, id, ConversationStatus.fromApi(body.status()),
				body.snoozeUntil() == null ? null : body.snoozeUntil().toInstant());
		return one(me, id);
	}

	/**
	 * Assigns to an agent who answers customers, or to nobody ({@code "agentId": null}).
	 */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/assignee")
	ConversationView assign(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody AssigneeChange body) {
		actions.assign(me, id, body.agentId());
		return one(me, id);
	}

	/** Transfers to a team. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/team")
	ConversationView transfer(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody TeamChange body) {
		actions.transfer(me, id, body.teamId());
		return one(me, id);
	}

	/** Sets the priority: urgent, high, normal or low. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/priority")
	ConversationView prioritise(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody PriorityChange body) {
		actions.prioritise(me, id, Priority.fromApi(body.priority()));
		return one(me, id);
	}

	/** Adds a label. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/labels")
	ConversationView label(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@Valid @RequestBody LabelChange body) {
		actions.label(me, id, body.label());
		return one(me, id);
	}

	/** Removes a label. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@DeleteMapping("/conversations/{id}/labels/{label}")
	ConversationView unlabel(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@PathVariable String label) {
		actions.unlabel(me, id, label);
		return one(me, id);
	}

}
