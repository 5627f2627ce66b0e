package org.parlons.network;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agents;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asking the colleague at the start of a path to introduce you, as Dynamics' "Who Knows
 * Whom" does: the connector accepts or declines, says when the introduction is made, and
 * the one who asked records what came of it. Only a path that exists now, through a
 * connector who did not opt out, may be asked for.
 */
@Service
public class Introductions {

	public static final int MAX_TEXT = 2000;

	/** Where an introduction stands. */
	public enum Status {

		REQUESTED, ACCEPTED, DECLINED, MADE, MET, NO_RESULT;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Status fromApi(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw Refusals.invalid("network.introduction.status",
						"An introduction is accepted, declined, made, met or no_result, not '" + value + "'", value);
			}
		}

	}

	/**
	 * An introduction.
	 *
	 * @param id its number
	 * @param requesterId the agent who asked
	 * @param requester their name
	 * @param connectorId the agent asked to introduce
	 * @param connector their name
	 * @param targetId the person to meet
	 * @param target their name
	 * @param path the path asked for, its steps named as they are called today, " → "
	 * between them
	 * @param strength the path's strength then
	 * @param message what the requester wrote
	 * @param status where it stands
	 * @param outcome what came of it
	 * @param createdAt when it was asked
	 */
	public record Introduction(long id, long requesterId, String requester, long connectorId, String connector,
			long targetId, String target, String path, double strength, @Nullable String message, Status status,
			@Nullable String outcome, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final Paths paths;

	private final Connectors connectors;

	private final Agents agents;

	private final Customers customers;

	private final Clock clock;

	Introductions(JdbcClient jdbc, Paths paths, Connectors connectors, Agents agents, Customers customers,
			Clock clock) {
		this.jdbc = jdbc;
		this.paths = paths;
		this.connectors = connectors;
		this.agents = agents;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * Asks the connector for an introduction to the target, along their strongest path.
	 */
	@Transactional
	public Introduction request(long requesterId, long connectorId, long targetId, @Nullable String message) {
		if (customers.findById(targetId).isEmpty()) {
			throw NotFoundException.said("customer.unknown", "No customer " + targetId, String.valueOf(targetId));
		}
		if (connectorId == requesterId) {
			throw Refusals.invalid("network.introduction.self", "Nobody asks themselves for an introduction");
		}
		if (connectors.optedOut(connectorId)) {
			throw Refusals.conflict("network.introduction.optedOut", "This colleague does not lend their connections",
					connectorId);
		}
		Paths.Path path = paths.to(targetId, Paths.MAX_PATHS)
			.stream()
			.filter(p -> p.connectorId() == connectorId)
			.findFirst()
			.orElseThrow(() -> Refusals.conflict("network.introduction.noPath",
					"No path to this person goes through that colleague", connectorId));
		String clean = text(message);
		String key = Paths.keyOf(path);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into introduction (requester_id, connector_id, target_id, path, strength, message, status, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, 'requested', ?)")
			.params(requesterId, connectorId, customers.current(targetId), key, path.strength(), clean,
					Timestamp.from(clock.instant()))
			.update(keys, "id");
		return get(keys.getKeyAs(Number.class).longValue());
	}

	/**
	 * Moves an introduction on: the connector accepts, declines, or says it is made; the
	 * requester says it led to a meeting or to nothing.
	 */
	@Transactional
	public Introduction decide(long id, long agentId, Status to, @Nullable String outcome) {
		// the row held first: two answers at once see each other's
		jdbc.sql("select id from introduction where id = ? for update").param(id).query(Long.class).optional();
		Introduction intro = get(id);
		boolean connector = intro.connectorId() == agentId;
		boolean requester = intro.requesterId() == agentId;
		boolean allowed = switch (to) {
			case ACCEPTED, DECLINED -> connector && intro.status() == Status.REQUESTED;
			case MADE -> connector && intro.status() == Status.ACCEPTED;
			case MET, NO_RESULT -> requester && intro.status() == Status.MADE;
			case REQUESTED -> false;
		};
		if (!connector && !requester) {
			throw NotFoundException.said("network.introduction.unknown", "No introduction " + id, String.valueOf(id));
		}
		if (!allowed) {
			throw Refusals.conflict("network.introduction.step",
					"An introduction " + intro.status().api() + " cannot become " + to.api() + " by you",
					intro.status().api(), to.api());
		}
		jdbc.sql("update introduction set status = ?, outcome = coalesce(?, outcome), decided_at = ? where id = ?")
			.params(to.api(), text(outcome), Timestamp.from(clock.instant()), id)
			.update();
		return get(id);
	}

	/** The introductions an agent asked for or was asked for, the latest first. */
	public List<Introduction> of(long agentId) {
		return list(" where requester_id = ? or connector_id = ? order by created_at desc, id desc", agentId, agentId);
	}

	public Introduction get(long id) {
		return list(" where id = ?", id).stream()
			.findFirst()
			.orElseThrow(() -> NotFoundException.said("network.introduction.unknown", "No introduction " + id,
					String.valueOf(id)));
	}

	/** Counts by status: how often asking led somewhere. */
	public Map<String, Long> outcomes() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (Status status : Status.values()) {
			counts.put(status.api(), 0L);
		}
		jdbc.sql("select status, count(*) from introduction group by status")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	private List<Introduction> list(String where, Object... params) {
		List<Object[]> rows = jdbc
			.sql("select id, requester_id, connector_id, target_id, path, strength, message, status, outcome, "
					+ "created_at from introduction" + where)
			.params(params)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
							rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getString(9),
							rs.getTimestamp(10).toInstant() })
			.list();
		Set<Long> agentIds = new HashSet<>();
		Set<Long> people = new HashSet<>();
		rows.forEach(r -> {
			agentIds.add((Long) r[1]);
			agentIds.add((Long) r[2]);
			people.add((Long) r[3]);
		});
		Map<Long, String> names = agents.namesOf(agentIds);
		Map<Long, Customers.Summary> targets = customers.summaries(people);
		return rows.stream().map(r -> {
			Customers.Summary t = targets.get((Long) r[3]);
			return new Introduction((Long) r[0], (Long) r[1], names.getOrDefault((Long) r[1], "#" + r[1]), (Long) r[2],
					names.getOrDefault((Long) r[2], "#" + r[2]), t == null ? (Long) r[3] : t.currentId(),
					t == null ? "#" + r[3] : t.displayName(), paths.said((String) r[4]), (Double) r[5], (String) r[6],
					Status.fromApi((String) r[7]), (String) r[8], (Instant) r[9]);
		}).toList();
	}

	private static @Nullable String text(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String clean = value.strip();
		if (clean.length() > MAX_TEXT) {
			throw Refusals.invalid("network.introduction.text", "At most " + MAX_TEXT + " characters", MAX_TEXT);
		}
		return clean;
	}

	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from introduction where target_id = any(:ids)")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

}
