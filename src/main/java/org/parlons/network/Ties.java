package org.parlons.network;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What ties two people, one row per kind of evidence: an agent and a customer, or two
 * customers. Imports say a tie exists; observed exchanges count how often each side
 * turned to the other. How strong a tie is, is {@link Strength}'s to say, at the moment
 * it is asked.
 */
@Repository
public class Ties {

	/** Where a tie comes from. */
	public enum Source {

		/** A first-degree LinkedIn connection of an agent, from their export. */
		LINKEDIN,
		/** A vCard's RELATED. */
		VCARD,
		/** Emails exchanged with an agent. */
		EMAIL,
		/** Messages exchanged with an agent on another channel. */
		CONVERSATION,
		/** Copied together on an email. */
		COPIED,
		/** One answered the other in public on a network. */
		PUBLIC_REPLY,
		/** A meeting an agent entered. */
		MEETING;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** Whether the tie is said by an import rather than seen happen. */
		public boolean imported() {
			return this == LINKEDIN || this == VCARD;
		}

		static Source fromApi(String value) {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}

	}

	/**
	 * One end of a tie.
	 *
	 * @param agent whether it is an agent (else a customer)
	 * @param id the agent's or the customer's number
	 */
	public record Node(boolean agent, long id) {

		public static Node agent(long id) {
			return new Node(true, id);
		}

		public static Node customer(long id) {
			return new Node(false, id);
		}

		public String kind() {
			return agent ? "agent" : "customer";
		}

	}

	/**
	 * A tie as stored.
	 *
	 * @param a an agent, or the customer with the smaller number
	 * @param b a customer
	 * @param source where it comes from
	 * @param aToB how often a turned to b
	 * @param bToA how often b turned to a
	 * @param detail what the evidence says (a vCard's type, a meeting's subject)
	 * @param firstAt when it was first seen (a connection's date)
	 * @param lastAt when it was last seen
	 */
	public record Tie(Node a, Node b, Source source, int aToB, int bToA, @Nullable String detail, Instant firstAt,
			Instant lastAt) {

		public Node other(Node end) {
			return a.equals(end) ? b : a;
		}

		public int count() {
			return aToB + bToA;
		}

		public boolean reciprocal() {
			return aToB > 0 && bToA > 0;
		}

	}

	private static final String SELECT = "select a_kind, a_id, b_kind, b_id, source, a_to_b, b_to_a, detail, "
			+ "first_at, last_at from network_tie";

	private final JdbcClient jdbc;

	Ties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one exchange from {@code from} to {@code to}, in the caller's transaction.
	 */
	void observe(Node from, Node to, Source source, @Nullable String detail, Instant at) {
		Ends ends = Ends.of(from, to);
		if (ends == null) {
			return;
		}
		write(ends, source, ends.swapped() ? 0 : 1, ends.swapped() ? 1 : 0, detail, at, at);
	}

	/**
	 * Says a tie exists both ways since {@code since} (an import): stored once however
	 * often it is imported, its date the earliest said.
	 */
	void link(Node from, Node to, Source source, @Nullable String detail, Instant since) {
		Ends ends = Ends.of(from, to);
		if (ends == null) {
			return;
		}
		jdbc.sql("merge into network_tie t using (select cast(? as varchar(8)) as a_kind, cast(? as bigint) as a_id, "
				+ "cast(? as bigint) as b_id, cast(? as varchar(20)) as source) s "
				+ "on t.a_kind = s.a_kind and t.a_id = s.a_id and t.b_kind = 'customer' and t.b_id = s.b_id "
				+ "and t.source = s.source " + "when matched then update set detail = coalesce(?, t.detail), "
				+ "first_at = case when t.first_at > ? then ? else t.first_at end "
				+ "when not matched then insert (a_kind, a_id, b_kind, b_id, source, a_to_b, b_to_a, detail, "
				+ "first_at, last_at) values (s.a_kind, s.a_id, 'customer', s.b_id, s.source, 1, 1, ?, ?, ?)")
			.params(ends.a().kind(), ends.a().id(), ends.b().id(), source.api(), detail, Timestamp.from(since),
					Timestamp.from(since), detail, Timestamp.from(since), Timestamp.from(since))
			.update();
	}

