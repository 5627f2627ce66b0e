package org.parlons.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.AgentNotices;
import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.CustomerProfiles;
import org.parlons.customers.Customers;
import org.parlons.platform.Refusals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named scores earned from what customers do: each rule gives points for an event (every
 * time, once, or at most once per window), each point halves every half-life, the total
 * is capped; thresholds act once when reached (tag the customer, add them to a segment,
 * tell the agent of their latest conversation) and again after the score fell below. A
 * customer who objected to profiling earns nothing and has no score.
 */
@Service
public class Scores {

	/** The events a rule may score. */
	static final Set<String> EVENTS = Set.of("message", "conversation", "rating", "mention");

	/** A score as the API shows it. */
	public record View(long id, String name, @Nullable String halfLife, @Nullable Double cap, List<Object> rules,
			List<Object> thresholds, Instant createdAt) {
	}

	private final ScorePoints points;

	private final Customers customers;

	private final CustomerProfiles profiles;

	private final CustomerActivity activity;

	private final Segments segments;

	private final AgentNotices notices;

	private final Clock clock;

	Scores(ScorePoints points, Customers customers, CustomerProfiles profiles, CustomerActivity activity,
			Segments segments, AgentNotices notices, Clock clock) {
		this.points = points;
		this.customers = customers;
		this.profiles = profiles;
		this.activity = activity;
		this.segments = segments;
		this.notices = notices;
		this.clock = clock;
	}

	/** A new score, its rules and thresholds checked. */
	@Transactional
	public long create(String name, @Nullable String halfLife, @Nullable Double cap, List<Map<String, Object>> rules,
			List<Map<String, Object>> thresholds) {
		String clean = name.strip().toLowerCase(Locale.ROOT);
		if (!clean.matches("[a-z][a-z0-9_-]{0,59}")) {
			throw Refusals.invalid("score.name", "A score's name is 1 to 60 lower-case letters, digits, - or _");
		}
		if (points.byName(clean).isPresent()) {
			throw Refusals.conflict("score.exists", "There is already a score named " + clean, clean);
		}
		if (rules.isEmpty() || rules.size() > 50) {
			throw Refusals.invalid("score.rules", "A score has between 1 and 50 rules");
		}
		if (cap != null && !(cap > 0)) {
			throw Refusals.invalid("score.cap", "A score's cap is above 0");
		}
		Duration life = halfLife == null || halfLife.isBlank() ? null : ConditionParser.duration(halfLife);
		List<ScorePoints.Rule> parsed = rules.stream().map(Scores::rule).toList();
		List<ScorePoints.Threshold> levels = thresholds.stream().map(this::threshold).toList();
		return points.create(clean, life, cap, parsed, levels);
	}

	public List<View> all() {
		return points.all().stream().map(Scores::view).toList();
	}

	@Transactional
	public void delete(long id) {
		points.delete(id);
	}

	/**
	 * The customer's value of each score, decayed to now; none for one who objected to
	 * profiling.
	 */
	public Map<String, Double> of(long customerId) {
		long current = customers.current(customerId);
		Map<String, Double> values = new java.util.TreeMap<>();
		var rights = customers.rights(current);
		if (rights.profilingObjectedAt() != null || rights.restrictedAt() != null) {
			return values;
		}
		for (ScorePoints.Score score : points.all()) {
			Object value = points.values(score.name(), List.of(current)).get(current);
			values.put(score.name(), value == null ? 0 : (Double) value);
		}
		return values;
	}

	/**
	 * Scores an event for a customer profile in every score with a rule for it:
	 * {@code key} names the event ("message:42") so that a second delivery earns nothing.
	 */
	@Transactional
	public void on(String event, long profileId, String key, @Nullable String channel, @Nullable Integer rating,
			Instant at) {
		List<ScorePoints.Score> scores = points.all();
		if (scores.isEmpty()) {
			return;
		}
		long current = customers.current(profileId);
		var rights = customers.rights(current);
		if (rights.profilingObjectedAt() != null || rights.restrictedAt() != null || rights.erasedAt() != null) {
			return;
		}
		for (ScorePoints.Score score : scores) {
			boolean earned = false;
			for (int i = 0; i < score.rules().size(); i++) {
				ScorePoints.Rule rule = score.rules().get(i);
				if (applies(rule, event, channel, rating)) {
					earned |= points.add(score.id(), profileId, "r" + i + ":" + bucket(rule, key, at), rule.points(),
							at);
				}
			}
			if (earned) {
				act(score, current);
			}
		}
	}

