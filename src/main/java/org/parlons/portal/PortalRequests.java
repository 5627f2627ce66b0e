package org.parlons.portal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Conversation;
import org.parlons.conversations.Conversations;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Satisfaction;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.customers.Organisations;
import org.parlons.customers.Identity;
import org.parlons.platform.Crypto;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.routing.ServiceLevels;
import org.springframework.stereotype.Service;

/**
 * A customer's requests as they see them: every conversation of every profile merged into
 * theirs, in every inbox and channel, with only what they wrote and what was really sent
 * to them (never a note, nor a reply held, rejected, failed or still queued). Writing
 * from the customer space joins a conversation as a message of the customer (through the
 * one ingestion path, so agents see it live), or opens a new one in the customer space's
 * inbox.
 */
@Service
public class PortalRequests {

	/** The most requests listed. */
	static final int LIMIT = 500;

	/** The longest subject of a new request, in characters. */
	static final int MAX_SUBJECT = 300;

	/** The longest message written in the customer space, in characters. */
	static final int MAX_TEXT = 20_000;

	/**
	 * A request as its customer sees it.
	 *
	 * @param status "open", "pending", "snoozed" or "resolved" as agents set it
	 * @param nextDueAt when the next answer or the resolution is due, in the inbox's
	 * business hours; null when nothing is owed
	 * @param rating the score given to its latest resolution
	 * @param ratable whether its latest resolution waits for a rating
	 * @param from who in the customer's organisation asked, when it is not the customer
	 * (an organisation's admin reads its members' requests when the company allows it)
	 */
	public record Request(long id, String channel, String status, @Nullable String subject, Instant lastMessageAt,
			@Nullable Instant nextDueAt, @Nullable String preview, @Nullable Integer rating, boolean ratable,
			@Nullable String from) {
	}

	/** A message of a request, as the customer saw it. */
	public record Line(long id, String direction, String text, Instant sentAt, @Nullable String via,
			@Nullable String author) {
	}

	private final Customers customers;

	private final Conversations conversations;

	private final Messages messages;

	private final Inboxes inboxes;

	private final Ingestion ingestion;

	private final ServiceLevels serviceLevels;

	private final Satisfaction satisfaction;

	private final PortalInbox portalInbox;

	private final Clock clock;

	private final Organisations organisations;

	PortalRequests(Customers customers, Conversations conversations, Messages messages, Inboxes inboxes,
			Ingestion ingestion, ServiceLevels serviceLevels, Satisfaction satisfaction, PortalInbox portalInbox,
			Clock clock, Organisations organisations) {
		this.organisations = organisations;
		this.customers = customers;
		this.conversations = conversations;
		this.messages = messages;
		this.inboxes = inboxes;
		this.ingestion = ingestion;
		this.serviceLevels = serviceLevels;
		this.satisfaction = satisfaction;
		this.portalInbox = portalInbox;
		this.clock = clock;
	}

	/**
	 * The profiles the customer is now: theirs, or the one it was merged into, with its
	 * aliases.
	 */
	public Set<Long> profilesOf(PortalCustomer me) {
		return customers.aliasesOf(customers.current(me.customerId()));
	}

	/** The live profile the customer signs as. */
	public long currentOf(PortalCustomer me) {
		return customers.current(me.customerId());
	}

	/**
	 * The profiles whose requests the customer reads: their own, and their organisation's
	 * members' when they are one of its admins and the company lets it share.
	 */
	public Set<Long> readableBy(PortalCustomer me) {
		return readableBy(me, profilesOf(me));
	}

	private Set<Long> readableBy(PortalCustomer me, Set<Long> own) {
		Set<Long> shared = organisations.sharedWith(me.customerId());
		if (shared.isEmpty()) {
			return own;
		}
		Set<Long> all = new java.util.LinkedHashSet<>(own);
		all.addAll(shared);
		return all;
	}

	public List<Request> list(PortalCustomer me) {
		Set<Long> own = profilesOf(me);
		List<Conversation> mine = conversations.ofCustomers(readableBy(me, own), LIMIT);
		Map<Long, Inbox> inboxOf = inboxes.findAll().stream().collect(Collectors.toMap(Inbox::id, Function.identity()));
		Map<Long, Customers.Summary> others = customers.summaries(mine.stream()
			.map(Conversation::customerId)
			.filter(id -> !own.contains(id))
			.collect(Collectors.toSet()));
		return mine.stream().map(c -> request(c, inboxOf.get(c.inboxId()), others.get(c.customerId()))).toList();
	}

	public Request one(PortalCustomer me, long id) {
		Conversation c = readable(me, id);
		Customers.Summary other = profilesOf(me).contains(c.customerId()) ? null
				: customers.summaries(Set.of(c.customerId())).get(c.customerId());
		return request(c, inboxes.findById(c.inboxId()).orElse(null), other);
	}

	public List<Line> thread(PortalCustomer me, long id) {
		Conversation c = readable(me, id);
		return messages.ofConversation(c.id())
			.stream()
			.filter(m -> m.inbound() || m.status().reachedCustomer())
			.map(m -> new Line(m.id(), m.direction(), m.text(), m.sentAt(), m.via(),
					m.inbound() ? null : m.persona() != null ? m.persona() : m.authorName()))
			.toList();
	}

