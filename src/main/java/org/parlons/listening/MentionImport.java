package org.parlons.listening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.language.Sentiment;
import org.parlons.language.SentimentAnalyser;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mentions sent by another tool (a network search, a listening vendor, a spreadsheet):
 * scored like the others and stored with their audience figures. An author known as a
 * customer's handle or network id is counted as that customer, so their influence shows
 * on the profile. Sending a mention again updates its audience figures.
 */
@Service
public class MentionImport {

	/** The most mentions one call takes. */
	public static final int MAX = 1_000;

	/** One mention as another tool describes it. */
	public record Incoming(String network, String externalId, @Nullable String authorName, @Nullable String authorId,
			@Nullable String authorHandle, String text, @Nullable String url, Instant publishedAt,
			@Nullable String language, Mentions.Audience audience) {
	}

	/** How many mentions were new, and how many known ones took new figures. */
	public record Result(int stored, int updated) {
	}

	private final Mentions mentions;

	private final SentimentAnalyser analyser;

	private final Customers customers;

	private final TransactionTemplate tx;

	MentionImport(Mentions mentions, SentimentAnalyser analyser, Customers customers, TransactionTemplate tx) {
		this.tx = tx;
		this.mentions = mentions;
		this.analyser = analyser;
		this.customers = customers;
	}

	/**
	 * Stores the mentions in one transaction. The hourly rollups are also written by the
	 * collector: when both create the same hour's row at once, the loser tries again.
	 */
	public Result importAll(List<Incoming> incoming) {
		return importAll(Mentions.IMPORTED, 0, incoming);
	}

	/**
	 * Stores what a network search run with an inbox's account found, as mentions of that
	 * inbox: a post also among the inbox's own messages is stored once.
	 */
	Result foundBy(long inboxId, List<Incoming> incoming) {
		return importAll(Mentions.INBOX, inboxId, incoming);
	}

	private Result importAll(String source, long sourceId, List<Incoming> incoming) {
		if (incoming.size() > MAX) {
			throw new IllegalArgumentException("At most " + MAX + " mentions at once");
		}
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> store(source, sourceId, incoming));
			}
			catch (DuplicateKeyException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private Result store(String source, long sourceId, List<Incoming> incoming) {
		Map<Integer, List<Identity>> identities = new LinkedHashMap<>();
		for (int i = 0; i < incoming.size(); i++) {
			identities.put(i, identitiesOf(incoming.get(i)));
		}
		Map<Identity, Long> known = customers
			.findByIdentities(identities.values().stream().flatMap(List::stream).toList());
		List<Mentions.NewMention> rows = new ArrayList<>(incoming.size());
		for (int i = 0; i < incoming.size(); i++) {
			Incoming in = incoming.get(i);
			String network = in.network().strip().toLowerCase(Locale.ROOT);
			List<Identity> theirs = identities.get(i);
			Long customer = theirs.stream().map(known::get).filter(c -> c != null).findFirst().orElse(null);
			String authorKey = customer != null ? Mentions.customerKey(customer) : !theirs.isEmpty()
					? network + ":" + theirs.get(0).value() : network + ":anonymous:" + in.externalId();
			String language = in.language() == null ? null : in.language().strip().toLowerCase(Locale.ROOT);
			Sentiment s = analyser.analyse(in.text(),
					language != null && SentimentAnalyser.LANGUAGES.contains(language) ? language : null);
			rows.add(new Mentions.NewMention(source, sourceId, network, in.externalId(), in.authorName(), authorKey,
					in.text(), s.language(), s.score(), s.label(), in.url(), in.publishedAt(), null, in.audience()));
		}
		int[] counts = mentions.importAll(rows);
		return new Result(counts[0], counts[1]);
	}

	/**
	 * The author's id on the network, then their handle; none for an anonymous mention.
	 */
	private static List<Identity> identitiesOf(Incoming in) {
		String network = in.network().strip().toLowerCase(Locale.ROOT);
		List<Identity> out = new ArrayList<>(2);
		if (in.authorId() != null && !in.authorId().isBlank()) {
			out.add(Identity.external(network, in.authorId()));
		}
		if (in.authorHandle() != null && !in.authorHandle().isBlank()) {
			out.add(Identity.handle(network, in.authorHandle()));
		}
		return out;
	}

}
