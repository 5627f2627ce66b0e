package org.parlons.channels.email;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Ingestion;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Threading measured on real mailing-list mail (the SpamAssassin ham, CC0): the threads
 * are what Message-ID, In-Reply-To and References link together (every id a thread key,
 * as in Jamie Zawinski's algorithm), whether or not the mail they answer is in the set;
 * each mail goes through the parser and the ingestion in the order it was sent, and the
 * conversations it lands in are compared pair by pair. Most of these threads miss their
 * first mail, which went to the list before the corpus was collected: joining a mail to a
 * stored parent only found 0.75 of the pairs (issue 19).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmailThreadingTests {

	@LocalServerPort
	int port;

	@Autowired
	Ingestion ingestion;

	@Autowired
	InboundMail inboundMail;

	@Test
	void repliesToAMissingParentMeetInOneConversation() throws Exception {
		MailThreads mails = MailThreads.load();
		assertThat(mails.threaded).hasSizeGreaterThan(300);
		long inbox = TestApi.asAdmin(port).createApiInbox(unique("Lists"), Map.of());
		Map<String, Long> conversationOf = new HashMap<>();
		for (int start = 0; start < mails.threaded.size(); start += 50) {
			List<MailThreads.Mail> chunk = mails.threaded.subList(start, Math.min(mails.threaded.size(), start + 50));
			List<InboundMessage> batch = chunk.stream().map(m -> inboundMail.of(inbox, m.parsed())).toList();
			List<Ingestion.Received> received = ingestion.receiveAll(inbox, batch);
			for (int i = 0; i < chunk.size(); i++) {
				conversationOf.put(chunk.get(i).parsed().messageId(), received.get(i).conversationId());
			}
		}
		MailThreads.Score score = mails.score(conversationOf);
		System.out.printf("email threading over %d mails in threads: precision %.3f, recall %.3f, F1 %.3f%n",
				conversationOf.size(), score.precision(), score.recall(), score.f1());
		assertThat(score.precision()).isGreaterThan(0.99);
		assertThat(score.f1()).isGreaterThan(0.95);
	}

}