	/** The customer writes in a request of theirs: a message of theirs in it. */
	public Ingestion.Received reply(PortalCustomer me, long id, String text) {
		Conversation c = own(me, id);
		String said = checked(text);
		Author author = author(me);
		return ingestion.receive(new InboundMessage(c.inboxId(), Message.PORTAL_PREFIX + Crypto.randomToken(16), author,
				said, clock.instant(), Visibility.PRIVATE, null, null, List.of(),
				new InboundMessage.Details(List.of(), c.id(), false, false, null)));
	}

	/** A new request, in the customer space's inbox. */
	public Ingestion.Received open(PortalCustomer me, String subject, String text) {
		return openIn(me, portalInbox.get().id(), subject, text);
	}

	/**
	 * A new request in another inbox of the portal channel (the representatives' own):
	 * its replies reach the customer in their space like any other.
	 */
	public Ingestion.Received openIn(PortalCustomer me, long inboxId, String subject, String text) {
		String title = subject.strip();
		if (title.isEmpty() || title.length() > MAX_SUBJECT) {
			throw Refusals.invalid("portal.refused.subject",
					"A subject needs between 1 and " + MAX_SUBJECT + " characters", MAX_SUBJECT);
		}
		String said = checked(text);
		return ingestion.receive(new InboundMessage(inboxId, Message.PORTAL_PREFIX + Crypto.randomToken(16), author(me),
				said, clock.instant(), Visibility.PRIVATE, null, title, List.of(),
				new InboundMessage.Details(List.of(), null, false, false, null)));
	}

	/** Rates the latest resolution of a request of theirs. */
	public Satisfaction.Survey rate(PortalCustomer me, long id, int score, @Nullable String comment) {
		Conversation c = own(me, id);
		Satisfaction.Survey survey = satisfaction.pending(c.id())
			.orElseThrow(() -> satisfaction.ofConversation(c.id()).isEmpty()
					? Refusals.conflict("satisfaction.notResolved", "This request has no resolution to rate yet")
					: Refusals.conflict("satisfaction.answered", "This request was rated already"));
		return satisfaction.rate(survey.id(), score, comment, PortalInbox.CHANNEL);
	}

	/**
	 * A conversation of this customer, to write in; one of their organisation they may
	 * only read is refused (403), any other answers as one that does not exist.
	 */
	Conversation own(PortalCustomer me, long id) {
		Conversation c = readable(me, id);
		if (!profilesOf(me).contains(c.customerId())) {
			throw org.parlons.platform.InvalidRequestException.forbiddenSaid("portal.refused.readOnly",
					"You can read your organisation's requests, but only write in your own");
		}
		return c;
	}

	/**
	 * A conversation the customer may read; any other answers as one that does not exist.
	 */
	Conversation readable(PortalCustomer me, long id) {
		Conversation c = conversations.findById(id).orElse(null);
		if (c == null || !readableBy(me).contains(c.customerId())) {
			throw NotFoundException.said("portal.refused.noRequest", "No request " + id, id);
		}
		return c;
	}

	private Request request(Conversation c, @Nullable Inbox inbox, Customers.@Nullable Summary from) {
		Instant due = null;
		try {
			due = serviceLevels.of(c.id())
				.stream()
				.filter(t -> "running".equals(t.state()) || "warning".equals(t.state()) || "breached".equals(t.state()))
				.map(ServiceLevels.Timer::dueAt)
				.min(Comparator.naturalOrder())
				.orElse(null);
		}
		catch (RuntimeException ex) {
			// a conversation without clocks owes no time
		}
		List<Satisfaction.Survey> surveys = satisfaction.ofConversation(c.id());
		Integer rating = surveys.stream()
			.filter(Satisfaction.Survey::answered)
			.findFirst()
			.map(Satisfaction.Survey::score)
			.orElse(null);
		boolean ratable = !surveys.isEmpty() && surveys.get(0).answerable(clock.instant());
		return new Request(c.id(), inbox == null ? "api" : inbox.channel(), c.status().api(), c.subject(),
				c.lastMessageAt(), due, c.preview(), rating, ratable, from == null ? null : from.displayName());
	}

	/**
	 * The customer as the author of what they write here: their customer-space identity,
	 * given to their live profile the first time.
	 */
	private Author author(PortalCustomer me) {
		long current = currentOf(me);
		Identity portal = Identity.external(PortalInbox.CHANNEL, String.valueOf(current));
		if (customers.findByIdentity(portal).isEmpty()) {
			customers.addIdentity(current, portal);
		}
		Customer customer = customers.findById(current).orElseThrow();
		return new Author(customer.name(), List.of(portal));
	}

	private static String checked(String text) {
		String said = text.strip();
		if (said.isEmpty() || said.length() > MAX_TEXT) {
			throw Refusals.invalid("portal.refused.text", "A message needs between 1 and " + MAX_TEXT + " characters",
					MAX_TEXT);
		}
		return said;
	}

}
