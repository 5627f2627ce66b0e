package org.parlons.advocacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What members are asked to do (share, review, answer in the community, test, attend,
 * refer), the points it earns, and what shows it was done: a hashtag, a link or a phrase
 * that the watch finds in the member's public posts, or, for what no post shows, the
 * manager's record.
 */
@Repository
public class Missions {

	/** The kinds of missions. */
	public static final List<String> KINDS = List.of("share", "review", "answer", "test", "attend", "refer");

	/**
	 * A mission.
	 *
	 * @param id its number
	 * @param programmeId its programme
	 * @param title what to do
	 * @param kind "share", "review", "answer", "test", "attend" or "refer"
	 * @param points what it earns
	 * @param startsAt from when posts count
	 * @param endsAt until when, none: no end
	 * @param evidenceMatch what a public post must contain to show the mission done;
	 * none: recorded by hand
	 * @param maxPerMember how many times a member may earn it
	 */
	public record Mission(long id, long programmeId, String title, String kind, int points,
			@Nullable String evidenceMatch, int maxPerMember, Instant startsAt, @Nullable Instant endsAt) {

		/** Whether a post published then counts. */
		public boolean runsAt(Instant at) {
			return !at.isBefore(startsAt) && (endsAt == null || at.isBefore(endsAt));
		}

		/** Whether the text shows the mission done. */
		public boolean shownBy(String text) {
			return evidenceMatch != null && Disclosure.normal(text).contains(Disclosure.normal(evidenceMatch));
		}

	}

	/** A new mission. */
	public record NewMission(String title, String kind, int points, @Nullable String evidenceMatch,
			@Nullable Integer maxPerMember, @Nullable Instant startsAt, @Nullable Instant endsAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Missions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Mission create(long programmeId, NewMission m) {
		String title = m.title() == null ? "" : m.title().strip();
		if (title.isEmpty() || title.length() > 300) {
			throw Refusals.invalid("advocacy.mission.title", "title: between 1 and 300 characters");
		}
		String kind = m.kind() == null ? "" : m.kind().strip().toLowerCase(Locale.ROOT);
		if (!KINDS.contains(kind)) {
			throw Refusals.invalid("advocacy.mission.kind", "kind: one of " + String.join(", ", KINDS), m.kind());
		}
		if (m.points() <= 0 || m.points() > 100_000) {
			throw Refusals.invalid("advocacy.mission.points", "points: between 1 and 100000");
		}
		int max = m.maxPerMember() == null ? 1 : m.maxPerMember();
		if (max <= 0 || max > 1000) {
			throw Refusals.invalid("advocacy.mission.max", "maxPerMember: between 1 and 1000");
		}
		String match = m.evidenceMatch() == null || m.evidenceMatch().isBlank() ? null : m.evidenceMatch().strip();
		if (match != null && (match.length() < 3 || match.length() > 500)) {
			throw Refusals.invalid("advocacy.mission.match", "evidenceMatch: between 3 and 500 characters");
		}
		Instant now = clock.instant();
		Instant starts = m.startsAt() == null ? now : m.startsAt();
		if (m.endsAt() != null && !m.endsAt().isAfter(starts)) {
			throw Refusals.invalid("advocacy.mission.period", "endsAt: after startsAt");
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into programme_mission (programme_id, title, kind, points, evidence_match, max_per_member, "
				+ "starts_at, ends_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(programmeId, title, kind, m.points(), match, max, Timestamp.from(starts),
					m.endsAt() == null ? null : Timestamp.from(m.endsAt()), Timestamp.from(now))
			.update(key, "id");
		return get(key.getKey().longValue());
	}

	public List<Mission> of(long programmeId) {
		return jdbc.sql("select * from programme_mission where programme_id = ? order by starts_at desc, id desc")
			.param(programmeId)
			.query(Missions::mission)
			.list();
	}

	/** The missions a post could show done: those with something to find in a post. */
	List<Mission> observable(long programmeId) {
		return of(programmeId).stream().filter(m -> m.evidenceMatch() != null).toList();
	}

	public Mission get(long id) {
		return jdbc.sql("select * from programme_mission where id = ?")
			.param(id)
			.query(Missions::mission)
			.optional()
			.orElseThrow(() -> new NotFoundException("No mission " + id));
	}

	private static Mission mission(ResultSet rs, int n) throws SQLException {
		Timestamp ends = rs.getTimestamp("ends_at");
		return new Mission(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("title"), rs.getString("kind"),
				rs.getInt("points"), rs.getString("evidence_match"), rs.getInt("max_per_member"),
				rs.getTimestamp("starts_at").toInstant(), ends == null ? null : ends.toInstant());
	}

}
