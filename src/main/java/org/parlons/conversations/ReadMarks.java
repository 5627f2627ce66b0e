package org.parlons.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each agent has read: a conversation is unread for an agent when a message came in
 * after they last opened it, or they never did.
 */
@Repository
public class ReadMarks {

	private final JdbcClient jdbc;

	private final Clock clock;

	ReadMarks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The agent has just read the conversation (two tabs at once: the later wins). */
	public void read(long agentId, long conversationId) {
		Timestamp now = Timestamp.from(clock.instant());
		String update = "update conversation_read set read_at = ? where agent_id = ? and conversation_id = ?";
		if (jdbc.sql(update).params(now, agentId, conversationId).update() == 0 && jdbc
			.sql("insert into conversation_read (agent_id, conversation_id, read_at) values (?, ?, ?) "
					+ "on conflict do nothing")
			.params(agentId, conversationId, now)
			.update() == 0) {
			jdbc.sql(update).params(now, agentId, conversationId).update();
		}
	}

	/** Those of the conversations with a customer message the agent has not read. */
	public Set<Long> unread(long agentId, Collection<Long> conversationIds) {
		if (conversationIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc
			.sql("select c.id from conversation c left join conversation_read r "
					+ "on r.conversation_id = c.id and r.agent_id = :agent where c.id in (:ids) and exists ("
					+ "select 1 from message m where m.conversation_id = c.id and m.direction = 'in' "
					+ "and (r.read_at is null or m.sent_at > r.read_at))")
			.param("agent", agentId)
			.param("ids", conversationIds)
			.query(Long.class)
			.list());
	}

	/**
	 * How many open conversations assigned to the agent hold a customer message they have
	 * not read: the count in the tab's title.
	 */
	public int unreadAssigned(long agentId) {
		return jdbc
			.sql("select count(*) from conversation c left join conversation_read r "
					+ "on r.conversation_id = c.id and r.agent_id = :agent where c.assignee_id = :agent "
					+ "and c.status = 'OPEN' and exists (select 1 from message m where m.conversation_id = c.id "
					+ "and m.direction = 'in' and (r.read_at is null or m.sent_at > r.read_at))")
			.param("agent", agentId)
			.query(Integer.class)
			.single();
	}

}
