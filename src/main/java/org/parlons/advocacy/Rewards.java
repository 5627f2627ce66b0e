package org.parlons.advocacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What members may spend their points on. A member asks; the points are set aside; a
 * manager approves (the points are spent) or rejects (they come back).
 */
@Repository
public class Rewards {

	/**
	 * A reward of a programme.
	 *
	 * @param id its number
	 * @param programmeId its programme
	 * @param title what the member gets
	 * @param cost in points
	 */
	public record Reward(long id, long programmeId, String title, int cost) {
	}

	/**
	 * A member's request for a reward.
	 *
	 * @param id its number
	 * @param memberId who asked
	 * @param rewardId the reward
	 * @param reward its title
	 * @param cost the points it costs
	 * @param status "requested", "approved" or "rejected"
	 * @param decidedBy the manager who decided
	 * @param requestedAt when it was asked for
	 * @param decidedAt when it was decided
	 */
	public record Redemption(long id, long memberId, long rewardId, String reward, int cost, String status,
			@Nullable Long decidedBy, Instant requestedAt, @Nullable Instant decidedAt) {
	}

	private final JdbcClient jdbc;

	private final Members members;

	private final Ledger ledger;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Rewards(JdbcClient jdbc, Members members, Ledger ledger, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.ledger = ledger;
		this.events = events;
		this.clock = clock;
	}

	public Reward create(long programmeId, String title, int cost) {
		String clean = title == null ? "" : title.strip();
		if (clean.isEmpty() || clean.length() > 300) {
			throw Refusals.invalid("advocacy.reward.title", "title: between 1 and 300 characters");
		}
		if (cost <= 0 || cost > 1_000_000) {
			throw Refusals.invalid("advocacy.reward.cost", "cost: between 1 and 1000000 points");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into programme_reward (programme_id, title, cost, created_at) values (?, ?, ?, ?)")
			.params(programmeId, clean, cost, Timestamp.from(clock.instant()))
			.update(key, "id");
		return new Reward(key.getKey().longValue(), programmeId, clean, cost);
	}

	public List<Reward> of(long programmeId) {
		return jdbc
			.sql("select id, programme_id, title, cost from programme_reward where programme_id = ? order by cost")
			.param(programmeId)
			.query((rs, n) -> new Reward(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	/**
	 * A member asks for a reward: refused when they are not active or lack the points.
	 */
	@Transactional
	public Redemption request(long memberId, long rewardId) {
		jdbc.sql("select id from programme_member where id = ? for update").param(memberId).query().listOfRows();
		Members.Member member = members.get(memberId);
		Reward reward = of(member.programmeId()).stream()
			.filter(r -> r.id() == rewardId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No reward " + rewardId + " in this programme"));
		if (!member.status().acting()) {
			throw Refusals.conflict("advocacy.reward.inactive", "Only an active member asks for rewards");
		}
		long spendable = ledger.balance(memberId).spendable();
		if (spendable < reward.cost()) {
			throw Refusals.conflict("advocacy.reward.points",
					"This reward costs " + reward.cost() + " points; " + spendable + " are left", reward.cost(),
					spendable);
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into programme_redemption (member_id, reward_id, cost, status, requested_at) "
				+ "values (?, ?, ?, 'requested', ?)")
			.params(memberId, rewardId, reward.cost(), Timestamp.from(clock.instant()))
			.update(key, "id");
		long id = key.getKey().longValue();
		events.publishEvent(new AdvocacyEvent("reward.requested", Members.subject(memberId),
				"reward " + rewardId + ", " + reward.cost() + " points", null));
		return get(id);
	}

	/** Approves (the points are spent) or rejects a request not decided yet. */
	@Transactional
	public Redemption decide(long programmeId, long redemptionId, boolean approve, long actorId) {
		Redemption r = get(redemptionId);
		if (members.get(r.memberId()).programmeId() != programmeId) {
			throw new NotFoundException("No request " + redemptionId + " in this programme");
		}
		int changed = jdbc
			.sql("update programme_redemption set status = ?, decided_by = ?, decided_at = ? "
					+ "where id = ? and status = 'requested'")
			.params(approve ? "approved" : "rejected", actorId, Timestamp.from(clock.instant()), redemptionId)
			.update();
		if (changed == 0) {
			throw Refusals.conflict("advocacy.reward.decided", "This request was decided already");
		}
		if (approve) {
			ledger.spend(r.memberId(), redemptionId, r.cost(), actorId);
		}
		events.publishEvent(new AdvocacyEvent(approve ? "reward.approved" : "reward.rejected",
				Members.subject(r.memberId()), "request " + redemptionId + ", " + r.cost() + " points", actorId));
		return get(redemptionId);
	}

	/** The requests of a programme's members, those waiting first. */
	public List<Redemption> ofProgramme(long programmeId) {
		return jdbc
			.sql(SELECT + "join programme_member m on m.id = d.member_id where m.programme_id = ? "
					+ "order by case when d.status = 'requested' then 0 else 1 end, d.requested_at desc limit 200")
			.param(programmeId)
			.query(Rewards::redemption)
			.list();
	}

	public List<Redemption> ofMember(long memberId) {
		return jdbc.sql(SELECT + "where d.member_id = ? order by d.requested_at desc")
			.param(memberId)
			.query(Rewards::redemption)
			.list();
	}

	Redemption get(long id) {
		return jdbc.sql(SELECT + "where d.id = ?")
			.param(id)
			.query(Rewards::redemption)
			.optional()
			.orElseThrow(() -> new NotFoundException("No reward request " + id));
	}

	private static final String SELECT = "select d.id, d.member_id, d.reward_id, w.title, d.cost, d.status, "
			+ "d.decided_by, d.requested_at, d.decided_at from programme_redemption d "
			+ "join programme_reward w on w.id = d.reward_id ";

	private static Redemption redemption(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp decided = rs.getTimestamp(9);
		return new Redemption(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
				rs.getString(6), rs.getObject(7, Long.class), rs.getTimestamp(8).toInstant(),
				decided == null ? null : decided.toInstant());
	}

}
