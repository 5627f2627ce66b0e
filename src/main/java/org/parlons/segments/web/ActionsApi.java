package org.parlons.segments.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.CustomerActivity;
import org.parlons.platform.InvalidRequestException;
import org.parlons.segments.NextBestActions;
import org.springframework.context.MessageSource;
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
 * The catalogue of next-best actions, kept by whoever keeps the segments; the actions
 * suggested in a conversation, and the agent's decision on one, for whoever works it.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_SEGMENTS)
class ActionsApi {

	private final NextBestActions actions;

	private final ConversationAccess access;

	private final CustomerActivity activity;

	private final MessageSource messages;

	ActionsApi(NextBestActions actions, ConversationAccess access, CustomerActivity activity, MessageSource messages) {
		this.actions = actions;
		this.access = access;
		this.activity = activity;
		this.messages = messages;
	}

	/**
	 * A new action of the catalogue.
	 *
	 * @param key its key, unique
	 * @param titleFr its title in French
	 * @param titleEn its title in English
	 * @param kind offer, gesture, callback, invitation or survey
	 * @param segmentIds the segments a customer must all be in to be offered it
	 * @param capCount its contact policy: at most this many accepted per customer and
	 * channel…
	 * @param capDays …in this many days
	 * @param value what it is worth to the company
	 * @param priority a lever (1 is neutral)
	 * @param promotional whether it promotes something: offered only with consent
	 * @param purpose the consent purpose it needs when promotional
	 * @param gestureAmount the amount it gives, for a gesture: beyond the agent's mandate
	 * it needs approval
	 * @param gestureCurrency the amount's currency (ISO 4217)
	 */
	record NewAction(@NotNull String key, @NotNull String titleFr, @NotNull String titleEn, @NotNull String kind,
			@Nullable List<Long> segmentIds, @Nullable Integer capCount, @Nullable Integer capDays,
			@Nullable Double value, @Nullable Double priority, @Nullable Boolean promotional, @Nullable String purpose,
			@Nullable BigDecimal gestureAmount, @Nullable String gestureCurrency) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * A suggestion, as an agent reads it.
	 *
	 * @param actionId the action
	 * @param key its key
	 * @param title its title in the reader's language
	 * @param kind its kind
	 * @param score its priority
	 * @param reasons why, in the reader's language
	 * @param needsApproval whether its gesture is beyond the reader's mandate
	 */
	record Suggested(long actionId, String key, String title, String kind, double score, List<String> reasons,
			boolean needsApproval) {
	}

	/**
	 * An action left out, with why.
	 *
	 * @param actionId the action
	 * @param key its key
	 * @param reason why, in the reader's language
	 */
	record Left(long actionId, String key, String reason) {
	}

	/**
	 * What a conversation's customer may be offered.
	 *
	 * @param items the suggestions, best first
	 * @param withheld the actions left out, with why
	 * @param method how they are ranked
	 */
	record Suggestions(List<Suggested> items, List<Left> withheld, String method) {
	}

	/**
	 * The agent's decision.
	 *
	 * @param accepted whether they take the action with the customer
	 * @param note what they say of it
	 */
	record Decision(boolean accepted, @Nullable String note) {
	}

	/**
	 * A decision recorded.
	 *
	 * @param accepted as decided
	 * @param needsApproval the gesture is beyond the agent's mandate: send it with the
	 * reply, which waits for approval
	 */
	record Decided(boolean accepted, boolean needsApproval) {
	}

	/**
	 * Adds an action to the catalogue; 422 with what is wrong, 409 when the key is taken.
	 */
	@PostMapping("/actions")
	@ResponseStatus(HttpStatus.CREATED)
	NextBestActions.Action create(@RequestBody NewAction body) {
		return InvalidRequestException.answering(() -> actions.create(body.key(), body.titleFr(), body.titleEn(),
				body.kind(), body.segmentIds() == null ? List.of() : body.segmentIds(),
				body.capCount() == null ? 1 : body.capCount(), body.capDays() == null ? 30 : body.capDays(),
				body.value() == null ? 1 : body.value(), body.priority() == null ? 1 : body.priority(),
				Boolean.TRUE.equals(body.promotional()), body.purpose(), body.gestureAmount(), body.gestureCurrency()));
	}

	/** The catalogue. */
	@GetMapping("/actions")
	Items<NextBestActions.Action> all() {
		return new Items<>(actions.all());
	}

	/** Each action's decisions and acceptance rate. */
	@GetMapping("/actions/report")
	Items<NextBestActions.Tally> report() {
		return new Items<>(actions.report());
	}

	/** Stops suggesting an action; its decisions stay in the report. */
	@PostMapping("/actions/{id}/deactivation")
	NextBestActions.Action deactivate(@PathVariable long id) {
		InvalidRequestException.answering(() -> {
			actions.setActive(id, false);
			return null;
		});
		return actions.get(id);
	}

	/** The actions for the conversation's customer, best first, with their reasons. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/conversations/{id}/actions")
	Suggestions suggestions(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, Locale locale) {
		Conversation conversation = access.conversation(me, id);
		NextBestActions.Ranking ranking = actions.rank(conversation.customerId(), activity.channelOf(id), me.id());
		return new Suggestions(ranking.suggestions()
			.stream()
			.map(s -> new Suggested(s.action().id(), s.action().key(), s.action().title(locale), s.action().kind(),
					s.score(), s.reasons().stream().map(r -> say(r, locale)).toList(), s.needsApproval()))
			.toList(),
				ranking.withheld()
					.stream()
					.map(w -> new Left(w.action().id(), w.action().key(), say(w.reason(), locale)))
					.toList(),
				NextBestActions.METHOD);
	}

	/** The agent takes or declines a suggestion; 409 when it is no longer offered. */
	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/conversations/{id}/actions/{actionId}/decision")
	Decided decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @PathVariable long actionId,
			@RequestBody Decision body) {
		Conversation conversation = access.conversation(me, id);
		boolean approval = InvalidRequestException.answering(() -> actions.decide(actionId, conversation.customerId(),
				id, activity.channelOf(id), me.id(), body.accepted(), body.note()));
		return new Decided(body.accepted(), approval);
	}

	private String say(NextBestActions.Reason reason, Locale locale) {
		return messages.getMessage(reason.code(), reason.arguments().toArray(), reason.code(), locale);
	}

}
