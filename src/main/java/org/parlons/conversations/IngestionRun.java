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
import org.springframework.context.ApplicationEventPublisher;

/**
 * One attempt at storing one inbox's messages, inside its transaction: look up what is
 * stored, resolve and lock the new messages' authors, thread each message, insert, touch
 * the conversations and publish what happened. A fixed number of statements per attempt,
 * not per message.
 */
final class IngestionRun {

	private final Steps steps;

	private final long inboxId;

	private final List<InboundMessage> batch;

	/** The first occurrence of each external id in the batch, by position. */
	private final Map<String, Integer> firstOf = new LinkedHashMap<>();

	private final Map<String, Messages.Ids> stored = new HashMap<>();

	/** The customer of each message stored by this attempt, by position. */
	private final Map<Integer, Long> customerOf = new HashMap<>();

	/** The positions whose message opened a conversation. */
	private final Set<Integer> created = new LinkedHashSet<>();

	/**
	 * The threads a mail of this run linked, joined once it is stored
	 * ({@link ThreadJoins}).
	 */
	private final List<ThreadJoins.Linked> linked = new ArrayList<>();

	/** Run once the customers of the new messages are locked (or when there are none). */
	private final Runnable locked;

	IngestionRun(Steps steps, long inboxId, List<InboundMessage> batch, Runnable locked) {
		this.steps = steps;
		this.locked = locked;
		this.inboxId = inboxId;
		this.batch = batch;
		for (int i = 0; i < batch.size(); i++) {
			firstOf.putIfAbsent(batch.get(i).externalId(), i);
		}
	}

	List<Ingestion.Received> store() {
		stored.putAll(steps.messages().findIds(inboxId, firstOf.keySet()));
		List<Integer> fresh = notStored(firstOf.values());
		if (!fresh.isEmpty()) {
			List<Long> customers = steps.resolveAndLock(fresh.stream().map(i -> batch.get(i).author()).toList());
			locked.run();
			// Stored meanwhile by a concurrent delivery that held the locks first?
			// Without this second look a batch racing many single deliveries of its
			// messages lost the race again on each retry.
			stored
				.putAll(steps.messages().findIds(inboxId, fresh.stream().map(i -> batch.get(i).externalId()).toList()));
			for (int k = 0; k < fresh.size(); k++) {
				if (!stored.containsKey(batch.get(fresh.get(k)).externalId())) {
					customerOf.put(fresh.get(k), customers.get(k));
				}
			}
			insert(notStored(fresh));
		}
		locked.run();
		return answer();
	}

	private List<Integer> notStored(Iterable<Integer> positions) {
		List<Integer> left = new ArrayList<>();
		positions.forEach(i -> {
			if (!stored.containsKey(batch.get(i).externalId())) {
				left.add(i);
			}
		});
		return left;
	}

	private void insert(List<Integer> positions) {
		if (positions.isEmpty()) {
			return;
		}
		Map<Integer, Long> conversationOf = thread(positions);
		steps.posts()
			.saveAll(inboxId,
					positions.stream().map(i -> batch.get(i).details().post()).filter(Objects::nonNull).toList());
		List<Long> ids = steps.messages()
			.insertAll(positions.stream().map(i -> row(i, conversationOf.get(i))).toList());
		Map<Long, List<String>> keys = new HashMap<>();
		for (int k = 0; k < positions.size(); k++) {
			List<String> chain = chainOf(batch.get(positions.get(k)));
			if (!chain.isEmpty()) {
				keys.put(ids.get(k), chain);
			}
		}
		steps.messages().saveThreadKeys(inboxId, keys);
		List<ConversationChanged> reopened = reopened(positions, conversationOf);
		steps.conversations().touchAll(arrivals(positions, conversationOf));
		steps.conversations().recordAll(reopened);
		List<MessageReceived> received = new ArrayList<>(positions.size());
		for (int k = 0; k < positions.size(); k++) {
			int i = positions.get(k);
			stored.put(batch.get(i).externalId(), new Messages.Ids(ids.get(k), conversationOf.get(i)));
			received.add(new MessageReceived(ids.get(k), conversationOf.get(i), inboxId, customerOf.get(i),
					created.contains(i), batch.get(i).details().automated()));
		}
		steps.publish(inboxId, received);
		linked.forEach(steps.events()::publishEvent);
	}

