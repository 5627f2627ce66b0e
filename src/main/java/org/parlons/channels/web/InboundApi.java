package org.parlons.channels.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.conversations.Attachment;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.customers.CustomerProfiles;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API channel's inbound door: a company's system posts what its customers wrote.
 * Sending the same {@code externalId} again is safe: it answers the same ids with
 * {@code "duplicate": true}.
 */
@RestController
class InboundApi {

	private final Ingestion ingestion;

	private final ConversationAccess access;

	private final CustomerProfiles profiles;

	private final Clock clock;

	InboundApi(Ingestion ingestion, ConversationAccess access, CustomerProfiles profiles, Clock clock) {
		this.ingestion = ingestion;
		this.access = access;
		this.profiles = profiles;
		this.clock = clock;
	}

	/**
	 * Who wrote an inbound message, as the integration knows them.
	 *
	 * @param externalId the author's id in the integration (one customer per id and
	 * inbox)
	 * @param name their name, if known
	 * @param email an email address: it links them to the customer who already has it
	 * @param handle a handle on a network, "@name"
	 * @param phone a phone number, international or in the installation's region
	 */
	record AuthorBody(@NotBlank @Size(max = 300) String externalId, @Nullable @Size(max = 300) String name,
			@Nullable String email, @Nullable String handle, @Nullable String phone) {
	}

	/**
	 * A customer's message posted by an integration.
	 *
	 * @param externalId the message's id in the integration; the same id again stores
	 * nothing new
	 * @param author who wrote it
	 * @param text the text
	 * @param sentAt when it was written (ISO-8601 with offset); now when left out
	 * @param visibility "private" (default) or "public"
	 * @param inReplyTo the external id of the message it answers: it joins that
	 * conversation
	 * @param subject a subject, for a new conversation
	 * @param attachments files it carries, as metadata
	 */
	record InboundBody(@NotBlank @Size(max = 500) String externalId, @NotNull @Valid AuthorBody author,
			@NotNull @Size(max = InboundMessage.MAX_TEXT) String text, @Nullable OffsetDateTime sentAt,
			@Nullable String visibility, @Nullable @Size(max = 500) String inReplyTo,
			@Nullable @Size(max = 500) String subject, @Nullable List<Attachment> attachments) {
	}

	/**
	 * Where an inbound message was stored.
	 *
	 * @param conversationId its conversation (new or existing)
	 * @param messageId the stored message
	 * @param customerId its author's customer
	 * @param duplicate true when this external id was already stored: nothing new was
	 * kept
	 */
	record Accepted(long conversationId, long messageId, long customerId, boolean duplicate) {
	}

	/**
	 * Many inbound messages in one call.
	 *
	 * @param messages up to the batch limit, stored in one transaction
	 */
	record BatchBody(@NotNull @Size(min = 1, max = Ingestion.MAX_BATCH) List<@NotNull @Valid InboundBody> messages) {
	}

	/**
	 * Where each message of a batch was stored, in input order.
	 *
	 * @param items one answer per message
	 * @param stored how many were new
	 * @param duplicates how many were already stored
	 */
	record BatchAccepted(List<Accepted> items, long stored, long duplicates) {
	}

	/**
	 * Takes a customer message for an API inbox; {@code 202} with the conversation,
	 * message and customer ids. The same {@code externalId} again answers the same ids
	 * with {@code "duplicate": true} and stores nothing new.
	 */
	@Requires(Permission.INGEST)
	@PostMapping("/api/v1/inboxes/{inboxId}/inbound")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Accepted receive(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long inboxId,
			@Valid @RequestBody InboundBody body) {
		Inbox inbox = access.inbox(me, inboxId);
		return accepted(ingestion.receive(message(inbox, body, "")));
	}

	/**
	 * Many messages in one request and one transaction, for imports and busy
	 * integrations: all are stored or none (a bad one fails the whole batch with its
	 * position), answers in input order.
	 */
	@Requires(Permission.INGEST)
	@PostMapping("/api/v1/inboxes/{inboxId}/inbound/batch")
	@ResponseStatus(HttpStatus.ACCEPTED)
	BatchAccepted receiveAll(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long inboxId,
			@Valid @RequestBody BatchBody body) {
		Inbox inbox = access.inbox(me, inboxId);
		List<InboundMessage> batch = new ArrayList<>(body.messages().size());
		for (int i = 0; i < body.messages().size(); i++) {
			batch.add(message(inbox, body.messages().get(i), "messages[" + i + "]: "));
		}
		List<Accepted> items = ingestion.receiveAll(inbox.id(), batch).stream().map(InboundApi::accepted).toList();
		long duplicates = items.stream().filter(Accepted::duplicate).count();
		return new BatchAccepted(items, items.size() - duplicates, duplicates);
	}

	private InboundMessage message(Inbox inbox, InboundBody body, String where) {
		if (body.text().isBlank() && (body.attachments() == null || body.attachments().isEmpty())) {
			throw new IllegalArgumentException(where + "A message needs some text or an attachment");
		}
		try {
			return new InboundMessage(inbox.id(), body.externalId().strip(), author(inbox, body.author()), body.text(),
					body.sentAt() == null ? clock.instant() : body.sentAt().toInstant(),
					body.visibility() == null ? Visibility.PRIVATE : Visibility.fromApi(body.visibility()),
					body.inReplyTo(), body.subject(), body.attachments() == null ? List.of() : body.attachments());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ex.getMessage(), ex);
		}
	}

	private static Accepted accepted(Ingestion.Received received) {
		return new Accepted(received.conversationId(), received.messageId(), received.customerId(),
				received.duplicate());
	}

	private Author author(Inbox inbox, AuthorBody a) {
		List<Identity> identities = new ArrayList<>();
		identities.add(Identity.external("inbox:" + inbox.id(), a.externalId()));
		if (a.email() != null && !a.email().isBlank()) {
			identities.add(Identity.email(a.email()));
		}
		if (a.phone() != null && !a.phone().isBlank()) {
			identities.add(Identity.phone(a.phone(), profiles.defaultRegion()));
		}
		if (a.handle() != null && !a.handle().isBlank()) {
			String network = inbox.setting("network");
			identities.add(Identity.handle(network.isBlank() ? inbox.channel() : network, a.handle()));
		}
		return new Author(a.name() == null || a.name().isBlank() ? null : a.name().strip(), identities);
	}

}
