package org.parlons.listening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.parlons.customers.CustomerFacts;
import org.springframework.stereotype.Component;

/**
 * A customer's public influence on their profile: the overall score of the last 90 days
 * with the reach and engagements it stands on, then their strongest topics.
 */
@Component
class InfluenceFacts implements CustomerFacts {

	private final Influence influence;

	InfluenceFacts(Influence influence) {
		this.influence = influence;
	}

	@Override
	public List<Fact> of(long customerId) {
		List<Influence.TopicVoice> voices = influence.ofCustomer(customerId);
		List<Fact> facts = new ArrayList<>();
		for (Influence.TopicVoice v : voices) {
			Influence.Voice voice = v.voice();
			String value = String.format(Locale.ROOT, "%.0f", voice.score());
			String detail = String.format(Locale.ROOT, "%d mentions, reach %,d%s, %,d engagements, %d days",
					voice.mentions(), voice.reach(), voice.estimated() ? " (partly from followers)" : "",
					voice.engagements(), Influence.WINDOW.toDays());
			if (v.topicId() == null) {
				facts.add(new Fact("influence", value, detail));
			}
			else if (facts.size() <= 3) {
				facts.add(new Fact("influence.topic", v.topic() + " · " + value, detail));
			}
		}
		return facts;
	}

}