	private void write(Ends ends, Source source, int aToB, int bToA, @Nullable String detail, Instant first,
			Instant last) {
		jdbc.sql("merge into network_tie t using (select cast(? as varchar(8)) as a_kind, cast(? as bigint) as a_id, "
				+ "cast(? as bigint) as b_id, cast(? as varchar(20)) as source) s "
				+ "on t.a_kind = s.a_kind and t.a_id = s.a_id and t.b_kind = 'customer' and t.b_id = s.b_id "
				+ "and t.source = s.source "
				+ "when matched then update set a_to_b = t.a_to_b + ?, b_to_a = t.b_to_a + ?, "
				+ "detail = coalesce(?, t.detail), last_at = case when t.last_at < ? then ? else t.last_at end "
				+ "when not matched then insert (a_kind, a_id, b_kind, b_id, source, a_to_b, b_to_a, detail, "
				+ "first_at, last_at) values (s.a_kind, s.a_id, 'customer', s.b_id, s.source, ?, ?, ?, ?, ?)")
			.params(ends.a().kind(), ends.a().id(), ends.b().id(), source.api(), aToB, bToA, detail,
					Timestamp.from(last), Timestamp.from(last), aToB, bToA, detail, Timestamp.from(first),
					Timestamp.from(last))
			.update();
	}

	/** Every tie with one of these customers at an end. */
	List<Tie> touching(Collection<Long> customers) {
		if (customers.isEmpty()) {
			return List.of();
		}
		Long[] ids = customers.toArray(Long[]::new);
		return jdbc
			.sql(SELECT + " where b_id = any(:ids) union all " + SELECT
					+ " where a_kind = 'customer' and a_id = any(:ids) and not (b_id = any(:ids))")
			.param("ids", ids)
			.query((rs, n) -> tie(rs))
			.list();
	}

	/** The ties agents have with these customers. */
	List<Tie> ofAgentsWith(Collection<Long> customers) {
		if (customers.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where b_id = any(:ids) and a_kind = 'agent'")
			.param("ids", customers.toArray(Long[]::new))
			.query((rs, n) -> tie(rs))
			.list();
	}

	/** The ties an agent has with anyone. */
	List<Tie> ofAgent(long agentId) {
		return jdbc.sql(SELECT + " where a_kind = 'agent' and a_id = ? order by b_id")
			.param(agentId)
			.query((rs, n) -> tie(rs))
			.list();
	}

	/** Takes the ties of these profiles away (an erasure). */
	void forget(Set<Long> profileIds) {
		if (!profileIds.isEmpty()) {
			jdbc.sql("delete from network_tie where b_id = any(:ids) or (a_kind = 'customer' and a_id = any(:ids))")
				.param("ids", profileIds.toArray(Long[]::new))
				.update();
		}
	}

	long count() {
		return jdbc.sql("select count(*) from network_tie").query(Long.class).single();
	}

	private static Tie tie(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Tie(new Node("agent".equals(rs.getString(1)), rs.getLong(2)),
				new Node("agent".equals(rs.getString(3)), rs.getLong(4)), Source.fromApi(rs.getString(5)), rs.getInt(6),
				rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant());
	}

	/**
	 * The two ends as stored: the agent first, else the smaller customer number; none
	 * between two agents or a person and themselves.
	 */
	private record Ends(Node a, Node b, boolean swapped) {

		static @Nullable Ends of(Node from, Node to) {
			if (from.equals(to) || (from.agent() && to.agent())) {
				return null;
			}
			if (to.agent() || (!from.agent() && to.id() < from.id())) {
				return new Ends(to, from, true);
			}
			return new Ends(from, to, false);
		}

	}

}
