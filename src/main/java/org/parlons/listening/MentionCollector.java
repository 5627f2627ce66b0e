package org.parlons.listening;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.parlons.platform.Leases;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the inboxes' new public messages as mentions, a thousand messages looked at a
 * time, behind a cursor saved in the same transaction: nothing is added to the ingestion
 * path, a crash only reads the same messages again, and the unique key keeps them once.
 * The author of a message is its customer, so a person is counted once across all their
 * messages. Messages are read once settled ({@code parlons.listening.settle}), so an id
 * whose transaction is still open is not passed over.
 */
@Component
class MentionCollector {

	static final int BATCH = 1_000;

	private static final String CURSOR = "inbox-messages";

	private final Messages messages;

	private final Inboxes inboxes;

	private final Conversations conversations;

	private final Mentions mentions;

	private final SentimentAnalyser analyser;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Duration settle;

	private final Leases leases;

	MentionCollector(Leases leases, Messages messages, Inboxes inboxes, Conversations conversations, Mentions mentions,
			SentimentAnalyser analyser, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
			ListeningSettings settings) {
		this.leases = leases;
		this.clock = clock;
		this.settle = settings.settle();
		this.tx = tx;
		this.messages = messages;
		this.inboxes = inboxes;
		this.conversations = conversations;
		this.mentions = mentions;
		this.analyser = analyser;
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "#{" + ListeningSettings.BEAN + ".collectInterval()}", initialDelayString = "PT3S")
	void collect() {
		if (!leases.hold("job:mention-collection")) {
			return;
		}
		while (tx.execute(status -> collectOnce()) == BATCH) {
			// a backlog: keep reading
		}
	}

	/**
	 * One batch, in the caller's transaction; answers how many messages were looked at.
	 */
	int collectOnce() {
		long after = jdbc.sql("select position from listening_cursor where name = ?")
			.param(CURSOR)
			.query(Long.class)
			.optional()
			.orElse(0L);
		Messages.Settled settled = messages.publicInboundAfter(after, clock.instant().minus(settle), BATCH);
		if (settled.scanned() == 0) {
			return 0;
		}
		List<Message> batch = settled.publicInbound();
		Map<Long, Long> customers = conversations
			.currentCustomersOf(batch.stream().map(Message::conversationId).distinct().toList());
		Map<Long, String> networks = new HashMap<>();
		List<Mentions.NewMention> found = new ArrayList<>(batch.size());
		for (Message m : batch) {
			String network = networks.computeIfAbsent(m.inboxId(),
					id -> inboxes.findById(id).map(Inbox::channel).orElse("api"));
			Sentiment s = analyser.analyse(m.text(), null);
			found.add(new Mentions.NewMention(Mentions.INBOX, m.inboxId(), network, m.externalId(), m.authorName(),
					Mentions.customerKey(customers.getOrDefault(m.conversationId(), -m.conversationId())), m.text(),
					s.language(), s.score(), s.label(), null, m.sentAt(), m.conversationId()));
		}
		mentions.saveAll(found);
		jdbc.sql("merge into listening_cursor c using (select cast(? as varchar(50)) as name) s on c.name = s.name "
				+ "when matched then update set position = ? when not matched then insert (name, position) values (s.name, ?)")
			.params(CURSOR, settled.upTo(), settled.upTo())
			.update();
		return settled.scanned();
	}

}
