package org.parlons.advocacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger, lines never changed: points earned once per mission and evidence
 * (the same post arriving twice, from an inbox and from a search, earns once), up to the
 * mission's limit per member; points spent on approved rewards. Lifetime points never go
 * down and give the level; spendable points are what is left after rewards given and
 * asked for.
 */
@Repository
public class Ledger {

	/**
	 * Levels by lifetime points, as Influitive-style programmes name them: the key of
	 * each level's name in the bundles and the points it starts at.
	 */
	public enum Level {

		NEWCOMER(0), BRONZE(100), SILVER(500), GOLD(2000);

		private final int from;

		Level(int from) {
			this.from = from;
		}

		public int from() {
			return from;
		}

		public static Level of(long lifetime) {
			Level reached = NEWCOMER;
			for (Level level : values()) {
				if (lifetime >= level.from) {
					reached = level;
				}
			}
			return reached;
		}

	}

	/**
	 * Where a member stands.
	 *
	 * @param lifetime every point ever earned
	 * @param spent points spent on rewards given
	 * @param reserved points set aside for rewards asked for and not decided yet
	 * @param spendable what may still be spent
	 * @param level the level the lifetime points reach: NEWCOMER, BRONZE (100), SILVER
	 * (500), GOLD (2000)
	 */
	public record Balance(long lifetime, long spent, long reserved, long spendable, Level level) {
	}

	/**
	 * A line of the ledger.
	 *
	 * @param id its number
	 * @param missionId the mission it was earned for, none for a reward
	 * @param mission that mission's title
	 * @param redemptionId the reward request it was spent on, none when earned
	 * @param points earned (positive) or spent (negative)
	 * @param evidence what showed the mission done: the post ("x:123") or the manager's
	 * words
	 * @param observed whether listening saw it (else a manager recorded it)
	 * @param at when
	 */
	public record Line(long id, @Nullable Long missionId, @Nullable String mission, @Nullable Long redemptionId,
			int points, @Nullable String evidence, boolean observed, Instant at) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Ledger(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records the points of a mission shown by its evidence; answers whether they were
	 * earned now (false: this evidence counted already, or the member reached the
	 * mission's limit).
	 * @param evidence what shows the mission done: the post ("x:123") or what the manager
	 * saw
	 * @param recordedBy the manager who recorded it, none when observed in listening
	 */
	@Transactional
	public boolean earn(Members.Member member, Missions.Mission mission, String evidence, @Nullable Long recordedBy) {
		if (mission.programmeId() != member.programmeId()) {
			throw Refusals.invalid("advocacy.points.programme", "The mission belongs to another programme");
		}
		if (!member.status().acting()) {
			throw Refusals.conflict("advocacy.points.inactive", "Only an active member earns points");
		}
		// one writer at a time per member, so that the limit and the evidence hold
		jdbc.sql("select id from programme_member where id = ? for update").param(member.id()).query().listOfRows();
		long already = jdbc
			.sql("select count(*) from programme_points where member_id = ? and mission_id = ? and points > 0")
			.params(member.id(), mission.id())
			.query(Long.class)
			.single();
		boolean counted = jdbc
			.sql("select count(*) from programme_points where member_id = ? and mission_id = ? and evidence = ?")
			.params(member.id(), mission.id(), evidence)
			.query(Long.class)
			.single() > 0;
		if (counted || already >= mission.maxPerMember()) {
			return false;
		}
		jdbc.sql("insert into programme_points (member_id, mission_id, points, evidence, observed, recorded_by, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?)")
			.params(member.id(), mission.id(), mission.points(), evidence, recordedBy == null, recordedBy,
					Timestamp.from(clock.instant()))
			.update();
		if (recordedBy != null) {
			events.publishEvent(new AdvocacyEvent("points.recorded", Members.subject(member.id()),
					mission.points() + " points, mission " + mission.id(), recordedBy));
		}
		return true;
	}

	/** Spends points on an approved reward. */
	void spend(long memberId, long redemptionId, int points, long approvedBy) {
		jdbc.sql("insert into programme_points (member_id, redemption_id, points, observed, recorded_by, created_at) "
				+ "values (?, ?, ?, false, ?, ?)")
			.params(memberId, redemptionId, -points, approvedBy, Timestamp.from(clock.instant()))
			.update();
	}

	public Balance balance(long memberId) {
		return jdbc
			.sql("select coalesce(sum(case when points > 0 then points else 0 end), 0), "
					+ "coalesce(sum(case when points < 0 then -points else 0 end), 0), "
					+ "(select coalesce(sum(r.cost), 0) from programme_redemption r where r.member_id = :m "
					+ "and r.status = 'requested') from programme_points where member_id = :m")
			.param("m", memberId)
			.query((rs, n) -> {
				long lifetime = rs.getLong(1);
				long spent = rs.getLong(2);
				long reserved = rs.getLong(3);
				return new Balance(lifetime, spent, reserved, lifetime - spent - reserved, Level.of(lifetime));
			})
			.single();
	}

	/** How many missions the member earned points for since then. */
	public long missionsDone(java.util.Collection<Long> memberIds, Instant from, Instant to) {
		if (memberIds.isEmpty()) {
			return 0;
		}
		return jdbc
			.sql("select count(*) from programme_points where member_id in (:ids) and points > 0 "
					+ "and mission_id is not null and created_at >= :from and created_at < :to")
			.param("ids", memberIds)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(Long.class)
			.single();
	}

	public List<Line> lines(long memberId, int limit) {
		return jdbc
			.sql("select p.id, p.mission_id, m.title, p.redemption_id, p.points, p.evidence, p.observed, p.created_at "
					+ "from programme_points p left join programme_mission m on m.id = p.mission_id "
					+ "where p.member_id = ? order by p.created_at desc, p.id desc limit ?")
			.params(memberId, limit)
			.query((rs, n) -> new Line(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
					rs.getObject(4, Long.class), rs.getInt(5), rs.getString(6), rs.getBoolean(7),
					rs.getTimestamp(8).toInstant()))
			.list();
	}

}
