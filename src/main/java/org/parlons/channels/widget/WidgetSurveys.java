package org.parlons.channels.widget;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.InboxScope;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Satisfaction;
import org.parlons.conversations.SatisfactionAsked;
import org.parlons.platform.Refusals;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The satisfaction question in the web chat: when a conversation of the chat is resolved,
 * the visitor's open widget shows five buttons at once (live), or when they come back
 * (their session); their click rates that resolution, once.
 */
@Component
class WidgetSurveys {

	private final Satisfaction satisfaction;

	private final ConversationList conversations;

	private final WidgetStreams streams;

	private final Clock clock;

	WidgetSurveys(Satisfaction satisfaction, ConversationList conversations, WidgetStreams streams, Clock clock) {
		this.satisfaction = satisfaction;
		this.conversations = conversations;
		this.streams = streams;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(SatisfactionAsked asked) {
		if (!WidgetChannelConnector.CHANNEL.equals(asked.channel())) {
			return;
		}
		satisfaction.find(asked.surveyId()).filter(s -> s.answerable(clock.instant())).ifPresent(survey -> {
			if (streams.push(asked.inboxId(), asked.customerId(), "survey",
					Map.of("conversationId", survey.conversationId(), "expiresAt", survey.expiresAt().toString()))) {
				satisfaction.asked(survey.id(), WidgetChannelConnector.CHANNEL);
			}
		});
	}

	/**
	 * The survey of the visitor's latest resolution in this chat while it can be
	 * answered; showing it counts as asking.
	 */
	Optional<Satisfaction.Survey> waiting(long inboxId, long customerId) {
		var filter = new ConversationFilter(inboxId, null, null, null, false, null, null, customerId);
		Optional<Satisfaction.Survey> latest = conversations.list(filter, InboxScope.ALL, 0, 20)
			.items()
			.stream()
			.map(c -> satisfaction.pending(c.id()))
			.flatMap(Optional::stream)
			.max(Comparator.comparing(Satisfaction.Survey::resolvedAt));
		latest.filter(s -> s.askedVia() == null)
			.ifPresent(s -> satisfaction.asked(s.id(), WidgetChannelConnector.CHANNEL));
		return latest;
	}

	/**
	 * Rates the visitor's latest resolution.
	 * @throws Refusals.Conflict when none waits for an answer
	 */
	Satisfaction.Survey rate(long inboxId, long customerId, int score, @Nullable String comment) {
		Satisfaction.Survey survey = waiting(inboxId, customerId).orElseThrow(
				() -> Refusals.conflict("satisfaction.notResolved", "This request has no resolution to rate yet"));
		return satisfaction.rate(survey.id(), score, comment, WidgetChannelConnector.CHANNEL);
	}

}
