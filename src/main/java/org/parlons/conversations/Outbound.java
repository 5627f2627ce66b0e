package org.parlons.conversations;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Teams;
import org.parlons.customers.Author;
import org.parlons.customers.Customer;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations an agent starts: the first message goes to a customer (one on file, or an
 * address typed, which finds or creates the profile) through an inbox whose channel can
 * write first. The message is a reply like any other, checked by the mandate, the code of
 * conduct and the network's rules: when one refuses it, nothing is kept, neither the
 * conversation nor a profile created for it.
 */
@Service
public class Outbound {

	public static final int MAX_SUBJECT = 300;

	/**
	 * What the agent asks for.
	 *
	 * @param customerId a customer on file, or null to write to {@code to} alone
	 * @param to the address to write to (email or phone, as the inbox's channel wants);
	 * null to use the customer's own
	 * @param name the name of a customer the address creates, if any
	 */
	public record Start(long inboxId, @Nullable Long customerId, @Nullable String to, @Nullable String name,
			@Nullable String subject, String text, @Nullable String persona, boolean acceptWarnings,
			@Nullable String purpose) {

		public Start(long inboxId, @Nullable Long customerId, @Nullable String to, @Nullable String name,
				@Nullable String subject, String text, @Nullable String persona, boolean acceptWarnings) {
			this(inboxId, customerId, to, name, subject, text, persona, acceptWarnings, null);
		}

	}

	private final ConversationAccess access;

	private final Conversations conversations;

	private final Replies replies;

	private final List<OutboundChannels> channels;

	private final Customers customers;

	private final CustomerResolver resolver;

	private final CustomerProfiles profiles;

	private final Teams teams;

	private final Clock clock;

	private final org.parlons.privacy.Consents consents;

	private final org.parlons.privacy.Purposes purposes;

	private final org.springframework.context.MessageSource words;

	Outbound(ConversationAccess access, Conversations conversations, Replies replies, List<OutboundChannels> channels,
			Customers customers, CustomerResolver resolver, CustomerProfiles profiles, Teams teams, Clock clock,
			org.parlons.privacy.Consents consents, org.parlons.privacy.Purposes purposes,
			org.springframework.context.MessageSource words) {
		this.consents = consents;
		this.purposes = purposes;
		this.words = words;
		this.access = access;
		this.conversations = conversations;
		this.replies = replies;
		this.channels = channels;
		this.customers = customers;
		this.resolver = resolver;
		this.profiles = profiles;
		this.teams = teams;
		this.clock = clock;
	}

	/** Whether agents can start conversations in this inbox, and by what address. */
	public Optional<Identity.Kind> addressedBy(Inbox inbox) {
		return channels.stream().map(c -> c.addressedBy(inbox)).flatMap(Optional::stream).findFirst();
	}

	/**
	 * Opens the conversation and sends (or holds) its first message.
	 * @return the first message, queued or waiting for approval
	 */
	@Transactional
	public Message start(AgentPrincipal agent, Start start) {
		if (!agent.role().mayAnswer()) {
			throw InvalidRequestException.forbiddenSaid("reply.analyst",
					"Analysts read conversations; they do not answer customers");
		}
		Inbox inbox = access.inbox(agent, start.inboxId());
		Identity.Kind kind = addressedBy(inbox)
			.orElseThrow(() -> InvalidRequestException.said("outbound.channel", "Agents cannot write first in a "
					+ inbox.channel() + " inbox: start conversations by email, SMS or WhatsApp", inbox.channel()));
		String subject = start.subject() == null ? "" : start.subject().strip();
		if (kind == Identity.Kind.EMAIL && subject.isEmpty()) {
			throw InvalidRequestException.said("outbound.subject", "An email needs a subject");
		}
		if (subject.length() > MAX_SUBJECT) {
			throw InvalidRequestException.said("outbound.subjectTooLong",
					"A subject is limited to " + MAX_SUBJECT + " characters", MAX_SUBJECT);
		}
		Recipient recipient = recipient(kind, start, agent.id());
		if (start.purpose() != null && !start.purpose().isBlank()) {
			try {
				consents.require(recipient.customerId(), start.purpose().strip(), consentChannel(inbox.channel()));
			}
			catch (org.parlons.platform.Refusals.Conflict ex) {
				throw InvalidRequestException.from(ex);
			}
		}
		customers.lock(recipient.customerId());
		long id = conversations.start(new Conversations.NewConversation(inbox.id(), recipient.customerId(),
				team(agent, inbox), subject.isEmpty() ? null : subject, clock.instant()), agent.id(),
				recipient.address());
		Conversation conversation = conversations.findById(id).orElseThrow();
		conversation.changed(new ConversationChanged.Started(id, inbox.id(), agent.id(), inbox.channel()));
		conversations.save(conversation, agent.id());
		String text = start.text();
		if (start.purpose() != null && !start.purpose().isBlank() && kind == Identity.Kind.EMAIL
				&& purposes.get(start.purpose().strip()).promotional()) {
			var purpose = purposes.get(start.purpose().strip());
			var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
			text = text + "\n\n-- \n" + words.getMessage("privacy.unsubscribe.footer", new Object[] {
					purpose.title(locale), consents.unsubscribeLink(recipient.customerId(), purpose.key()) }, locale);
		}
		return replies.reply(agent, id, text, Visibility.PRIVATE, start.persona(), start.acceptWarnings());
	}

