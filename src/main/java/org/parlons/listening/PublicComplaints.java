package org.parlons.listening;

import org.parlons.language.Sentiment;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.language.SentimentAnalyser;
import org.parlons.conversations.InboxIndicators;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.springframework.stereotype.Service;

/**
 * Seed 001's question, asked every time the inbox is opened: of the people who complained in public, how
 * many are still waiting for an answer? A complaint is a public message the sentiment analyser reads as
 * negative; it is waiting while its conversation is open and no public reply came after it.
 */
@Service
public class PublicComplaints implements InboxIndicators {

	/** Enough for any real backlog; beyond it the count says "at least". */
	static final int LIMIT = 20_000;

	private final Messages messages;

	private final SentimentAnalyser analyser;

	PublicComplaints(Messages messages, SentimentAnalyser analyser) {
		this.messages = messages;
		this.analyser = analyser;
	}

	/** Per inbox: public messages waiting for an answer, and how many of them are complaints. */
	public record Waiting(int publicMessages, int complaints) {
	}

	public Map<Long, Waiting> waiting(Collection<Long> inboxIds) {
		Map<Long, int[]> counts = new LinkedHashMap<>();
		List<Message> unanswered = messages.unansweredPublic(inboxIds, LIMIT);
		for (Message m : unanswered) {
			int[] c = counts.computeIfAbsent(m.inboxId(), k -> new int[2]);
			c[0]++;
			if (analyser.analyse(m.text(), null).label() == Sentiment.Label.NEGATIVE) {
				c[1]++;
			}
		}
		Map<Long, Waiting> out = new LinkedHashMap<>();
		counts.forEach((inbox, c) -> out.put(inbox, new Waiting(c[0], c[1])));
		return out;
	}

	@Override
	public Map<Long, Integer> of(Collection<Long> inboxIds) {
		Map<Long, Integer> out = new LinkedHashMap<>();
		waiting(inboxIds).forEach((inbox, w) -> {
			if (w.complaints() > 0) {
				out.put(inbox, w.complaints());
			}
		});
		return out;
	}

	@Override
	public String labelKey() {
		return "inbox.complaints";
	}

}
