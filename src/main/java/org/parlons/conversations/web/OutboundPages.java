package org.parlons.conversations.web;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.conversations.ConversationAccess;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Message;
import org.parlons.conversations.Outbound;
import org.parlons.customers.Customer;
import org.parlons.customers.Customers;
import org.parlons.customers.Identity;
import org.parlons.platform.ErrorDetails;
import org.parlons.platform.InvalidRequestException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The form where an agent writes first: an inbox that can (email, SMS, WhatsApp), a
 * customer on file or an address, and the first message. Refused, it comes back with what
 * the agent typed and why, in their language.
 */
@Controller
class OutboundPages {

	/** An inbox the agent may write first from, and what its channel addresses. */
	public record Choice(Inbox inbox, String addressedBy) {

		public long id() {
			return inbox.id();
		}

		public String name() {
			return inbox.name();
		}

		public String channel() {
			return inbox.channel();
		}

	}

	/** What the agent typed, shown again when the start is refused. */
	public record Draft(@Nullable Long inboxId, String to, String name, String subject, String text) {
	}

	private final Outbound outbound;

	private final Inboxes inboxes;

	private final ConversationAccess access;

	private final Customers customers;

	OutboundPages(Outbound outbound, Inboxes inboxes, ConversationAccess access, Customers customers) {
		this.outbound = outbound;
		this.inboxes = inboxes;
		this.access = access;
		this.customers = customers;
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@GetMapping("/inbox/new")
	String form(@AuthenticationPrincipal AgentPrincipal me, @RequestParam @Nullable Long customerId,
			@RequestParam @Nullable Long inboxId, Model model) {
		return show(me, customerId, new Draft(inboxId, "", "", "", ""), model);
	}

	@Requires(Permission.WORK_CONVERSATIONS)
	@PostMapping("/inbox/new")
	String start(@AuthenticationPrincipal AgentPrincipal me, @RequestParam long inboxId,
			@RequestParam @Nullable Long customerId, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "false") boolean acceptWarnings,
			Model model) {
		try {
			Message first = outbound.start(me,
					new Outbound.Start(inboxId, customerId, to, name, subject, text, null, acceptWarnings));
			return "redirect:/inbox?status=all&open=" + first.conversationId();
		}
		catch (ErrorResponseException | IllegalArgumentException ex) {
			List<String> warnings = InvalidRequestException.warningsOf(ex);
			if (warnings.isEmpty()) {
				model.addAttribute("error", ErrorDetails.of(ex));
			}
			model.addAttribute("warnings", warnings);
			return show(me, customerId, new Draft(inboxId, to, name, subject, text), model);
		}
	}

	private String show(AgentPrincipal me, @Nullable Long customerId, Draft draft, Model model) {
		List<Choice> choices = inboxes.visible(access.scope(me))
			.stream()
			.flatMap(i -> outbound.addressedBy(i).map(kind -> new Choice(i, kind.api())).stream())
			.toList();
		Optional<Customer> customer = customerId == null ? Optional.empty()
				: customers.findById(customers.current(customerId));
		model.addAttribute("choices", choices);
		model.addAttribute("customer", customer.orElse(null));
		model.addAttribute("ownAddresses", customer.map(OutboundPages::addresses).orElse(""));
		model.addAttribute("draft", draft);
		return "conversations/new";
	}

	/** The customer's own email addresses and phone numbers, as the form lists them. */
	private static String addresses(Customer customer) {
		return customer.identities()
			.stream()
			.map(Customer.StoredIdentity::identity)
			.filter(i -> i.kind() == Identity.Kind.EMAIL || i.kind() == Identity.Kind.PHONE)
			.map(Identity::value)
			.collect(java.util.stream.Collectors.joining(", "));
	}

}
