package org.parlons.advocacy;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The members of the programmes and their lifecycle: every transition by someone, dated,
 * kept in the membership's history and written in the audit log; a transition the
 * lifecycle does not allow is refused ({@link MemberStatus#next()}).
 */
@Repository
public class Members {

	/**
	 * A membership.
	 *
	 * @param customerId the customer, for a customer member
	 * @param agentId the agent, for a staff member
	 * @param delegateAgentId the account the member speaks for the brand through, if any
	 * @param activeSince when the member first became active, none before
	 * @param endedAt when they left (alumni), none while they belong
	 */
	public record Member(long id, long programmeId, @Nullable Long customerId, @Nullable Long agentId,
			MemberStatus status, @Nullable String mission, @Nullable LocalDate termEndsOn, Contract contract,
			@Nullable Long delegateAgentId, @Nullable Instant activeSince, @Nullable Instant endedAt, Instant createdAt,
			Instant statusChangedAt) {
	}

	/**
	 * A transition in a membership's history.
	 *
	 * @param from the status before, none for the nomination
	 * @param to the status after
	 * @param changedBy the agent who decided, none when the brand's systems did
	 * @param note why
	 * @param changedAt when
	 */
	public record Transition(@Nullable String from, String to, @Nullable Long changedBy, @Nullable String note,
			Instant changedAt) {
	}

	/** Who a new member is and what binds them. */
	public record Nomination(@Nullable Long customerId, @Nullable Long agentId, @Nullable String mission,
			@Nullable LocalDate termEndsOn, Contract contract) {
	}

	/** What a change of status was: the member before and after. */
	public record Moved(Member before, Member after) {
	}

	private final JdbcClient jdbc;

	private final Customers customers;

	private final org.parlons.agents.Agents agents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Members(JdbcClient jdbc, Customers customers, org.parlons.agents.Agents agents, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.agents = agents;
		this.events = events;
		this.clock = clock;
	}

	/** Nominates a customer or an agent: the membership starts as nominated. */
	@Transactional
	public Member nominate(long programmeId, Nomination who, long actorId) {
		if ((who.customerId() == null) == (who.agentId() == null)) {
			throw Refusals.invalid("advocacy.member.who", "A member is a customer (customerId) or an agent (agentId)");
		}
		Long customer = who.customerId() == null ? null : customers.current(who.customerId());
		if (customer != null && customers.findById(customer).isEmpty()) {
			throw Refusals.invalid("advocacy.member.customer", "No customer " + who.customerId(), who.customerId());
		}
		if (who.agentId() != null && agents.findById(who.agentId()).isEmpty()) {
			throw Refusals.invalid("advocacy.member.agent", "No agent " + who.agentId(), who.agentId());
		}
		if (who.mission() != null && who.mission().length() > 4000) {
			throw Refusals.invalid("advocacy.member.mission", "mission: at most 4000 characters");
		}
		boolean taken = jdbc.sql(
				"select count(*) from programme_member where programme_id = :p and (customer_id = :c or agent_id = :a)")
			.param("p", programmeId)
			.param("c", customer == null ? -1L : customer)
			.param("a", who.agentId() == null ? -1L : who.agentId())
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw Refusals.conflict("advocacy.member.taken", "This person is already a member of the programme");
		}
		Instant now = clock.instant();
		Contract contract = who.contract();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into programme_member (programme_id, customer_id, agent_id, status, mission, term_ends_on, "
				+ "contract_kind, contract_amount, contract_currency, disclosure, created_by, created_at, "
				+ "status_changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(programmeId, customer, who.agentId(), MemberStatus.NOMINATED.api(), blankToNull(who.mission()),
					who.termEndsOn() == null ? null : Date.valueOf(who.termEndsOn()), contract.kind().api(),
					contract.amount(), contract.currency(), contract.disclosure(), actorId, Timestamp.from(now),
					Timestamp.from(now))
			.update(key, "id");
		long id = key.getKey().longValue();
		history(id, null, MemberStatus.NOMINATED, actorId, null, now);
		events.publishEvent(new AdvocacyEvent("member.nominated", subject(id),
				"programme " + programmeId + ", "
						+ (customer != null ? "customer " + customer : "agent " + who.agentId()) + ", contract "
						+ contract.kind().api(),
				actorId));
		return get(id);
	}

	/**
	 * Moves a member to another status; a transition the lifecycle refuses is a conflict.
	 * @param actorId who decided, none when the brand's systems did (an erasure)
	 */
	@Transactional
	public Moved move(long memberId, MemberStatus to, @Nullable Long actorId, @Nullable String note) {
		Member before = jdbc.sql("select * from programme_member where id = ? for update")
			.param(memberId)
			.query(Members::member)
			.optional()
			.orElseThrow(() -> new NotFoundException("No member " + memberId));
		if (!before.status().next().contains(to)) {
			throw Refusals.conflict("advocacy.member.transition",
					"A member cannot go from " + before.status().api() + " to " + to.api(), before.status().api(),
					to.api());
		}
		Instant now = clock.instant();
		jdbc.sql("update programme_member set status = :status, status_changed_at = :now, "
				+ "active_since = case when :active then coalesce(active_since, :now) else active_since end, "
				+ "ended_at = case when :ended then :now when :back then null else ended_at end where id = :id")
			.param("status", to.api())
			.param("now", Timestamp.from(now))
			.param("active", to == MemberStatus.ACTIVE)
			.param("ended", to == MemberStatus.ALUMNI)
			.param("back", to == MemberStatus.NOMINATED)
			.param("id", memberId)
			.update();
		history(memberId, before.status(), to, actorId, note, now);
		Member after = get(memberId);
		events.publishEvent(new AdvocacyEvent("member.status", subject(memberId),
				before.status().api() + " → " + to.api(), actorId));
		events.publishEvent(new MemberMoved(after.id(), before.status(), to, actorId));
		return new Moved(before, after);
	}

	/** The account the member speaks through, recorded by {@link Delegations}. */
	void delegateTo(long memberId, @Nullable Long agentId, @Nullable String mandate) {
		jdbc.sql("update programme_member set delegate_agent_id = ?, delegated_mandate = ? where id = ?")
			.params(agentId, mandate, memberId)
			.update();
	}

	/** The delegated mandate as it was described when delegated, if any. */
	public @Nullable String delegatedMandate(long memberId) {
		return jdbc.sql("select delegated_mandate from programme_member where id = ?")
			.param(memberId)
			.query((rs, n) -> rs.getString(1))
			.optional()
			.orElse(null);
	}

	public List<Transition> history(long memberId) {
		return jdbc
			.sql("select from_status, to_status, changed_by, note, changed_at from programme_member_status "
					+ "where member_id = ? order by changed_at, id")
			.param(memberId)
			.query((rs, n) -> new Transition(rs.getString(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	public Optional<Member> find(long id) {
		return jdbc.sql("select * from programme_member where id = ?").param(id).query(Members::member).optional();
	}

	public Member get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No member " + id));
	}

	/** A member of that programme, or not found. */
	public Member in(long programmeId, long memberId) {
		return find(memberId).filter(m -> m.programmeId() == programmeId)
			.orElseThrow(() -> new NotFoundException("No member " + memberId + " in programme " + programmeId));
	}

	public List<Member> of(long programmeId) {
		return jdbc.sql("select * from programme_member where programme_id = ? order by status_changed_at desc, id")
			.param(programmeId)
			.query(Members::member)
			.list();
	}

	/** The memberships of a customer, over all their merged profiles. */
	public List<Member> ofCustomer(Collection<Long> profileIds) {
		if (profileIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from programme_member where customer_id in (:ids) order by created_at")
			.param("ids", profileIds)
			.query(Members::member)
			.list();
	}

	/** Every member who was ever active and has not left before {@code since}. */
	List<Member> actingSince(Instant since) {
		return jdbc
			.sql("select * from programme_member where active_since is not null "
					+ "and (ended_at is null or ended_at >= ?) order by id")
			.param(Timestamp.from(since))
			.query(Members::member)
			.list();
	}

	private void history(long memberId, @Nullable MemberStatus from, MemberStatus to, @Nullable Long actorId,
			@Nullable String note, Instant at) {
		jdbc.sql(
				"insert into programme_member_status (member_id, from_status, to_status, changed_by, note, changed_at) "
						+ "values (?, ?, ?, ?, ?, ?)")
			.params(memberId, from == null ? null : from.api(), to.api(), actorId, blankToNull(note),
					Timestamp.from(at))
			.update();
	}

	static String subject(long memberId) {
		return "programme-member:" + memberId;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	static Member member(ResultSet rs, int n) throws SQLException {
		Date term = rs.getDate("term_ends_on");
		Timestamp activeSince = rs.getTimestamp("active_since");
		Timestamp ended = rs.getTimestamp("ended_at");
		return new Member(rs.getLong("id"), rs.getLong("programme_id"), rs.getObject("customer_id", Long.class),
				rs.getObject("agent_id", Long.class), MemberStatus.of(rs.getString("status")), rs.getString("mission"),
				term == null ? null : term.toLocalDate(),
				new Contract(Contract.Kind.of(rs.getString("contract_kind")), rs.getBigDecimal("contract_amount"),
						rs.getString("contract_currency"), rs.getString("disclosure")),
				rs.getObject("delegate_agent_id", Long.class), activeSince == null ? null : activeSince.toInstant(),
				ended == null ? null : ended.toInstant(), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("status_changed_at").toInstant());
	}

}
