package org.parlons.channels.widget;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.InboxScope;
import org.parlons.conversations.AgentPresence;
import org.parlons.conversations.ConversationFilter;
import org.parlons.conversations.ConversationList;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Message;
import org.parlons.conversations.Messages;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.CustomerResolver;
import org.parlons.customers.Identity;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the web chat widget calls from the company's site: open a session (a new visitor,
 * or a returning one with their signed token), send a message, leave an email, follow
 * replies live. Open to the internet, so: signed visitor tokens, optional identity
 * verification (the site signs its user id with the inbox's identity secret), short texts
 * and flood limits per visitor and per address.
 */
@RestController
@RequestMapping("/widget/api/{publicToken}")
class WidgetApi {

	static final int MAX_TEXT = 5_000;

	private final WidgetChannelConnector connector;

	private final WidgetVisitors visitors;

	private final WidgetStreams streams;

	private final Ingestion ingestion;

	private final CustomerResolver resolver;

	private final CustomerProfiles profiles;

	private final ConversationList conversations;

	private final Messages messages;

	private final AgentPresence presence;

	private final FloodGuard flood;

	private final WidgetSurveys surveys;

	private final TransactionTemplate tx;

	private final Clock clock;

	WidgetApi(WidgetChannelConnector connector, WidgetVisitors visitors, WidgetStreams streams, Ingestion ingestion,
			CustomerResolver resolver, CustomerProfiles profiles, ConversationList conversations, Messages messages,
			AgentPresence presence, FloodGuard flood, WidgetSurveys surveys, TransactionTemplate tx, Clock clock) {
		this.surveys = surveys;
		this.connector = connector;
		this.visitors = visitors;
		this.streams = streams;
		this.ingestion = ingestion;
		this.resolver = resolver;
		this.profiles = profiles;
		this.conversations = conversations;
		this.messages = messages;
		this.presence = presence;
		this.flood = flood;
		this.tx = tx;
		this.clock = clock;
	}

	record SessionBody(@Nullable String visitorToken, @Nullable @Size(max = 300) String userId,
			@Nullable String userHash, @Nullable @Size(max = 200) String name,
			@Nullable @Size(max = 320) String email) {
	}

	record HistoryItem(long id, String direction, String text, @Nullable String authorName, String sentAt) {
	}

	/**
	 * A visitor's session.
	 *
	 * @param survey the question of the visitor's latest resolution while it waits for an
	 * answer: the widget shows its buttons
	 */
	record Session(String visitorToken, String inboxName, @Nullable String welcome, boolean agentsOnline,
			@Nullable String email, List<HistoryItem> messages, @Nullable Survey survey) {
	}

	/**
	 * A satisfaction survey the web chat shows.
	 *
	 * @param conversationId the resolved conversation it asks about
	 * @param expiresAt until when it can be answered
	 */
	record Survey(long conversationId, String expiresAt) {
	}

	/**
	 * A visitor's rating of their latest resolution.
	 *
	 * @param score 1 (very unhappy) to 5 (very happy)
	 * @param comment what the visitor adds, up to 2,000 characters
	 */
	record RatingBody(@NotNull Integer score, @Nullable String comment) {
	}

	record MessageBody(@NotBlank @Size(max = MAX_TEXT) String text, @Nullable @Size(max = 64) String clientId) {
	}

	record EmailBody(@NotBlank @Size(max = 320) String email) {
	}

	/**
	 * Starts or resumes a web chat visitor session for the widget of a public token;
	 * answers the visitor token and the history (sent replies only).
	 */
	@PostMapping("/session")
	ResponseEntity<?> session(@PathVariable String publicToken, @RequestBody(required = false) @Valid SessionBody body,
			HttpServletRequest request) {
		Inbox inbox = inbox(publicToken);
		SessionBody b = body == null ? new SessionBody(null, null, null, null, null) : body;
		if (!flood.allow(flood.addressSessions, request.getRemoteAddr())) {
			return tooMany();
		}
		String verifiedUser = null;
		if (b.userId() != null && !b.userId().isBlank()) {
			String expected = WidgetVisitors.hmac(inbox.setting(WidgetChannelConnector.IDENTITY_SECRET), b.userId());
			if (b.userHash() == null || !org.parlons.platform.Crypto.sameText(expected, b.userHash())) {
				throw InvalidRequestException.forbidden("userHash does not match userId: identity not verified");
			}
			verifiedUser = b.userId();
		}
		else if ("true".equals(inbox.setting(WidgetChannelConnector.REQUIRE_IDENTITY))) {
			throw InvalidRequestException.forbidden("this chat needs a verified user (userId and userHash)");
		}
		String secret = inbox.setting(WidgetChannelConnector.VISITOR_SECRET);
		Optional<WidgetVisitors.Visitor> known = WidgetVisitors.keyOf(secret, inbox.id(), b.visitorToken())
			.flatMap(key -> visitors.find(inbox.id(), key));
		if (verifiedUser != null && known.isPresent() && !verifiedUser.equals(known.get().verifiedUser())) {
			known = Optional.empty(); // another person signed in on this browser
		}
		WidgetVisitors.Visitor visitor = known.orElseGet(() -> {
			String key = WidgetVisitors.newKey();
			String user = b.userId() != null && !b.userId().isBlank() ? b.userId() : null;
			tx.executeWithoutResult(status -> {
				List<Identity> identities = new ArrayList<>();
				identities.add(user != null ? Identity.external("site:" + inbox.id(), user)
						: Identity.external(Identity.ANONYMOUS_PREFIX + inbox.id(), key));
				long customer = resolver.resolve(new Author(b.name(), identities));
				visitors.create(inbox.id(), key, customer, user);
			});
			return visitors.find(inbox.id(), key).orElseThrow();
		});
		visitors.seen(visitor.id());
		if (b.email() != null && !b.email().isBlank() && visitor.email() == null) {
			leaveEmail(visitor, b.email());
			visitor = visitors.find(inbox.id(), visitor.key()).orElseThrow();
		}
		String welcome = inbox.setting("welcome");
		return ResponseEntity.ok(new Session(WidgetVisitors.token(secret, inbox.id(), visitor.key()), inbox.name(),
				welcome.isBlank() ? null : welcome, presence.anyoneWatching(inbox.id()), visitor.email(),
				history(inbox.id(), visitor.customerId()),
				surveys.waiting(inbox.id(), visitor.customerId())
					.map(w -> new Survey(w.conversationId(), w.expiresAt().toString()))
					.orElse(null)));
	}

	/**
	 * Rates the visitor's latest resolution, once: 201, or 409 when there is none to rate
	 * (answered already, expired, or nothing resolved).
	 */
	@PostMapping("/rating")
	ResponseEntity<?> rate(@PathVariable String publicToken,
			@RequestHeader(name = "X-Visitor-Token", required = false) @Nullable String token,
			@Valid @RequestBody RatingBody body) {
		Inbox inbox = inbox(publicToken);
		WidgetVisitors.Visitor visitor = visitor(inbox, token);
		try {
			var rated = surveys.rate(inbox.id(), visitor.customerId(), body.score(), body.comment());
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.of("conversationId", rated.conversationId(), "score", body.score()));
		}
		catch (IllegalStateException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/** A visitor's message from the web chat. */
	@PostMapping("/messages")
	ResponseEntity<?> send(@PathVariable String publicToken,
			@RequestHeader(name = "X-Visitor-Token", required = false) @Nullable String token,
			@Valid @RequestBody MessageBody body, HttpServletRequest request) {
		Inbox inbox = inbox(publicToken);
		WidgetVisitors.Visitor visitor = visitor(inbox, token);
		if (!flood.allow(flood.visitorMessages, Long.toString(visitor.id()), flood.addressMessages,
				request.getRemoteAddr())) {
			return tooMany();
		}
		List<Identity> identities = new ArrayList<>();
		identities.add(visitor.verifiedUser() != null ? Identity.external("site:" + inbox.id(), visitor.verifiedUser())
				: Identity.external(Identity.ANONYMOUS_PREFIX + inbox.id(), visitor.key()));
		String clientId = body.clientId() == null || body.clientId().isBlank() ? java.util.UUID.randomUUID().toString()
				: body.clientId().strip();
		var received = ingestion.receive(
				new InboundMessage(inbox.id(), "widget:" + visitor.key() + ":" + clientId, new Author(null, identities),
						body.text().strip(), clock.instant(), Visibility.PRIVATE, null, null, List.of()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(Map.of("messageId", received.messageId(), "conversationId", received.conversationId(), "duplicate",
					received.duplicate(), "agentsOnline", presence.anyoneWatching(inbox.id())));
	}

	/** The address a visitor leaves to be answered by email. */
	@PostMapping("/email")
	Map<String, Object> email(@PathVariable String publicToken,
			@RequestHeader(name = "X-Visitor-Token", required = false) @Nullable String token,
			@Valid @RequestBody EmailBody body) {
		Inbox inbox = inbox(publicToken);
		WidgetVisitors.Visitor visitor = visitor(inbox, token);
		leaveEmail(visitor, body.email());
		return Map.of("email", Identity.email(body.email()).value());
	}

	/** The visitor's live stream: replies once sent, typing, whether someone is there. */
	@GetMapping(path = "/events", produces = "text/event-stream")
	SseEmitter events(@PathVariable String publicToken, @RequestParam("v") String token) {
		Inbox inbox = inbox(publicToken);
		return streams.open(inbox.id(), visitor(inbox, token).customerId());
	}

	private void leaveEmail(WidgetVisitors.Visitor visitor, String address) {
		Identity email = Identity.email(address);
		visitors.leaveEmail(visitor.id(), email.value());
		try {
			// Attached to the profile only while no one else holds it: a visitor's word
			// is not proof.
			profiles.addIdentity(visitor.customerId(), email, null);
		}
		catch (InvalidRequestException taken) {
			// kept on the visitor for answers by email; an agent may merge the profiles
		}
	}

	private List<HistoryItem> history(long inboxId, long customerId) {
		List<Message> all = new ArrayList<>();
		var filter = new ConversationFilter(inboxId, null, null, null, false, null, null, customerId);
		conversations.list(filter, InboxScope.ALL, 0, 20)
			.items()
			.forEach(c -> all.addAll(messages.ofConversation(c.id())));
		// what the visitor was sent, never a reply still queued, held for approval,
		// rejected or failed
		all.removeIf(m -> !m.inbound() && !m.status().reachedCustomer());
		all.sort(Comparator.comparing(Message::sentAt).thenComparing(Message::id));
		List<Message> last = all.size() > 100 ? all.subList(all.size() - 100, all.size()) : all;
		return last.stream()
			.map(m -> new HistoryItem(m.id(), m.direction(), m.text(), m.inbound() ? null : m.authorName(),
					m.sentAt().toString()))
			.toList();
	}

	private Inbox inbox(String publicToken) {
		return connector.byPublicToken(publicToken).orElseThrow(() -> new NotFoundException("No chat for this token"));
	}

	private WidgetVisitors.Visitor visitor(Inbox inbox, @Nullable String token) {
		return WidgetVisitors.keyOf(inbox.setting(WidgetChannelConnector.VISITOR_SECRET), inbox.id(), token)
			.flatMap(key -> visitors.find(inbox.id(), key))
			.orElseThrow(
					() -> InvalidRequestException.forbidden("unknown or forged visitor token: open a session first"));
	}

	private ResponseEntity<ProblemDetail> tooMany() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many messages at once: wait a moment before sending more.");
		problem.setType(URI.create("https://parlons.org/problems/too-many-requests"));
		problem.setTitle("Too many requests");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", Long.toString(flood.retryAfterSeconds()))
			.body(problem);
	}

}
