package org.parlons.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.ConversationFacts;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.springframework.stereotype.Service;

/**
 * Service-level timers of a conversation, from its inbox's policy
 * ({@code "sla": {"firstResponse": "PT2H", "nextResponse": "PT4H", "resolution":
 * "PT40H"}}, each optional) counted in its business hours ({@code "businessHours"}, open
 * all the time when absent). A timer is running, met or breached; a running one warns
 * when less than a fifth of its target is left.
 */
@Service
public class ServiceLevels {

	/**
	 * A service-level clock of a conversation.
	 *
	 * @param name "firstResponse", "nextResponse" or "resolution"
	 * @param target the inbox's target (ISO-8601 duration)
	 * @param dueAt when it falls due, in business hours
	 * @param state "running", "warning" (less than a fifth of the target left), "met" or
	 * "breached"
	 * @param businessTimeLeft business time left until it falls due
	 */
	public record Timer(String name, Duration target, Instant dueAt, String state, Duration businessTimeLeft) {
	}

	private final ConversationFacts facts;

	private final Inboxes inboxes;

	private final Clock clock;

	ServiceLevels(ConversationFacts facts, Inboxes inboxes, Clock clock) {
		this.facts = facts;
		this.inboxes = inboxes;
		this.clock = clock;
	}

	public List<Timer> of(long conversationId) {
		var c = facts.clockOf(conversationId).orElseThrow();
		Inbox inbox = inboxes.findById(c.inboxId()).orElseThrow();
		Map<String, Object> sla = forPriority(inbox, c.priority());
		if (sla.isEmpty() || c.automatedOnly()) {
			return List.of();
		}
		BusinessHours hours = hours(inbox);
		Instant now = clock.instant();
		List<Timer> timers = new ArrayList<>();
		if (!c.startedByAgent()) {
			// an agent who writes first owes nobody a first response
			duration(sla, "firstResponse").ifPresent(
					target -> timers.add(timer("firstResponse", target, hours, c.createdAt(), c.firstReplyAt(), now)));
		}
		duration(sla, "nextResponse").ifPresent(target -> {
			// The customer wrote after our last answer: a next answer is owed.
			if (c.firstReplyAt() != null && c.lastIncomingAt() != null && c.lastReplyAt() != null
					&& c.lastIncomingAt().isAfter(c.lastReplyAt())) {
				timers.add(timer("nextResponse", target, hours, c.lastIncomingAt(), null, now));
			}
		});
		duration(sla, "resolution").ifPresent(target -> timers.add(timer("resolution", target, hours, c.createdAt(),
				"RESOLVED".equals(c.status()) ? c.resolvedAt() : null, now)));
		return timers;
	}

	/**
	 * The inbox's timers for a conversation of this priority: the inbox's own, with those
	 * its {@code byPriority} entry for the priority overrides.
	 */
	static Map<String, Object> forPriority(Inbox inbox, String priority) {
		Map<String, Object> sla = new java.util.LinkedHashMap<>(map(inbox.settings().get("sla")));
		Object byPriority = sla.remove("byPriority");
		if (byPriority instanceof Map<?, ?> overrides
				&& overrides.get(priority.toLowerCase(java.util.Locale.ROOT)) instanceof Map<?, ?> own) {
			own.forEach((k, v) -> sla.put(String.valueOf(k), v));
		}
		return sla;
	}

	/** The inbox's first-response target for a priority, when it has one. */
	public static Optional<Duration> firstResponse(Inbox inbox, String priority) {
		return duration(forPriority(inbox, priority), "firstResponse");
	}

	/**
	 * The zone of the business hours an inbox declares (UTC when they name none); empty
	 * when it declares none.
	 */
	public static Optional<ZoneId> zone(Inbox inbox) {
		Map<String, Object> declared = map(inbox.settings().get("businessHours"));
		return declared.isEmpty() ? Optional.empty() : Optional.of(BusinessHours.parse(declared).zone());
	}

	/** The business hours an inbox declares; open all the time when it declares none. */
	public static BusinessHours hours(Inbox inbox) {
		Map<String, Object> declared = map(inbox.settings().get("businessHours"));
		return declared.isEmpty() ? BusinessHours.always(ZoneId.of("UTC")) : BusinessHours.parse(declared);
	}

	private static Timer timer(String name, Duration target, BusinessHours hours, Instant start, @Nullable Instant done,
			Instant now) {
		Instant due = hours.plus(start, target);
		if (done != null) {
			return new Timer(name, target, due, done.isAfter(due) ? "breached" : "met", Duration.ZERO);
		}
		if (now.isAfter(due)) {
			return new Timer(name, target, due, "breached", Duration.ZERO);
		}
		Duration left = hours.between(now, due);
		return new Timer(name, target, due, left.compareTo(target.dividedBy(5)) < 0 ? "warning" : "running", left);
	}

	private static Optional<Duration> duration(Map<String, Object> sla, String key) {
		Object value = sla.get(key);
		if (value == null || value.toString().isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.parse(value.toString()));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("sla." + key + " is an ISO-8601 duration such as PT2H, not " + value);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

}
