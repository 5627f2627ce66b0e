package org.parlons.advocacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programmes a brand runs: ambassadors, advocates, beta testers, staff advocates…
 */
@Repository
public class Programmes {

	/** The kinds a programme may be, as the API names them. */
	public static final List<String> KINDS = List.of("ambassador", "advocate", "beta_tester", "staff_advocate",
			"community_expert");

	/**
	 * A programme.
	 *
	 * @param id its number
	 * @param name how the brand calls it
	 * @param kind "ambassador", "advocate", "beta_tester", "staff_advocate" or
	 * "community_expert"
	 * @param description what it is for
	 * @param createdAt when it was created
	 */
	public record Programme(long id, String name, String kind, @Nullable String description, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Programmes(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Programme create(String name, String kind, @Nullable String description, long actorId) {
		String clean = name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw Refusals.invalid("advocacy.programme.name", "name: between 1 and 200 characters");
		}
		if (!KINDS.contains(kind)) {
			throw Refusals.invalid("advocacy.programme.kind", "kind: one of " + String.join(", ", KINDS), kind);
		}
		if (jdbc.sql("select count(*) from programme where lower(name) = lower(?)")
			.param(clean)
			.query(Long.class)
			.single() > 0) {
			throw Refusals.conflict("advocacy.programme.taken", "A programme is already called " + clean, clean);
		}
		Instant now = clock.instant();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into programme (name, kind, description, created_by, created_at) values (?, ?, ?, ?, ?)")
			.params(clean, kind, description == null || description.isBlank() ? null : description.strip(), actorId,
					Timestamp.from(now))
			.update(key, "id");
		long id = key.getKey().longValue();
		events.publishEvent(new AdvocacyEvent("programme.created", "programme:" + id, kind, actorId));
		return get(id);
	}

	public List<Programme> list() {
		return jdbc.sql("select * from programme order by name").query(Programmes::programme).list();
	}

	public Optional<Programme> find(long id) {
		return jdbc.sql("select * from programme where id = ?").param(id).query(Programmes::programme).optional();
	}

	public Programme get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No programme " + id));
	}

	private static Programme programme(ResultSet rs, int n) throws SQLException {
		return new Programme(rs.getLong("id"), rs.getString("name"), rs.getString("kind"), rs.getString("description"),
				rs.getTimestamp("created_at").toInstant());
	}

}
