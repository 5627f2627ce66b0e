package org.parlons.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Priority;
import org.parlons.platform.LiveBus;
import org.parlons.platform.ReloadedCache;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The escalation rules administrators define. Kept in memory (they are few and read for
 * every inbound message) and reloaded whenever one changes.
 */
@Repository
public class EscalationRules {

	/** What makes a rule fire. */
	public enum Kind {

		/**
		 * The customer asks for a manager, a supervisor, someone in charge (French and
		 * English).
		 */
		MANAGER,
		/** One of the rule's words or phrases: legal, press, security… */
		KEYWORDS,
		/** The customer's {@code count}-th conversation within {@code days} days. */
		REPEAT,
		/**
		 * A strongly negative message (sentiment score below
		 * {@value Escalations#STRONGLY_NEGATIVE}).
		 */
		TONE,
		/**
		 * A customer whose public influence over the last 90 days reaches the rule's
		 * {@code threshold}.
		 */
		INFLUENCE,
		/**
		 * A public message the sentiment analyser reads as negative: a complaint everyone
		 * can see (seed 001).
		 */
		PUBLIC_COMPLAINT,
		/**
		 * A customer whose numeric custom {@code attribute} (lifetime value, contract
		 * amount…) reaches the rule's {@code threshold}.
		 */
		CUSTOMER_VALUE;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One rule: when it fires, who takes the conversation (a team, an agent, both, or
	 * nobody: a rule that only sets the priority), and the priority it raises the
	 * conversation to (high when not said).
	 *
	 * @param id its number
	 * @param name its name
	 * @param kind what makes it fire
	 * @param keywords its words or phrases
	 * @param repeatCount the n-th conversation…
	 * @param repeatDays …within these days
	 * @param inboxId its inbox, if only one
	 * @param targetTeamId the team that takes the conversation
	 * @param targetAgentId the agent who takes it
	 * @param active whether it applies
	 * @param threshold the value that fires it
	 * @param priority the priority it raises to
	 * @param attribute the customer attribute it reads
	 */
	public record Rule(long id, String name, Kind kind, List<String> keywords, @Nullable Integer repeatCount,
			@Nullable Integer repeatDays, @Nullable Long inboxId, @Nullable Long targetTeamId,
			@Nullable Long targetAgentId, boolean active, @Nullable Double threshold, @Nullable Priority priority,
			@Nullable String attribute) {

		boolean appliesTo(long inbox) {
			return active && (inboxId == null || inboxId == inbox);
		}

		/**
		 * True when the rule moves the conversation to someone; false when it only sets
		 * its priority.
		 */
		public boolean routes() {
			return targetTeamId != null || targetAgentId != null;
		}

		/** The priority a conversation is raised to when the rule fires. */
		public Priority raisesTo() {
			return priority == null ? Priority.HIGH : priority;
		}

	}

	/** What an administrator asks for; checked by {@link #create}. */
	public record Draft(String name, Kind kind, List<String> keywords, @Nullable Integer repeatCount,
			@Nullable Integer repeatDays, @Nullable Double threshold, @Nullable Long inboxId,
			@Nullable Long targetTeamId, @Nullable Long targetAgentId, @Nullable Priority priority,
			@Nullable String attribute) {

		boolean routesOrPrioritises() {
			return targetTeamId != null || targetAgentId != null || priority != null;
		}

	}

	/**
	 * Asking for someone higher up, as customers write it: "un responsable", "votre
	 * supérieur", "speak to a manager". An article or a possessive is required, so "qui
	 * est responsable de la panne ?" is not a request.
	 */
	private static final Pattern MANAGER = Pattern.compile("(?iu)\\b((?:un|une|votre|le|la|au|du|vos|des)\\s+"
			+ "(?:responsable|supérieur|superieur|supérieure|directeur|directrice|chef|manager)s?\\b"
			+ "|supérieur hiérarchique|la direction\\b|(?:a|your|the)\\s+(?:manager|supervisor|boss)\\b"
			+ "|someone in charge|speak to someone else|parler à quelqu'un d'autre)");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ReloadedCache<List<Rule>> cache;

