package org.parlons.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.parlons.platform.InvalidRequestException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The teams, their members and the inboxes they own.
 */
@Repository
public class Teams {

	private final JdbcClient jdbc;

	private final Clock clock;

	Teams(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public Team create(String name, Collection<Long> inboxIds, Collection<Long> memberIds) {
		if (jdbc.sql("select count(*) from team where name = ?").param(name).query(Long.class).single() > 0) {
			throw InvalidRequestException.conflict("A team named '" + name + "' already exists");
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into team (name, created_at) values (?, ?)")
			.params(name, Timestamp.from(clock.instant()))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		replaceMembers(id, memberIds);
		replaceInboxes(id, inboxIds);
		return findById(id).orElseThrow();
	}

	@Transactional
	public void replaceMembers(long teamId, Collection<Long> memberIds) {
		jdbc.sql("delete from team_member where team_id = ?").param(teamId).update();
		for (Long agentId : new LinkedHashSet<>(memberIds)) {
			try {
				jdbc.sql("insert into team_member (team_id, agent_id) values (?, ?)").params(teamId, agentId).update();
			}
			catch (DataIntegrityViolationException ex) {
				throw InvalidRequestException.said("refused.noAgent", "No agent " + agentId, String.valueOf(agentId));
			}
		}
	}

	@Transactional
	public void replaceInboxes(long teamId, Collection<Long> inboxIds) {
		jdbc.sql("delete from team_inbox where team_id = ?").param(teamId).update();
		for (Long inboxId : new LinkedHashSet<>(inboxIds)) {
			try {
				jdbc.sql("insert into team_inbox (team_id, inbox_id) values (?, ?)").params(teamId, inboxId).update();
			}
			catch (DataIntegrityViolationException ex) {
				throw InvalidRequestException.said("refused.noInbox", "No inbox " + inboxId, String.valueOf(inboxId));
			}
		}
	}

	public Optional<Team> findById(long id) {
		return jdbc.sql("select id, name from team where id = ?")
			.param(id)
			.query((rs, n) -> new Team(rs.getLong(1), rs.getString(2), members(id), inboxes(id)))
			.optional();
	}

	public List<Team> findAll() {
		return jdbc.sql("select id, name from team order by name")
			.query((rs, n) -> new Team(rs.getLong(1), rs.getString(2), members(rs.getLong(1)), inboxes(rs.getLong(1))))
			.list();
	}

	public Set<Long> teamsOf(long agentId) {
		return new LinkedHashSet<>(
				jdbc.sql("select team_id from team_member where agent_id = ?").param(agentId).query(Long.class).list());
	}

	/** Teams owning an inbox, first created first: the one a new conversation goes to. */
	public List<Long> owningTeams(long inboxId) {
		return jdbc.sql("select team_id from team_inbox where inbox_id = ? order by team_id")
			.param(inboxId)
			.query(Long.class)
			.list();
	}

	Set<Long> inboxesVisibleTo(long agentId) {
		return new LinkedHashSet<>(jdbc
			.sql("select distinct ti.inbox_id from team_inbox ti join team_member tm on tm.team_id = ti.team_id "
					+ "where tm.agent_id = ?")
			.param(agentId)
			.query(Long.class)
			.list());
	}

	private Set<Long> members(long teamId) {
		return new LinkedHashSet<>(jdbc.sql("select agent_id from team_member where team_id = ? order by agent_id")
			.param(teamId)
			.query(Long.class)
			.list());
	}

	private Set<Long> inboxes(long teamId) {
		return new LinkedHashSet<>(jdbc.sql("select inbox_id from team_inbox where team_id = ? order by inbox_id")
			.param(teamId)
			.query(Long.class)
			.list());
	}

}
