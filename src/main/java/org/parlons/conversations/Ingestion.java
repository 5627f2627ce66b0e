package org.parlons.conversations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Teams;
import org.parlons.customers.Author;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one entry point for every channel's inbound messages. Idempotent on (inbox, external id):
 * the same message twice, even concurrently, is stored once and answers the same ids.
 * <p>
 * Messages come one at a time (a webhook) or many at once (a mailbox poll, the batch API); both go
 * through {@link #receiveAll}, which pays a fixed number of statements per call rather than per
 * message: look up what is known, resolve every author, lock their profiles, thread, then insert the
 * new conversations and messages in JDBC batches.
 */
@Service
public class Ingestion {

	/** What happened to an inbound message. */
	public record Received(long conversationId, long messageId, long customerId, boolean duplicate) {
	}

	/** The most messages one call takes; callers split larger sets. */
	public static final int MAX_BATCH = 1000;

	private static final int ATTEMPTS = 5;

	private final Inboxes inboxes;

	private final Messages messages;

	private final Conversations conversations;

	private final CustomerResolver resolver;

	private final Customers customers;

	private final Teams teams;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Posts posts;

	Ingestion(Inboxes inboxes, Messages messages, Conversations conversations, CustomerResolver resolver,
			Customers customers, Teams teams, ApplicationEventPublisher events, TransactionTemplate tx, Posts posts) {
		this.posts = posts;
		this.inboxes = inboxes;
		this.messages = messages;
		this.conversations = conversations;
		this.resolver = resolver;
		this.customers = customers;
		this.teams = teams;
		this.events = events;
		this.tx = tx;
	}

	public Received receive(InboundMessage in) {
		return receiveAll(in.inboxId(), List.of(in)).get(0);
	}

	/**
	 * Stores the messages of one inbox in one transaction and answers, in input order, what became of
	 * each. A message repeated within the call, or already stored, is a duplicate answering the ids of
	 * the stored one.
	 */
	public List<Received> receiveAll(long inboxId, List<InboundMessage> batch) {
		if (batch.size() > MAX_BATCH) {
			throw new IllegalArgumentException("At most " + MAX_BATCH + " messages at once");
		}
		if (batch.stream().anyMatch(m -> m.inboxId() != inboxId)) {
			throw new IllegalArgumentException("Every message of a batch belongs to inbox " + inboxId);
		}
		if (inboxes.findById(inboxId).isEmpty()) {
			throw new NotFoundException("No inbox " + inboxId);
		}
		if (batch.isEmpty()) {
			return List.of();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> new Run(inboxId, batch).store());
			}
			catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
				// A concurrent delivery of the same message or author won the race: try again, and
				// the look-ups now find what it stored.
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** One attempt at storing a batch, inside its transaction. */
	private final class Run {

		private final long inboxId;

		private final List<InboundMessage> batch;

		/** The first occurrence of each external id in the batch, by position. */
		private final Map<String, Integer> firstOf = new LinkedHashMap<>();

		private final Map<String, Messages.Ids> stored = new HashMap<>();

		/** The customer of each message stored by this call, by position. */
		private final Map<Integer, Long> customerOf = new HashMap<>();

		/** The positions whose message opened a conversation. */
		private final Set<Integer> created = new LinkedHashSet<>();

		Run(long inboxId, List<InboundMessage> batch) {
			this.inboxId = inboxId;
			this.batch = batch;
			for (int i = 0; i < batch.size(); i++) {
				firstOf.putIfAbsent(batch.get(i).externalId(), i);
			}
		}

		List<Received> store() {
			stored.putAll(messages.findIds(inboxId, firstOf.keySet()));
			List<Integer> fresh = fresh();
			if (!fresh.isEmpty()) {
				List<Author> authors = fresh.stream().map(i -> batch.get(i).author()).toList();
				List<Long> customerIds = resolver.resolveAll(authors);
				customers.lockAll(customerIds);
				// Stored meanwhile by a concurrent delivery that held the locks first? Needed even though the
				// unique key would refuse ours: without it a batch racing many single deliveries of its
				// messages failed again on each retry.
				stored.putAll(messages.findIds(inboxId, fresh.stream().map(i -> batch.get(i).externalId()).toList()));
				List<Integer> still = new ArrayList<>();
				List<Long> stillCustomers = new ArrayList<>();
				for (int k = 0; k < fresh.size(); k++) {
					if (!stored.containsKey(batch.get(fresh.get(k)).externalId())) {
						still.add(fresh.get(k));
						stillCustomers.add(customerIds.get(k));
					}
				}
				insert(still, stillCustomers);
			}
			return answer();
		}

		private List<Integer> fresh() {
			List<Integer> fresh = new ArrayList<>();
			firstOf.forEach((externalId, i) -> {
				if (!stored.containsKey(externalId)) {
					fresh.add(i);
				}
			});
			return fresh;
		}

		private void insert(List<Integer> positions, List<Long> customerIds) {
			if (positions.isEmpty()) {
				return;
			}
			for (int k = 0; k < positions.size(); k++) {
				customerOf.put(positions.get(k), customerIds.get(k));
			}
			Map<Long, Long> openOf = conversations.unresolvedOfEach(customers.aliasesOfEach(customerIds), inboxId);
			Map<String, Messages.Ids> parents = messages.findIds(inboxId, positions.stream()
				.flatMap(i -> referencesOf(batch.get(i)).stream())
				.distinct()
				.toList());
			Set<Long> tokens = conversations.ofInbox(positions.stream()
				.map(i -> batch.get(i).details().conversationToken())
				.filter(t -> t != null)
				.collect(Collectors.toSet()), inboxId);

			// Thread each message in order: what it answers (reply-to, then references, latest first), then
			// the conversation its subject names, then, where the channel says so, the customer's open
			// conversation; else a new one, numbered -n until it exists.
			Map<Integer, Long> conversationOf = new HashMap<>();
			Map<String, Long> conversationOfExternal = new HashMap<>();
			List<Conversations.NewConversation> toOpen = new ArrayList<>();
			Long team = owningTeam(inboxId);
			for (int i : positions) {
				InboundMessage in = batch.get(i);
				long customer = customerOf.get(i);
				Long conversation = null;
				for (String reference : referencesOf(in)) {
					Messages.Ids parent = parents.get(reference);
					conversation = parent != null ? Long.valueOf(parent.conversationId())
							: conversationOfExternal.get(reference);
					if (conversation != null) {
						break;
					}
				}
				Long token = in.details().conversationToken();
				if (conversation == null && token != null && tokens.contains(token)) {
					conversation = token;
				}
				if (conversation == null && in.details().joinsOpenConversation()) {
					conversation = openOf.get(customer);
				}
				if (conversation == null) {
					toOpen.add(new Conversations.NewConversation(inboxId, customer, team, in.subject(), in.sentAt()));
					conversation = (long) -toOpen.size();
					openOf.put(customer, conversation);
					created.add(i);
				}
				conversationOf.put(i, conversation);
				conversationOfExternal.put(in.externalId(), conversation);
			}
			List<Long> opened = conversations.openAll(toOpen);
			conversationOf.replaceAll((i, id) -> id < 0 ? opened.get((int) (-id - 1)) : id);

			List<Messages.NewMessage> rows = new ArrayList<>(positions.size());
			Map<Long, Conversations.Arrivals> arrivals = new LinkedHashMap<>();
			for (int i : positions) {
				InboundMessage in = batch.get(i);
				long conversation = conversationOf.get(i);
				rows.add(new Messages.NewMessage(conversation, inboxId, in.externalId(), Message.IN, in.visibility(),
						in.author().name(), in.text(), MessageStatus.RECEIVED, in.inReplyTo(), in.attachments(),
						in.sentAt(), in.details().fullText(), in.details().automated(), in.details().placement(),
						in.details().post() == null ? null : in.details().post().externalId()));
				arrivals.merge(conversation, new Conversations.Arrivals(conversation, 1, in.sentAt(), in.text()),
						(a, b) -> new Conversations.Arrivals(conversation, a.count() + 1,
								b.latest().isAfter(a.latest()) ? b.latest() : a.latest(), b.preview()));
			}
			posts.saveAll(inboxId, positions.stream()
				.map(i -> batch.get(i).details().post())
				.filter(Objects::nonNull)
				.toList());
			List<Long> ids = messages.insertAll(rows);
			conversations.touchAll(arrivals.values());

			List<ConversationsOpened.Opened> openedNow = new ArrayList<>();
			for (int k = 0; k < positions.size(); k++) {
				int i = positions.get(k);
				long conversation = conversationOf.get(i);
				stored.put(batch.get(i).externalId(), new Messages.Ids(ids.get(k), conversation));
				boolean opens = created.contains(i);
				if (opens) {
					openedNow.add(new ConversationsOpened.Opened(conversation, customerOf.get(i)));
				}
				events.publishEvent(new MessageReceived(ids.get(k), conversation, inboxId, customerOf.get(i), opens));
			}
			if (!openedNow.isEmpty()) {
				events.publishEvent(new ConversationsOpened(inboxId, openedNow));
			}
		}

		/** In input order: each message's ids, and whether it was stored by this call. */
		private List<Received> answer() {
			List<Long> others = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				if (!isNew(i)) {
					others.add(stored.get(batch.get(i).externalId()).conversationId());
				}
			}
			Map<Long, Long> customerOfConversation = conversations.currentCustomersOf(others);
			List<Received> answers = new ArrayList<>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				Messages.Ids ids = stored.get(batch.get(i).externalId());
				boolean isNew = isNew(i);
				long customer = isNew ? customerOf.get(i) : customerOfConversation.get(ids.conversationId());
				answers.add(new Received(ids.conversationId(), ids.messageId(), customer, !isNew));
			}
			return answers;
		}

		/** Stored by this call: only those positions have a resolved customer. */
		private boolean isNew(int i) {
			return customerOf.containsKey(i);
		}

	}

	/** The ids a message answers, the most telling first: its reply-to, then its references from the latest. */
	private static List<String> referencesOf(InboundMessage in) {
		List<String> ids = new ArrayList<>();
		if (in.inReplyTo() != null && !in.inReplyTo().isBlank()) {
			ids.add(in.inReplyTo());
		}
		List<String> references = new ArrayList<>(in.details().references());
		Collections.reverse(references);
		references.stream().filter(r -> !r.isBlank() && !ids.contains(r)).forEach(ids::add);
		return ids;
	}

	private @Nullable Long owningTeam(long inboxId) {
		List<Long> owners = teams.owningTeams(inboxId);
		return owners.isEmpty() ? null : owners.get(0);
	}

}