	private static boolean applies(ScorePoints.Rule rule, String event, @Nullable String channel,
			@Nullable Integer rating) {
		return rule.event().equals(event) && (rule.channel() == null || rule.channel().equals(channel))
				&& (rule.minRating() == null || rating != null && rating >= rule.minRating());
	}

	/** The key a rule earns under: the event's, once ever, or once per window. */
	private static String bucket(ScorePoints.Rule rule, String key, Instant at) {
		return switch (rule.per()) {
			case "always" -> key;
			case "once" -> "once";
			default -> "w" + at.getEpochSecond() / Duration.parse(rule.per()).toSeconds();
		};
	}

	private void act(ScorePoints.Score score, long customerId) {
		if (score.thresholds().isEmpty()) {
			return;
		}
		Object value = points.values(score.name(), List.of(customerId)).get(customerId);
		double now = value == null ? 0 : (Double) value;
		for (ScorePoints.Threshold threshold : score.thresholds()) {
			if (now < threshold.at()) {
				points.uncross(score.id(), customerId, threshold.at());
			}
			else if (points.cross(score.id(), customerId, threshold.at())) {
				if (threshold.tag() != null) {
					profiles.tag(customerId, threshold.tag(), 0);
				}
				if (threshold.segmentId() != null) {
					segments.add(threshold.segmentId(), customerId, "score:" + score.name());
				}
				if (threshold.tellOwner()) {
					activity.latestConversation(customers.aliasesOf(customerId))
						.filter(latest -> latest.assigneeId() != null)
						.ifPresent(latest -> notices.tell(latest.assigneeId(), "score", latest.conversationId()));
				}
			}
		}
	}

	/** Forgets a customer's points: they objected to profiling, or were erased. */
	@Transactional
	public void forget(long customerId) {
		points.forget(customers.aliasesOf(customers.current(customerId)));
	}

	private static ScorePoints.Rule rule(Map<String, Object> given) {
		String event = String.valueOf(given.getOrDefault("event", "")).toLowerCase(Locale.ROOT);
		if (!EVENTS.contains(event)) {
			throw Refusals.invalid("score.event",
					"A rule's event is message, conversation, rating or mention, not '" + event + "'", event);
		}
		Object pointsGiven = given.get("points");
		if (!(pointsGiven instanceof Number number) || Math.abs(number.doubleValue()) > 1_000_000) {
			throw Refusals.invalid("score.points", "A rule gives a number of points (at most a million either way)");
		}
		String per = String.valueOf(given.getOrDefault("per", "always"));
		if (!per.equals("always") && !per.equals("once")) {
			try {
				Duration window = Duration.parse(per);
				if (window.toSeconds() < 60) {
					throw new DateTimeParseException("short", per, 0);
				}
			}
			catch (DateTimeParseException ex) {
				throw Refusals.invalid("score.per",
						"A rule scores always, once, or once per ISO 8601 window (P1D), not '" + per + "'", per);
			}
		}
		Object channel = given.get("channel");
		Object minRating = given.get("minRating");
		return new ScorePoints.Rule(event, channel == null ? null : String.valueOf(channel),
				minRating instanceof Number n ? n.intValue() : null, number.doubleValue(), per);
	}

	private ScorePoints.Threshold threshold(Map<String, Object> given) {
		if (!(given.get("at") instanceof Number at)) {
			throw Refusals.invalid("score.threshold", "A threshold needs a value ('at')");
		}
		Object tag = given.get("tag");
		Long segmentId = given.get("segmentId") instanceof Number n ? n.longValue() : null;
		if (segmentId != null && !segments.isSnapshot(segmentId)) {
			throw Refusals.invalid("score.threshold.segment",
					"A threshold adds customers to a snapshot segment only (a dynamic one follows its condition)");
		}
		boolean notify = Boolean.TRUE.equals(given.get("notify"));
		if (tag == null && segmentId == null && !notify) {
			throw Refusals.invalid("score.threshold.action", "A threshold tags, adds to a segment or notifies");
		}
		return new ScorePoints.Threshold(at.doubleValue(), tag == null ? null : String.valueOf(tag), segmentId, notify);
	}

	private static View view(ScorePoints.Score score) {
		return new View(score.id(), score.name(), score.halfLife() == null ? null : score.halfLife().toString(),
				score.cap(), List.copyOf(score.rules()), List.copyOf(score.thresholds()), score.createdAt());
	}

}
