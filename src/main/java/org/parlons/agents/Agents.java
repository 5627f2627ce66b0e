package org.parlons.agents;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The agents of this installation.
 */
@Repository
public class Agents {

	private static final String COLUMNS = "id, email, name, password_hash, role, active, capacity, "
			+ "max_gesture_amount, max_gesture_currency, mandate_languages, mandate_channels, mandate_withheld, created_at, grants";

	private final JdbcClient jdbc;

	Agents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Agent save(Agent agent) {
		if (agent.isNew()) {
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			Mandate m = agent.mandate();
			jdbc.sql("insert into agent (email, name, password_hash, role, active, capacity, max_gesture_amount, "
					+ "max_gesture_currency, mandate_languages, mandate_channels, mandate_withheld, created_at, grants) "
					+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(agent.email(), agent.name(), agent.passwordHash(), agent.role().name(), agent.active(),
						agent.capacity(), m.maxGestureAmount(), m.maxGestureCurrency(), join(m.languages()),
						join(m.channels()), join(m.withheldTopics()), Timestamp.from(agent.createdAt()),
						grants(agent.grants()))
				.update(keys, "id");
			agent.assignId(keys.getKey().longValue());
			return agent;
		}
		Mandate m = agent.mandate();
		jdbc.sql("update agent set name = ?, password_hash = ?, role = ?, active = ?, capacity = ?, "
				+ "max_gesture_amount = ?, max_gesture_currency = ?, mandate_languages = ?, mandate_channels = ?, "
				+ "mandate_withheld = ?, grants = ? where id = ?")
			.params(agent.name(), agent.passwordHash(), agent.role().name(), agent.active(), agent.capacity(),
					m.maxGestureAmount(), m.maxGestureCurrency(), join(m.languages()), join(m.channels()),
					join(m.withheldTopics()), grants(agent.grants()), agent.id())
			.update();
		return agent;
	}

	public Optional<Agent> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from agent where id = ?").param(id).query(Agents::map).optional();
	}

	public Optional<Agent> findByEmail(String email) {
		return jdbc.sql("select " + COLUMNS + " from agent where email = ?")
			.param(Agent.normaliseEmail(email))
			.query(Agents::map)
			.optional();
	}

	public List<Agent> findAll() {
		return jdbc.sql("select " + COLUMNS + " from agent order by name").query(Agents::map).list();
	}

	public Map<Long, String> namesOf(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select id, name from agent where id = any(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	public long count() {
		return jdbc.sql("select count(*) from agent").query(Long.class).single();
	}

	public long countActiveAdmins() {
		return jdbc.sql("select count(*) from agent where role = 'ADMIN' and active").query(Long.class).single();
	}

	static Agent map(ResultSet rs, int row) throws SQLException {
		BigDecimal amount = rs.getBigDecimal("max_gesture_amount");
		Agent agent = new Agent(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
				rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getBoolean("active"),
				rs.getInt("capacity"),
				new Mandate(amount, rs.getString("max_gesture_currency"), split(rs.getString("mandate_languages")),
						split(rs.getString("mandate_channels")), split(rs.getString("mandate_withheld"))),
				rs.getTimestamp("created_at").toInstant());
		agent.allow(split(rs.getString("grants")).stream().map(Permission::fromApi).collect(Collectors.toSet()));
		return agent;
	}

	private static String grants(Set<Permission> grants) {
		return grants.stream().map(Permission::api).sorted().collect(Collectors.joining(" "));
	}

	private static @Nullable String join(Set<String> names) {
		return names.isEmpty() ? null : String.join(" ", names);
	}

	private static Set<String> split(@Nullable String names) {
		return names == null || names.isBlank() ? Set.of() : Set.of(names.strip().split("\\s+"));
	}

}
