package org.parlons.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;
import org.parlons.platform.LiveBus;
import org.parlons.platform.ReloadedCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * The brand's code of conduct as administrators write it: named rules, each blocking or
 * warning. Read for every reply, so kept in memory and reloaded when one changes.
 */
@Repository
public class ConductRules {

	/** What a rule looks at. */
	public enum Kind {

		/** Words or phrases the brand never uses. */
		FORBIDDEN,
		/**
		 * A reply the sentiment analyser reads below {@code threshold} (default -0.5).
		 */
		TONE,
		/** A reply that does not open with one of the phrases. */
		GREETING,
		/**
		 * A reply that does not end with one of the phrases, nor with the agent's name.
		 */
		SIGNATURE;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Whether a broken rule stops the reply or asks the agent to confirm it. */
	public enum Mode {

		BLOCK, WARN;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Which replies a rule checks. */
	public enum Scope {

		PUBLIC, PRIVATE, ALL;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * A rule of the code of conduct.
	 *
	 * @param id its number
	 * @param name its name
	 * @param kind what it looks for
	 * @param phrases its words or phrases
	 * @param threshold for a tone rule, the lowest sentiment allowed
	 * @param mode "block" or "warn"
	 * @param appliesTo "public", "private" or "all" replies
	 * @param inboxId its inbox, if only one
	 * @param active whether it applies
	 */
	public record Rule(long id, String name, Kind kind, List<String> phrases, @Nullable Double threshold, Mode mode,
			Scope appliesTo, @Nullable Long inboxId, boolean active) {

		boolean appliesTo(long inbox) {
			return active && (inboxId == null || inboxId == inbox);
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ReloadedCache<List<Rule>> cache;

	ConductRules(LiveBus bus, JdbcClient jdbc, Clock clock) {
		this.cache = new ReloadedCache<>(this::load, bus, "conduct-rules");
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Rule> all() {
		return cache.get();
	}

	private List<Rule> load() {
		return jdbc
			.sql("select id, name, kind, phrases, threshold, mode, applies_to, inbox_id, active from conduct_rule "
					+ "order by id")
			.query((rs, n) -> new Rule(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
					Json.read(rs.getString(4), new TypeReference<List<String>>() {
					}), rs.getObject(5, Double.class), Mode.valueOf(rs.getString(6)), Scope.valueOf(rs.getString(7)),
					rs.getObject(8, Long.class), rs.getBoolean(9)))
			.list();
	}

	public long create(String name, Kind kind, List<String> phrases, @Nullable Double threshold, Mode mode, Scope scope,
			@Nullable Long inboxId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(
				"insert into conduct_rule (name, kind, phrases, threshold, mode, applies_to, inbox_id, active, created_at) "
						+ "values (?, ?, ?, ?, ?, ?, ?, true, ?)")
			.params(name, kind.name(), Json.write(phrases), threshold, mode.name(), scope.name(), inboxId,
					Timestamp.from(clock.instant()))
			.update(keys, "id");
		cache.changed();
		return keys.getKey().longValue();
	}

	public boolean setActive(long id, boolean active) {
		int n = jdbc.sql("update conduct_rule set active = ? where id = ?").params(active, id).update();
		cache.changed();
		return n > 0;
	}

	public boolean delete(long id) {
		int n = jdbc.sql("delete from conduct_rule where id = ?").param(id).update();
		cache.changed();
		return n > 0;
	}

}
