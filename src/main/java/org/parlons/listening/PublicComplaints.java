package org.parlons.listening;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.InboxIndicators;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Of the people who complained in public, how many are still waiting for an answer? A
 * complaint is a public message of an inbox read as negative (its mention's label, or the
 * message read now while listening has not collected it yet); it is answered when a
 * public reply came after it ({@link ConversationFacts#answeredPublicly}). The inbox
 * shows those waiting; reports count those of a period.
 */
@Service
public class PublicComplaints implements InboxIndicators {

	/**
	 * The most unanswered public messages read per inbox page: enough for any real
	 * backlog.
	 */
	static final int LIMIT = 20_000;

	private final Messages messages;

	private final ConversationFacts facts;

	private final SentimentAnalyser analyser;

	private final JdbcClient jdbc;

	PublicComplaints(Messages messages, ConversationFacts facts, SentimentAnalyser analyser, JdbcClient jdbc) {
		this.messages = messages;
		this.analyser = analyser;
		this.facts = facts;
		this.jdbc = jdbc;
	}

	/**
	 * Per inbox: public messages waiting for an answer, and how many of them are
	 * complaints.
	 */
	public record Waiting(int publicMessages, int complaints) {
	}

	public Map<Long, Waiting> waiting(Collection<Long> inboxIds) {
		Map<Long, int[]> counts = new LinkedHashMap<>();
		List<Message> unanswered = messages.unansweredPublic(inboxIds, LIMIT);
		Set<String> negative = negative(unanswered);
		for (Message m : unanswered) {
			int[] c = counts.computeIfAbsent(m.inboxId(), k -> new int[2]);
			c[0]++;
			if (negative.contains(m.inboxId() + " " + m.externalId())) {
				c[1]++;
			}
		}
		Map<Long, Waiting> out = new LinkedHashMap<>();
		counts.forEach((inbox, c) -> out.put(inbox, new Waiting(c[0], c[1])));
		return out;
	}

	/**
	 * Those of the messages read as negative, as "inbox externalId": by their mention's
	 * label, or, for a message listening has not collected yet (it waits for messages to
	 * settle), by reading it now.
	 */
	private Set<String> negative(List<Message> messages) {
		Set<String> found = new HashSet<>();
		Set<String> labelled = new HashSet<>();
		for (int start = 0; start < messages.size(); start += 1000) {
			List<Message> chunk = messages.subList(start, Math.min(messages.size(), start + 1000));
			jdbc.sql("select k.s, k.e, m.label from unnest(:inboxes, :externals) k(s, e) join mention m "
					+ "on m.external_id = k.e and m.source = :source and m.source_id = k.s")
				.param("inboxes", chunk.stream().map(Message::inboxId).toArray(Long[]::new))
				.param("externals", chunk.stream().map(Message::externalId).toArray(String[]::new))
				.param("source", Mentions.INBOX)
				.query((rs, n) -> {
					String key = rs.getLong(1) + " " + rs.getString(2);
					labelled.add(key);
					if (Sentiment.Label.NEGATIVE.api().equals(rs.getString(3))) {
						found.add(key);
					}
					return key;
				})
				.list();
		}
		for (Message m : messages) {
			String key = m.inboxId() + " " + m.externalId();
			if (!labelled.contains(key) && analyser.analyse(m.text(), null).label() == Sentiment.Label.NEGATIVE) {
				found.add(key);
			}
		}
		return found;
	}

	/**
	 * A complaint of the period: the conversation, when, whether it was answered and by
	 * whom (0 when unanswered or answered by no named agent).
	 */
	public record Complaint(long conversationId, Instant at, boolean answered, long answeredBy) {
	}

	public List<Complaint> between(Instant from, Instant to) {
		List<ConversationFacts.Asked> asked = jdbc
			.sql("select conversation_id, published_at from mention where source = :source and label = :negative "
					+ "and conversation_id is not null and published_at >= :from and published_at < :to")
			.param("source", Mentions.INBOX)
			.param("negative", Sentiment.Label.NEGATIVE.api())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, n) -> new ConversationFacts.Asked(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		Map<ConversationFacts.Asked, Long> answered = facts.answeredPublicly(asked);
		return asked.stream()
			.map(a -> new Complaint(a.conversationId(), a.at(), answered.containsKey(a), answered.getOrDefault(a, 0L)))
			.toList();
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
