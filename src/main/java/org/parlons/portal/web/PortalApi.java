package org.parlons.portal.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Ingestion;
import org.parlons.platform.InvalidRequestException;
import org.parlons.knowledge.Answers;
import org.parlons.portal.Contracts;
import org.parlons.portal.PortalCustomer;
import org.parlons.portal.PortalPreferences;
import org.parlons.portal.PortalRequests;
import org.parlons.portal.PortalSignIn;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer space as JSON, for the customer signed in by their session cookie: their
 * requests and what was said in them, replies and new requests, satisfaction, contracts,
 * consumption and their own preferences.
 */
@RestController
@RequestMapping("/portal/api/v1")
class PortalApi {

	private final PortalSignIn signIn;

	private final PortalRequests requests;

	private final Contracts contracts;

	private final PortalPreferences preferences;

	private final PortalLinks links;

	private final Answers answers;

	private final org.parlons.portal.MyData myData;

	PortalApi(PortalSignIn signIn, PortalRequests requests, Contracts contracts, PortalPreferences preferences,
			PortalLinks links, Answers answers, org.parlons.portal.MyData myData) {
		this.myData = myData;
		this.answers = answers;
		this.signIn = signIn;
		this.requests = requests;
		this.contracts = contracts;
		this.preferences = preferences;
		this.links = links;
	}

	/**
	 * An address to mail a sign-in link to.
	 *
	 * @param email the customer's address
	 */
	record SignInRequest(@Nullable String email) {
	}

	/**
	 * A message of the customer.
	 *
	 * @param text 1 to 20,000 characters
	 */
	record Text(@NotNull String text) {
	}

	/**
	 * A new request.
	 *
	 * @param subject what it is about, 1 to 300 characters
	 * @param text the first message
	 */
	record NewRequest(@NotNull String subject, @NotNull String text) {
	}

	/**
	 * A rating of the latest resolution.
	 *
	 * @param score 1 (very unhappy) to 5 (very happy)
	 * @param comment what the customer adds, up to 2,000 characters
	 */
	record Rating(@NotNull Integer score, @Nullable String comment) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * Mails a sign-in link if the address is a customer's; answers 202 whatever it is, at
	 * once.
	 */
	@PostMapping("/sign-in")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> signIn(@RequestBody SignInRequest body, HttpServletRequest request, Locale locale) {
		if (body.email() != null && body.email().length() <= 320) {
			signIn.mailLink(body.email(), links.base(request), locale);
		}
		return Map.of("status", "accepted");
	}

	/** Ends the session. */
	@PostMapping("/sign-out")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void signOut(HttpServletRequest request, HttpServletResponse response) {
		links.signOut(request, response);
	}

	@GetMapping("/requests")
	Items<PortalRequests.Request> requests(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(requests.list(me));
	}

	@GetMapping("/requests/{id}")
	PortalRequests.Request request(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id) {
		return requests.one(me, id);
	}

	@GetMapping("/requests/{id}/messages")
	Items<PortalRequests.Line> messages(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id) {
		return new Items<>(requests.thread(me, id));
	}

	@PostMapping("/requests/{id}/messages")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Long> reply(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id, @RequestBody Text body) {
		Ingestion.Received received = requests.reply(me, id, body.text());
		return Map.of("id", received.messageId(), "requestId", received.conversationId());
	}

	@PostMapping("/requests")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Long> open(@AuthenticationPrincipal PortalCustomer me, @RequestBody NewRequest body) {
		Ingestion.Received received = requests.open(me, body.subject(), body.text());
		return Map.of("id", received.conversationId(), "messageId", received.messageId());
	}

	@PostMapping("/requests/{id}/rating")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> rate(@AuthenticationPrincipal PortalCustomer me, @PathVariable long id,
			@RequestBody Rating body) {
		try {
			var survey = requests.rate(me, id, body.score(), body.comment());
			return Map.of("id", survey.id(), "score", body.score());
		}
		catch (IllegalStateException ex) {
			throw InvalidRequestException.from(ex);
		}
	}

	/**
	 * A published answer, as customers read it.
	 *
	 * @param id its number
	 * @param language "fr" or "en"
	 * @param title the question it answers
	 * @param body the answer
	 */
	record PublishedAnswer(long id, String language, String title, String body) {

		static PublishedAnswer of(Answers.Answer a) {
			return new PublishedAnswer(a.id(), a.language(), a.title(), a.body());
		}

	}

	/**
	 * The team's published answers in the customer's language (their choice, else
	 * {@code language}, else their browser's), those matching {@code q} first: what to
	 * read before asking.
	 */
	@GetMapping("/answers")
	Items<PublishedAnswer> answers(@AuthenticationPrincipal PortalCustomer me,
			@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String language, Locale locale) {
		String lang = language != null ? language : PortalAnswers.languageOf(preferences, requests, me, locale);
		return new Items<>(answers.search(q, lang, 20).stream().map(PublishedAnswer::of).toList());
	}

	/** One published answer; a draft answers 404. */
	@GetMapping("/answers/{id}")
	PublishedAnswer answer(@PathVariable long id) {
		return answers.published(id)
			.map(PublishedAnswer::of)
			.orElseThrow(() -> new org.parlons.platform.NotFoundException("No answer " + id));
	}

	/**
	 * The customer's whole record as JSON, to download: profile and merged profiles,
	 * identities, consents, every request of theirs with what they wrote and were sent,
	 * ratings, contracts, consumption, preferences, organisation.
	 */
	@GetMapping("/my-data")
	org.springframework.http.ResponseEntity<Map<String, Object>> myData(@AuthenticationPrincipal PortalCustomer me) {
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"my-data.json\"")
			.body(myData.of(me));
	}

	@GetMapping("/contracts")
	Items<Contracts.Contract> contracts(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(contracts.ofCustomer(me.customerId()));
	}

	@GetMapping("/consumption")
	Items<Contracts.Consumption> consumption(@AuthenticationPrincipal PortalCustomer me) {
		return new Items<>(contracts.consumptionOf(requests.profilesOf(me)));
	}

	@GetMapping("/preferences")
	PortalPreferences.Preferences preferences(@AuthenticationPrincipal PortalCustomer me) {
		return preferences.of(requests.currentOf(me));
	}

	@PutMapping("/preferences")
	PortalPreferences.Preferences choose(@AuthenticationPrincipal PortalCustomer me,
			@RequestBody PortalPreferences.Preferences body) {
		return preferences.save(requests.currentOf(me), body);
	}

}
