package org.parlons.segments.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.InvalidRequestException;
import org.parlons.platform.NotFoundException;
import org.parlons.segments.Scores;
import org.parlons.segments.Segments;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segments and scores: made and read by whoever keeps them; a customer's segments and
 * scores read by whoever may read their conversations.
 */
@RestController
@RequestMapping("/api/v1")
@Requires(Permission.MANAGE_SEGMENTS)
class SegmentsApi {

	private final Segments segments;

	private final Scores scores;

	private final Customers customers;

	SegmentsApi(Segments segments, Scores scores, Customers customers) {
		this.segments = segments;
		this.scores = scores;
		this.customers = customers;
	}

	/**
	 * A new segment.
	 *
	 * @param name its name, unique
	 * @param condition who belongs, in the condition language
	 * @param kind "dynamic" (the default: kept up to date as things happen) or "snapshot"
	 * (evaluated once, for a campaign)
	 * @param purpose "profiling" (the default: customers who objected to profiling are
	 * left out) or "necessary" (the profile and contracts only)
	 */
	record NewSegment(@NotNull String name, @NotNull String condition, @Nullable String kind,
			@Nullable String purpose) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * A member.
	 *
	 * @param customerId the customer
	 */
	record Member(long customerId) {
	}

	/**
	 * A page of members.
	 *
	 * @param items the members, by customer number
	 * @param total how many there are in all
	 */
	record MemberPage(List<Member> items, long total) {
	}

	/**
	 * A new score.
	 *
	 * @param name its name, as conditions read it ({@code score.loyalty})
	 * @param halfLife how long until a point is worth half ("P30D", "30d"), none for no
	 * decay
	 * @param cap the most it is worth, none for no cap
	 * @param rules what earns points:
	 * {@code {"event": "message"|"conversation"|"rating"|"mention", "channel"?,
	 * "minRating"?, "points", "per": "always"|"once"|"P1D"}}
	 * @param thresholds what happens at a value: {@code {"at", "tag"?, "segmentId"?,
	 * "notify"?}}
	 */
	record NewScore(@NotNull String name, @Nullable String halfLife, @Nullable Double cap,
			@NotNull List<Map<String, Object>> rules, @Nullable List<Map<String, Object>> thresholds) {
	}

	/**
	 * Something made.
	 *
	 * @param id its number
	 */
	record Created(long id) {
	}

	/**
	 * Makes a segment and evaluates it over the whole base before answering.
	 *
	 * <p>
	 * The condition language: comparisons of a customer's facts joined by {@code and},
	 * {@code or}, {@code not} and parentheses; a comparison is
	 * {@code fact[(argument = "value", …)] operator value}, the operator one of
	 * {@code = != < <= > >= contains}, the value a "quoted text" or a number. Windows
	 * ({@code within}) are "30d", "12h" or ISO 8601 ("P30D").
	 * <ul>
	 * <li>Profile (not profiling): {@code attribute.<key>} (a text, compared as a number
	 * when both sides are numbers), {@code tag}, {@code identity} (namespaces: email,
	 * phone, x…), {@code organisation} (names) — for a set, {@code =} means "holds",
	 * {@code !=} "does not hold"; {@code contracts(status)} (a count).</li>
	 * <li>Behaviour (profiling): {@code messages(channel, within)},
	 * {@code conversations(channel, within)}, {@code breaches(within)} (service levels
	 * missed), {@code csat(within)} (average rating 1–5, no comparison holds without a
	 * rating), {@code consumption(metric, within)}.</li>
	 * <li>Listening (profiling): {@code mentions(within)}, {@code tonality(within)}
	 * (average, -1 to 1), {@code influence} (90 days), {@code topic(within)}.</li>
	 * <li>Programmes and scores (profiling): {@code programme} (active memberships, by
	 * name), {@code score.<name>} (decayed to now).</li>
	 * </ul>
	 * Example:
	 * {@code messages(channel = "email", within = "30d") >= 3 and not tag = "vip"
	 * and (attribute.city = "Lyon" or csat(within = "90d") < 3)}. 422 with the character
	 * where the text stops making sense; 409 when the name is taken.
	 */
	@PostMapping("/segments")
	@ResponseStatus(HttpStatus.CREATED)
	Segments.Segment create(@AuthenticationPrincipal AgentPrincipal me, @RequestBody NewSegment body) {
		return InvalidRequestException.answering(
				() -> segments.create(body.name(), body.condition(), body.kind() == null ? "dynamic" : body.kind(),
						body.purpose() == null ? "profiling" : body.purpose(), me.id()));
	}

