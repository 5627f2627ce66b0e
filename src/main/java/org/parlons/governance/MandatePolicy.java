package org.parlons.governance;

import org.parlons.agents.Agent;
import org.parlons.agents.Agents;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.conversations.ReplyPolicy;
import org.springframework.stereotype.Component;

/**
 * A reply that promises a gesture beyond its author's mandate waits for someone whose mandate covers
 * it. Administrators' mandates are unlimited; anyone else without a gesture limit may promise none.
 */
@Component
class MandatePolicy implements ReplyPolicy {

	private final Agents agents;

	MandatePolicy(Agents agents) {
		this.agents = agents;
	}

	@Override
	public Verdict review(Draft draft) {
		var gesture = Gestures.in(draft.text());
		if (gesture.isEmpty()) {
			return Verdict.ALLOW;
		}
		Agent author = agents.findById(draft.agent().id()).orElseThrow();
		String why = covers(author, gesture.get());
		return why == null ? Verdict.ALLOW
				: new Verdict.Hold(why, gesture.get().amount(), gesture.get().currency());
	}

	/** Null when the agent may promise the gesture; else why not, said to people. */
	static String covers(Agent agent, Gestures.Gesture gesture) {
		if (agent.role() == Role.ADMIN) {
			return null;
		}
		Mandate mandate = agent.mandate();
		String promised = gesture.amount().stripTrailingZeros().toPlainString() + " " + gesture.currency();
		if (mandate.maxGestureAmount() == null) {
			return "a gesture of " + promised + " and no gesture in " + agent.name() + "'s mandate";
		}
		if (!gesture.currency().equals(mandate.maxGestureCurrency())) {
			return "a gesture of " + promised + " and a mandate in " + mandate.maxGestureCurrency();
		}
		if (gesture.amount().compareTo(mandate.maxGestureAmount()) > 0) {
			return "a gesture of " + promised + " above " + agent.name() + "'s mandate of "
					+ mandate.maxGestureAmount().stripTrailingZeros().toPlainString() + " " + mandate.maxGestureCurrency();
		}
		return null;
	}

}