	/** The channel as consents name it: SMS rather than the provider. */
	private static String consentChannel(String inboxChannel) {
		return "twilio".equals(inboxChannel) ? "sms" : inboxChannel;
	}

	private record Recipient(long customerId, String address) {
	}

	/**
	 * The customer written to and the address used: the one typed (added to the customer
	 * when free, refused when it is someone else's), else the customer's own.
	 */
	private Recipient recipient(Identity.Kind kind, Start start, long agentId) {
		Identity typed = start.to() == null || start.to().isBlank() ? null : parse(kind, start.to());
		if (start.customerId() == null) {
			if (typed == null) {
				throw InvalidRequestException.said(
						kind == Identity.Kind.EMAIL ? "outbound.noEmail" : "outbound.noPhone",
						"Write to whom? Give an " + (kind == Identity.Kind.EMAIL ? "email address" : "phone number")
								+ " or choose a customer");
			}
			String name = start.name() == null || start.name().isBlank() ? null : start.name().strip();
			return new Recipient(resolver.resolve(new Author(name, List.of(typed))), typed.value());
		}
		Customer customer = customers.findById(customers.current(start.customerId()))
			.orElseThrow(() -> new NotFoundException("No customer " + start.customerId()));
		if (typed == null) {
			String own = customer.identity(kind, null)
				.orElseThrow(() -> InvalidRequestException.said(
						kind == Identity.Kind.EMAIL ? "outbound.customerNoEmail" : "outbound.customerNoPhone",
						"This customer has no " + (kind == Identity.Kind.EMAIL ? "email address" : "phone number")
								+ ": type one"));
			return new Recipient(customer.id(), own);
		}
		Optional<Long> owner = customers.findByIdentity(typed).map(customers::current);
		if (owner.isPresent() && owner.get() != customer.id()) {
			throw InvalidRequestException.conflictSaid("outbound.addressTaken",
					typed.value() + " belongs to another customer (#" + owner.get() + "): write to them, or merge",
					typed.value(), String.valueOf(owner.get()));
		}
		if (owner.isEmpty()) {
			profiles.addIdentity(customer.id(), typed, agentId);
		}
		return new Recipient(customer.id(), typed.value());
	}

	private Identity parse(Identity.Kind kind, String typed) {
		try {
			return kind == Identity.Kind.EMAIL ? Identity.email(typed)
					: Identity.phone(typed, profiles.defaultRegion());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.said(kind == Identity.Kind.EMAIL ? "outbound.badEmail" : "outbound.badPhone",
					ex.getMessage(), typed.strip());
		}
	}

	/** The agent's own team among those that own the inbox, else the first owner. */
	private @Nullable Long team(AgentPrincipal agent, Inbox inbox) {
		List<Long> owners = teams.owningTeams(inbox.id());
		var mine = teams.teamsOf(agent.id());
		return owners.stream().filter(mine::contains).findFirst().orElse(owners.isEmpty() ? null : owners.get(0));
	}

}