	/** Every segment with its number of members. */
	@GetMapping("/segments")
	Items<Segments.Segment> all() {
		return new Items<>(segments.all());
	}

	/** One segment; 404 when there is none. */
	@GetMapping("/segments/{id}")
	Segments.Segment one(@PathVariable long id) {
		return InvalidRequestException.answering(() -> segments.get(id));
	}

	/** Deletes a segment; its history of entries and exits stays. */
	@DeleteMapping("/segments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		InvalidRequestException.answering(() -> {
			segments.delete(id);
			return null;
		});
	}

	/** The members, by customer number ({@code offset}, {@code limit} up to 1000). */
	@GetMapping("/segments/{id}/members")
	MemberPage members(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > 1000) {
			throw InvalidRequestException.said("segment.page", "offset from 0, limit from 1 to 1000");
		}
		Segments.Members page = InvalidRequestException.answering(() -> segments.members(id, offset, limit));
		return new MemberPage(page.customerIds().stream().map(Member::new).toList(), page.total());
	}

	/** The latest entries and exits, with their cause. */
	@GetMapping("/segments/{id}/history")
	Items<Segments.Change> history(@PathVariable long id) {
		InvalidRequestException.answering(() -> segments.get(id));
		return new Items<>(segments.history(id, 200));
	}

	/** Why a customer is in the segment or not: each comparison with their value. */
	@GetMapping("/segments/{id}/explanations/{customerId}")
	Items<Segments.Reason> explain(@PathVariable long id, @PathVariable long customerId) {
		requireCustomer(customerId);
		return new Items<>(InvalidRequestException.answering(() -> segments.explain(id, customerId)));
	}

	/** Evaluates the segment over the whole base again; answers it. */
	@PostMapping("/segments/{id}/evaluation")
	Segments.Segment evaluate(@PathVariable long id) {
		InvalidRequestException.answering(() -> segments.evaluateAll(id, "asked"));
		return segments.get(id);
	}

	/** The segments a customer is in, and their entries and exits. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/customers/{id}/segments")
	Items<Segments.Segment> ofCustomer(@PathVariable long id) {
		requireCustomer(id);
		return new Items<>(segments.of(id));
	}

	/** A customer's scores, decayed to now; none for one who objected to profiling. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/customers/{id}/scores")
	Map<String, Double> scoresOf(@PathVariable long id) {
		requireCustomer(id);
		return scores.of(id);
	}

	/**
	 * Makes a score; 422 with what is wrong in a rule or threshold, 409 when the name is
	 * taken.
	 */
	@PostMapping("/scores")
	@ResponseStatus(HttpStatus.CREATED)
	Created createScore(@RequestBody NewScore body) {
		return new Created(InvalidRequestException.answering(() -> scores.create(body.name(), body.halfLife(),
				body.cap(), body.rules(), body.thresholds() == null ? List.of() : body.thresholds())));
	}

	/** Every score with its rules and thresholds. */
	@GetMapping("/scores")
	Items<Scores.View> allScores() {
		return new Items<>(scores.all());
	}

	/** Deletes a score and its points. */
	@DeleteMapping("/scores/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteScore(@PathVariable long id) {
		scores.delete(id);
	}

	private void requireCustomer(long id) {
		if (customers.findById(id).isEmpty()) {
			throw new NotFoundException("No customer " + id);
		}
	}

}
