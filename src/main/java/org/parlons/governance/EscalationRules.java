package org.parlons.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The escalation rules administrators define. Kept in memory (they are few and read for every inbound
 * message) and reloaded whenever one changes.
 */
@Repository
public class EscalationRules {

	/** What makes a rule fire. */
	public enum Kind {

		/** The customer asks for a manager, a supervisor, someone in charge (French and English). */
		MANAGER,
		/** One of the rule's words or phrases: legal, press, security… */
		KEYWORDS,
		/** The customer's {@code count}-th conversation within {@code days} days. */
		REPEAT,
		/** A strongly negative message (sentiment score below {@value Escalations#STRONGLY_NEGATIVE}). */
		TONE,
		/** A customer whose public influence over the last 90 days reaches the rule's {@code threshold}. */
		INFLUENCE;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** One rule: when it fires, and who takes the conversation (a team, an agent, or both). */
	public record Rule(long id, String name, Kind kind, List<String> keywords, @Nullable Integer repeatCount,
			@Nullable Integer repeatDays, @Nullable Long inboxId, @Nullable Long targetTeamId,
			@Nullable Long targetAgentId, boolean active, @Nullable Double threshold) {

		boolean appliesTo(long inbox) {
			return active && (inboxId == null || inboxId == inbox);
		}

	}

	/**
	 * Asking for someone higher up, as customers write it: "un responsable", "votre supérieur",
	 * "speak to a manager". An article or a possessive is required, so "qui est responsable de la panne ?"
	 * is not a request.
	 */
	private static final Pattern MANAGER = Pattern.compile("(?iu)\\b((?:un|une|votre|le|la|au|du|vos|des)\\s+"
			+ "(?:responsable|supérieur|superieur|supérieure|directeur|directrice|chef|manager)s?\\b"
			+ "|supérieur hiérarchique|la direction\\b|(?:a|your|the)\\s+(?:manager|supervisor|boss)\\b"
			+ "|someone in charge|speak to someone else|parler à quelqu'un d'autre)");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicReference<List<Rule>> cache = new AtomicReference<>();

	EscalationRules(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Rule> all() {
		List<Rule> rules = cache.get();
		if (rules == null) {
			rules = jdbc.sql("select id, name, kind, keywords, repeat_count, repeat_days, inbox_id, target_team_id, "
					+ "target_agent_id, active, threshold from escalation_rule order by id")
				.query((rs, n) -> new Rule(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
						split(rs.getString(4)), (Integer) rs.getObject(5, Integer.class),
						(Integer) rs.getObject(6, Integer.class), (Long) rs.getObject(7, Long.class),
						(Long) rs.getObject(8, Long.class), (Long) rs.getObject(9, Long.class), rs.getBoolean(10),
						(Double) rs.getObject(11, Double.class)))
				.list();
			cache.set(rules);
		}
		return rules;
	}

	public Optional<Rule> findById(long id) {
		return all().stream().filter(r -> r.id() == id).findFirst();
	}

	public long create(String name, Kind kind, List<String> keywords, @Nullable Integer repeatCount,
			@Nullable Integer repeatDays, @Nullable Double threshold, @Nullable Long inboxId, @Nullable Long targetTeamId,
			@Nullable Long targetAgentId) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("insert into escalation_rule (name, kind, keywords, repeat_count, repeat_days, threshold, inbox_id, "
				+ "target_team_id, target_agent_id, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)")
			.params(name, kind.name(), keywords.isEmpty() ? null : String.join("\n", keywords), repeatCount, repeatDays,
					threshold, inboxId, targetTeamId, targetAgentId, Timestamp.from(clock.instant()))
			.update(keys, "id");
		cache.set(null);
		return keys.getKey().longValue();
	}

	public void deactivate(long id) {
		jdbc.sql("update escalation_rule set active = false where id = ?").param(id).update();
		cache.set(null);
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
		return keywords == null ? List.of()
				: new ArrayList<>(Arrays.stream(keywords.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList());
	}

}