	/**
	 * The conversation of each message, in order: what it answers (reply-to, then
	 * references, latest first), then the conversation its subject names, then, where the
	 * channel says so, the customer's open conversation; else a new one, opened here.
	 */
	private Map<Integer, Long> thread(List<Integer> positions) {
		Map<Long, Long> openOf = steps.conversations()
			.unresolvedOfEach(steps.customers().aliasesOfEach(customerOf.values()), inboxId);
		Map<String, Messages.Ids> parents = steps.messages()
			.findIds(inboxId, positions.stream().flatMap(i -> referencesOf(batch.get(i)).stream()).distinct().toList());
		// Thread keys (Zawinski): a stored mail that names the same missing parent, or
		// names this mail as its parent, shares its thread.
		Map<String, Long> threads = steps.messages()
			.conversationsByThreadKey(inboxId,
					positions.stream()
						.map(batch::get)
						.filter(IngestionRun::threadsByKeys)
						.flatMap(in -> keysOf(in).stream())
						.distinct()
						.toList());
		Set<Long> tokens = steps.conversations()
			.ofInbox(positions.stream()
				.map(i -> batch.get(i).details().conversationToken())
				.filter(Objects::nonNull)
				.collect(Collectors.toSet()), inboxId);
		Map<Integer, Long> conversationOf = new HashMap<>();
		Map<String, Long> conversationOfExternal = new HashMap<>();
		Map<Long, Set<Long>> links = new LinkedHashMap<>();
		List<Conversations.NewConversation> toOpen = new ArrayList<>();
		@Nullable Long team = steps.owningTeam(inboxId);
		for (int i : positions) {
			InboundMessage in = batch.get(i);
			long customer = customerOf.get(i);
			Long conversation = answered(in, parents, conversationOfExternal);
			if (conversation == null && threadsByKeys(in)) {
				conversation = sharedThread(in, threads, conversationOfExternal);
			}
			if (conversation != null) {
				Set<Long> others = linkedBy(in, parents, threads, conversationOfExternal);
				others.remove(conversation);
				if (!others.isEmpty()) {
					// told once the new ones have their ids
					links.computeIfAbsent(conversation, k -> new LinkedHashSet<>()).addAll(others);
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
				// numbered -n until it exists
				toOpen.add(new Conversations.NewConversation(inboxId, customer, team, in.subject(), in.sentAt()));
				conversation = (long) -toOpen.size();
				openOf.put(customer, conversation);
				created.add(i);
			}
			conversationOf.put(i, conversation);
			conversationOfExternal.put(in.externalId(), conversation);
			for (String key : keysOf(in)) {
				conversationOfExternal.putIfAbsent("key " + key, conversation);
			}
		}
		Map<Long, Long> roots = lockedRoots(conversationOf.values());
		List<Long> opened = steps.conversations().openAll(toOpen);
		java.util.function.LongUnaryOperator real = id -> id < 0 ? opened.get((int) (-id - 1))
				: roots.getOrDefault(id, id);
		conversationOf.replaceAll((i, id) -> real.applyAsLong(id));
		tellLinks(links, real);
		return conversationOf;
	}

	/**
	 * Where the messages of the stored conversations the batch writes to are now: a join
	 * running meanwhile moves the messages of the conversations it closes, so they are
	 * locked, then followed to the conversation they joined, and no mail is left behind.
	 */
	private Map<Long, Long> lockedRoots(java.util.Collection<Long> conversations) {
		Set<Long> existing = conversations.stream().filter(id -> id > 0).collect(Collectors.toSet());
		if (existing.isEmpty()) {
			return Map.of();
		}
		steps.conversations().lock(existing);
		return steps.conversations().rootsOf(existing);
	}

	/**
	 * The joins the batch's mails ask for, once every conversation has its id (those
	 * opened in the batch were numbered -n).
	 */
	private void tellLinks(Map<Long, Set<Long>> links, java.util.function.LongUnaryOperator real) {
		links.forEach((joined, others) -> {
			Set<Long> apart = new LinkedHashSet<>();
			others.forEach(other -> apart.add(real.applyAsLong(other)));
			apart.remove(real.applyAsLong(joined));
			if (!apart.isEmpty()) {
				linked.add(new ThreadJoins.Linked(inboxId, real.applyAsLong(joined), apart));
			}
		});
	}

	/**
	 * The conversation of a mail of the same thread that is not this one's parent: one
	 * that names the same missing parent, or one that names this mail (its reply came
	 * first), stored before or earlier in this batch.
	 */
	private static @Nullable Long sharedThread(InboundMessage in, Map<String, Long> threads,
			Map<String, Long> earlierInBatch) {
		for (String key : keysOf(in)) {
			Long conversation = threads.get(key);
			if (conversation == null) {
				conversation = earlierInBatch.get("key " + key);
			}
			if (conversation != null) {
				return conversation;
			}
		}
		return null;
	}

	/**
	 * Every stored conversation a mail's references and thread keys name: more than one
	 * when it links threads that were apart.
	 */
	private static Set<Long> linkedBy(InboundMessage in, Map<String, Messages.Ids> parents, Map<String, Long> threads,
			Map<String, Long> earlierInBatch) {
		Set<Long> found = new LinkedHashSet<>();
		for (String reference : referencesOf(in)) {
			Messages.Ids parent = parents.get(reference);
			Long conversation = parent != null ? Long.valueOf(parent.conversationId()) : earlierInBatch.get(reference);
			if (conversation != null) {
				found.add(conversation);
			}
		}
		if (threadsByKeys(in)) {
			for (String key : keysOf(in)) {
				Long conversation = threads.containsKey(key) ? threads.get(key) : earlierInBatch.get("key " + key);
				if (conversation != null) {
					found.add(conversation);
				}
			}
		}
		return found;
	}

	/**
	 * The ids a mail answers as it names them: References oldest first, then In-Reply-To.
	 */
	private static List<String> chainOf(InboundMessage in) {
		List<String> chain = new ArrayList<>();
		in.details().references().stream().filter(r -> !r.isBlank()).forEach(chain::add);
		if (in.inReplyTo() != null && !in.inReplyTo().isBlank() && !chain.contains(in.inReplyTo())) {
			chain.add(in.inReplyTo());
		}
		return chain;
	}

	/**
	 * Whether a message threads by the ids it answers and its own (mail: a new subject is
	 * a new matter); a chat or API message without a reference joins the customer's open
	 * conversation and needs no look-up.
	 */
	private static boolean threadsByKeys(InboundMessage in) {
		return !in.details().joinsOpenConversation() || !chainOf(in).isEmpty();
	}

	/** What threads a mail: the ids it answers, then its own. */
	private static List<String> keysOf(InboundMessage in) {
		List<String> keys = referencesOf(in);
		if (keys.isEmpty() && in.details().references().isEmpty() && in.inReplyTo() == null) {
			return List.of(in.externalId());
		}
		keys.add(in.externalId());
		return keys;
	}

	private static @Nullable Long answered(InboundMessage in, Map<String, Messages.Ids> parents,
			Map<String, Long> earlierInBatch) {
		for (String reference : referencesOf(in)) {
			Messages.Ids parent = parents.get(reference);
			Long conversation = parent != null ? Long.valueOf(parent.conversationId()) : earlierInBatch.get(reference);
			if (conversation != null) {
				return conversation;
			}
		}
		return null;
	}

	/**
	 * What the customers' messages do to the conversations they join that were not open
	 * (opened here are).
	 */
	private List<ConversationChanged> reopened(List<Integer> positions, Map<Integer, Long> conversationOf) {
		Set<Long> joined = new LinkedHashSet<>();
		positions.stream().filter(i -> !created.contains(i)).forEach(i -> joined.add(conversationOf.get(i)));
		List<ConversationChanged> changes = new ArrayList<>();
		steps.conversations().notOpen(joined).forEach((id, status) -> {
			ConversationChanged change = Conversation.arrival(id, inboxId, status);
			if (change != null) {
				changes.add(change);
			}
		});
		return changes;
	}

	private Messages.NewMessage row(int i, long conversation) {
		InboundMessage in = batch.get(i);
		InboundMessage.Details details = in.details();
		return new Messages.NewMessage(conversation, inboxId, in.externalId(), Message.IN, in.visibility(),
				in.author().name(), in.text(), MessageStatus.RECEIVED, in.inReplyTo(), in.attachments(), in.sentAt(),
				details.fullText(), details.automated(), details.placement(),
				details.post() == null ? null : details.post().externalId(), details.answerTo(), details.copies());
	}

	private List<Conversations.Arrivals> arrivals(List<Integer> positions, Map<Integer, Long> conversationOf) {
		Map<Long, Conversations.Arrivals> arrivals = new LinkedHashMap<>();
		for (int i : positions) {
			InboundMessage in = batch.get(i);
			long conversation = conversationOf.get(i);
			arrivals.merge(conversation, new Conversations.Arrivals(conversation, 1, in.sentAt(), in.text()),
					(a, b) -> new Conversations.Arrivals(conversation, a.count() + 1,
							b.latest().isAfter(a.latest()) ? b.latest() : a.latest(), b.preview()));
		}
		return List.copyOf(arrivals.values());
	}

	/** In input order: each message's ids, and whether this attempt stored it. */
	private List<Ingestion.Received> answer() {
		List<Long> others = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (!storedHere(i)) {
				others.add(stored.get(batch.get(i).externalId()).conversationId());
			}
		}
		Map<Long, Long> customerOfConversation = steps.conversations().currentCustomersOf(others);
		List<Ingestion.Received> answers = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			Messages.Ids ids = stored.get(batch.get(i).externalId());
			boolean here = storedHere(i);
			long customer = here ? customerOf.get(i) : customerOfConversation.get(ids.conversationId());
			answers.add(new Ingestion.Received(ids.conversationId(), ids.messageId(), customer, !here));
		}
		return answers;
	}

	/** Only the positions this attempt stored have a resolved customer. */
	private boolean storedHere(int i) {
		return customerOf.containsKey(i);
	}

	/**
	 * The ids a message answers, the most telling first: its reply-to, then its
	 * references from the latest.
	 */
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

	/** What a run works with: the repositories it writes and the services it asks. */
	record Steps(Messages messages, Conversations conversations, Posts posts, Customers customers,
			CustomerResolver resolver, Teams teams, ApplicationEventPublisher events) {

		/**
		 * Each author's customer, in order, their profiles locked until the transaction
		 * ends.
		 */
		List<Long> resolveAndLock(List<Author> authors) {
			List<Long> ids = resolver.resolveAll(authors);
			customers.lockAll(ids);
			return ids;
		}

		@Nullable Long owningTeam(long inboxId) {
			List<Long> owners = teams.owningTeams(inboxId);
			return owners.isEmpty() ? null : owners.get(0);
		}

		/**
		 * One event per message, and one for the conversations the attempt opened
		 * (automatic assignment).
		 */
		void publish(long inboxId, List<MessageReceived> received) {
			received.forEach(events::publishEvent);
			List<ConversationsOpened.Opened> opened = received.stream()
				.filter(MessageReceived::newConversation)
				.map(m -> new ConversationsOpened.Opened(m.conversationId(), m.customerId(), m.automated()))
				.toList();
			if (!opened.isEmpty()) {
				events.publishEvent(new ConversationsOpened(inboxId, opened));
			}
		}

	}

}