	EscalationRules(LiveBus bus, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.cache = new ReloadedCache<>(this::load, bus, "escalation-rules");
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	public List<Rule> all() {
		return cache.get();
	}

	private List<Rule> load() {
		return jdbc
			.sql("select id, name, kind, keywords, repeat_count, repeat_days, inbox_id, target_team_id, "
					+ "target_agent_id, active, threshold, priority, attribute from escalation_rule order by id")
			.query((rs, n) -> new Rule(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
					split(rs.getString(4)), (Integer) rs.getObject(5, Integer.class),
					(Integer) rs.getObject(6, Integer.class), (Long) rs.getObject(7, Long.class),
					(Long) rs.getObject(8, Long.class), (Long) rs.getObject(9, Long.class), rs.getBoolean(10),
					(Double) rs.getObject(11, Double.class),
					rs.getString(12) == null ? null : Priority.valueOf(rs.getString(12)), rs.getString(13)))
			.list();
	}

	public Optional<Rule> findById(long id) {
		return all().stream().filter(r -> r.id() == id).findFirst();
	}

	/**
	 * Saves a new rule after checking it is complete for its kind; the audit log says
	 * who.
	 * @throws IllegalArgumentException saying what is missing, in words for the
	 * administrator
	 */
	public long create(long actorId, Draft rule) {
		check(rule);
		var keys = new GeneratedKeyHolder();
		boolean numeric = rule.kind() == Kind.INFLUENCE || rule.kind() == Kind.CUSTOMER_VALUE
				|| rule.kind() == Kind.PUBLIC_COMPLAINT;
		jdbc.sql("insert into escalation_rule (name, kind, keywords, repeat_count, repeat_days, threshold, inbox_id, "
				+ "target_team_id, target_agent_id, priority, attribute, active, created_at) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)")
			.params(rule.name(), rule.kind().name(),
					rule.keywords().isEmpty() ? null : String.join("\n", rule.keywords()),
					rule.kind() == Kind.REPEAT ? rule.repeatCount() : null,
					rule.kind() == Kind.REPEAT ? rule.repeatDays() : null, numeric ? rule.threshold() : null,
					rule.inboxId(), rule.targetTeamId(), rule.targetAgentId(),
					rule.priority() == null ? null : rule.priority().name(),
					rule.kind() == Kind.CUSTOMER_VALUE ? rule.attribute().strip() : null,
					Timestamp.from(clock.instant()))
			.update(keys, "id");
		cache.changed();
		long id = keys.getKey().longValue();
		events.publishEvent(new RoutingRuleChanged(actorId, "escalation-rule.created",
				"#" + id + " " + rule.name() + " (" + rule.kind().api()
						+ (rule.priority() == null ? "" : ", priority " + rule.priority().api()) + ")"));
		return id;
	}

	private static void check(Draft rule) {
		if (rule.name().isBlank() || rule.name().length() > 200) {
			throw org.parlons.platform.Refusals.invalid("rules.refused.name",
					"A rule needs a name of at most 200 characters");
		}
		switch (rule.kind()) {
			case KEYWORDS -> {
				if (rule.keywords().isEmpty()) {
					throw org.parlons.platform.Refusals.invalid("rules.refused.keywords",
							"A keywords rule needs keywords");
				}
			}
			case REPEAT -> {
				if (rule.repeatCount() == null || rule.repeatCount() < 2 || rule.repeatDays() == null
						|| rule.repeatDays() < 1) {
					throw org.parlons.platform.Refusals.invalid("rules.refused.repeat",
							"A repeat rule needs repeatCount (2 or more) and repeatDays (1 or more)");
				}
			}
			case INFLUENCE -> {
				if (rule.threshold() == null || rule.threshold() <= 0 || rule.threshold() > 100) {
					throw org.parlons.platform.Refusals.invalid("rules.refused.influence",
							"An influence rule needs a threshold between 0 and 100 (30 is "
									+ "about a thousand people reached, 50 a hundred thousand)");
				}
			}
			case CUSTOMER_VALUE -> {
				if (rule.attribute() == null || rule.attribute().isBlank() || rule.threshold() == null) {
					throw org.parlons.platform.Refusals.invalid("rules.refused.customerValue",
							"A customer value rule needs the attribute to read (such as "
									+ "lifetimeValue) and the threshold it must reach");
				}
			}
			case PUBLIC_COMPLAINT -> {
				if (rule.threshold() != null && (rule.threshold() < -1 || rule.threshold() > 0)) {
					throw org.parlons.platform.Refusals.invalid("rules.refused.complaint",
							"A public complaint rule's threshold is a sentiment score between "
									+ "-1 and 0 (none: any message the analyser reads as negative)");
				}
			}
			default -> {
			}
		}
		if (!rule.routesOrPrioritises()) {
			throw org.parlons.platform.Refusals.invalid("rules.refused.target",
					"A rule needs a targetTeamId, a targetAgentId, a priority, or some of them");
		}
	}

	/**
	 * Switches a rule off (it stays, for the escalations it caused); false when there is
	 * no such rule.
	 */
	public boolean deactivate(long actorId, long id) {
		boolean found = jdbc.sql("update escalation_rule set active = false where id = ?").param(id).update() == 1;
		cache.changed();
		if (found) {
			events.publishEvent(new RoutingRuleChanged(actorId, "escalation-rule.off", "#" + id));
		}
		return found;
	}

	/** Why a text matches a rule of words, or null: the first word or phrase found. */
	static @Nullable String matches(Rule rule, String text) {
		if (rule.kind() == Kind.MANAGER) {
			var m = MANAGER.matcher(text);
			return m.find() ? "asks for \"" + m.group() + "\"" : null;
		}
		if (rule.kind() == Kind.KEYWORDS) {
			String lower = text.toLowerCase(Locale.ROOT);
			for (String keyword : rule.keywords()) {
				if (Pattern.compile("(?iu)(?<!\\p{L})" + Pattern.quote(keyword.toLowerCase(Locale.ROOT)) + "(?!\\p{L})")
					.matcher(lower)
					.find()) {
					return "says \"" + keyword + "\"";
				}
			}
		}
		return null;
	}

	private static List<String> split(@Nullable String keywords) {
		return keywords == null ? List.of() : new ArrayList<>(
				Arrays.stream(keywords.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList());
	}

}
