package org.parlons.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.ReplyPolicy;
import org.parlons.conversations.Visibility;
import org.parlons.language.SentimentAnalyser;
import org.parlons.platform.Sentences;
import org.springframework.stereotype.Component;

/**
 * A reply beyond its author's mandate waits for someone whose mandate covers it: a
 * gesture above the agent's limit (written in the text or given as an action), a reply in
 * a language or on a channel the agent does not answer in, or a public reply on a topic
 * the mandate withholds (legal, security, press…). Administrators' mandates are
 * unlimited; anyone else without a gesture limit may promise none. The reasons are
 * written from the bundle's {@code hold.*} patterns, so that pages retell them in the
 * reader's language ({@link Sentences}).
 */
@Component
class MandatePolicy implements ReplyPolicy {

	private final Agents agents;

	private final Inboxes inboxes;

	private final SentimentAnalyser language;

	private final MandateTopics topics;

	private final Sentences sentences;

	MandatePolicy(Agents agents, Inboxes inboxes, SentimentAnalyser language, MandateTopics topics,
			Sentences sentences) {
		this.sentences = sentences;
		this.agents = agents;
		this.inboxes = inboxes;
		this.language = language;
		this.topics = topics;
	}

	@Override
	public Verdict review(Draft draft) {
		Agent author = agents.findById(draft.agent().id()).orElseThrow();
		String channel = inboxes.findById(draft.conversation().inboxId()).orElseThrow().channel();
		List<String> why = uncovered(author, draft.text(), draft.commitment(), channel, draft.visibility());
		if (why.isEmpty()) {
			return Verdict.ALLOW;
		}
		Optional<Gestures.Gesture> gesture = draft.commitment() != null
				? Optional.of(new Gestures.Gesture(draft.commitment().amount(), draft.commitment().currency()))
				: Gestures.in(draft.text());
		return new Verdict.Hold(String.join(Sentences.SEPARATOR, why),
				gesture.map(Gestures.Gesture::amount).orElse(null),
				gesture.map(Gestures.Gesture::currency).orElse(null));
	}

	/**
	 * What in a reply the agent's mandate does not cover, said to people; empty when it
	 * covers all of it. Used for the author before sending and for the approver before
	 * approving.
	 * @param structured the gesture given as an action with the reply, or null
	 */
	List<String> uncovered(Agent agent, String text, @Nullable Commitment structured, String channel,
			Visibility visibility) {
		if (agent.role() == Role.ADMIN) {
			return List.of();
		}
		Mandate mandate = agent.mandate();
		List<String> why = new ArrayList<>();
		Gestures.in(text).map(gesture -> covers(agent, gesture)).ifPresent(why::add);
		if (structured != null) {
			String action = covers(agent, new Gestures.Gesture(structured.amount(), structured.currency()));
			if (action != null && !why.contains(action)) {
				why.add(action);
			}
		}
		if (!mandate.answersOn(channel)) {
			why.add(sentences.english("hold.channel", channel, agent.name(), String.join(", ", mandate.channels())));
		}
		if (!mandate.languages().isEmpty()) {
			String written = language.languageOf(text);
			if (!"und".equals(written) && !mandate.speaks(written)) {
				why.add(sentences.english("hold.language", written, agent.name(),
						String.join(", ", mandate.languages())));
			}
		}
		if (visibility == Visibility.PUBLIC) {
			for (String withheld : mandate.withheldTopics()) {
				Optional<String> found = topics.find(withheld).flatMap(topic -> MandateTopics.revealed(topic, text));
				found.ifPresent(phrase -> why.add(sentences.english("hold.topic", withheld, phrase, agent.name())));
			}
		}
		return why;
	}

	/** Null when the agent may promise the gesture; else why not, said to people. */
	@Nullable String covers(Agent agent, Gestures.Gesture gesture) {
		if (agent.role() == Role.ADMIN) {
			return null;
		}
		Mandate mandate = agent.mandate();
		String promised = gesture.amount().stripTrailingZeros().toPlainString() + " " + gesture.currency();
		if (mandate.maxGestureAmount() == null) {
			return sentences.english("hold.gesture.none", promised, agent.name());
		}
		if (!gesture.currency().equals(mandate.maxGestureCurrency())) {
			return sentences.english("hold.gesture.currency", promised, mandate.maxGestureCurrency());
		}
		if (gesture.amount().compareTo(mandate.maxGestureAmount()) > 0) {
			return sentences.english("hold.gesture.above", promised, agent.name(),
					mandate.maxGestureAmount().stripTrailingZeros().toPlainString() + " "
							+ mandate.maxGestureCurrency());
		}
		return null;
	}

}
