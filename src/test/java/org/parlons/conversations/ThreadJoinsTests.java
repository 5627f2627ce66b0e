package org.parlons.conversations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Joins that arrive after earlier ones moved the messages they name: a mail links a
 * conversation whose messages went to another, itself joined since; the messages go to
 * the end of the chain, never into a closed conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThreadJoinsTests {

	@LocalServerPort
	int port;

	@Autowired
	Ingestion ingestion;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Conversations conversations;

	@Test
	void aJoinNamingAConversationJoinedTwiceGoesToTheOldest() {
		long inbox = TestApi.asAdmin(port).createApiInbox(unique("Joins"), java.util.Map.of());
		String author = unique("author");
		long c1 = open(inbox, author, "one");
		long c2 = open(inbox, author, "two");
		long c3 = open(inbox, author, "three");
		long c4 = open(inbox, author, "four");

		link(inbox, c3, c2);
		awaitJoined(c3, c2);
		link(inbox, c2, c1);
		awaitJoined(c2, c1);
		// a mail read before those joins named c3 and c4
		link(inbox, c4, c3);
		awaitJoined(c4, c1);

		assertThat(conversations.findById(c1).orElseThrow().messageCount()).isEqualTo(4);
		for (long closed : List.of(c2, c3, c4)) {
			assertThat(conversations.findById(closed).orElseThrow().messageCount()).isZero();
		}
		assertThat(conversations.rootsOf(List.of(c2, c3, c4)).values()).containsOnly(c1);
	}

	/** A message that opens a conversation of its own (not joining the open one). */
	private long open(long inbox, String author, String text) {
		InboundMessage in = new InboundMessage(inbox, unique(text),
				new Author(null, List.of(Identity.external("test", author))), text, Instant.now(), Visibility.PRIVATE,
				null, text, List.of(), new InboundMessage.Details(List.of(), null, false, false, null));
		return ingestion.receiveAll(inbox, List.of(in)).get(0).conversationId();
	}

	private void link(long inbox, long joined, long other) {
		transactions
			.executeWithoutResult(s -> events.publishEvent(new ThreadJoins.Linked(inbox, joined, Set.of(other))));
	}

	private void awaitJoined(long from, long into) {
		await().atMost(Duration.ofSeconds(20)).until(() -> conversations.rootsOf(List.of(from)).get(from) == into);
	}

}
