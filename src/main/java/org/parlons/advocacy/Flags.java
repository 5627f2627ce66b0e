package org.parlons.advocacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.parlons.listening.Mentions;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the programme manager is told to look at: a paid or in-kind member's public post
 * about the brand without the disclosure their contract requires, once per post however
 * many times it is heard.
 */
@Repository
public class Flags {

	/** The kind of flag a missing disclosure raises. */
	public static final String UNDISCLOSED = "undisclosed";

	/**
	 * A flag.
	 *
	 * @param id its number
	 * @param programmeId the programme
	 * @param memberId the member who posted
	 * @param kind "undisclosed": the post lacks the disclosure the contract requires
	 * @param network where it was posted
	 * @param externalId the post's id there
	 * @param text what the post says
	 * @param url where to read it, when known
	 * @param publishedAt when it was posted
	 * @param createdAt when it was flagged
	 * @param resolvedBy the manager who dealt with it
	 * @param resolvedAt when
	 */
	public record Flag(long id, long programmeId, long memberId, String kind, String network, String externalId,
			String text, @Nullable String url, Instant publishedAt, Instant createdAt, @Nullable Long resolvedBy,
			@Nullable Instant resolvedAt) {
	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Flags(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Flags the post unless it is flagged already; answers whether it was new. */
	boolean flag(Members.Member member, Mentions.Posted post) {
		int added = jdbc
			.sql("insert into programme_flag (programme_id, member_id, kind, network, external_id, text, "
					+ "url, published_at, created_at) select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from "
					+ "programme_flag where member_id = ? and kind = ? and network = ? and external_id = ?)")
			.params(member.programmeId(), member.id(), UNDISCLOSED, post.network(), post.externalId(), post.text(),
					post.url(), Timestamp.from(post.publishedAt()), Timestamp.from(clock.instant()), member.id(),
					UNDISCLOSED, post.network(), post.externalId())
			.update();
		if (added > 0) {
			events.publishEvent(new AdvocacyEvent("flag.raised", Members.subject(member.id()),
					UNDISCLOSED + ", " + post.network() + " post " + post.externalId(), null));
		}
		return added > 0;
	}

	/** The flags of a programme, the open ones first, newest first. */
	public List<Flag> of(long programmeId, boolean openOnly) {
		return jdbc
			.sql("select * from programme_flag where programme_id = ? " + (openOnly ? "and resolved_at is null " : "")
					+ "order by case when resolved_at is null then 0 else 1 end, published_at desc limit 500")
			.param(programmeId)
			.query(Flags::flag)
			.list();
	}

	/**
	 * The manager dealt with it (asked the member to edit the post, ended the contract…).
	 */
	public Flag resolve(long programmeId, long flagId, long actorId) {
		int changed = jdbc
			.sql("update programme_flag set resolved_by = ?, resolved_at = ? where id = ? and programme_id = ? "
					+ "and resolved_at is null")
			.params(actorId, Timestamp.from(clock.instant()), flagId, programmeId)
			.update();
		Flag flag = jdbc.sql("select * from programme_flag where id = ? and programme_id = ?")
			.params(flagId, programmeId)
			.query(Flags::flag)
			.optional()
			.orElseThrow(() -> new NotFoundException("No flag " + flagId + " in this programme"));
		if (changed == 0) {
			throw Refusals.conflict("advocacy.flag.resolved", "This flag was resolved already");
		}
		events.publishEvent(
				new AdvocacyEvent("flag.resolved", Members.subject(flag.memberId()), "flag " + flagId, actorId));
		return flag;
	}

	/** Forgets the texts of the posts of those members (their author was erased). */
	void forget(List<Long> memberIds) {
		if (!memberIds.isEmpty()) {
			jdbc.sql("update programme_flag set text = '', url = null where member_id in (:ids)")
				.param("ids", memberIds)
				.update();
		}
	}

	private static Flag flag(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp resolved = rs.getTimestamp("resolved_at");
		return new Flag(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("member_id"), rs.getString("kind"),
				rs.getString("network"), rs.getString("external_id"), rs.getString("text"), rs.getString("url"),
				rs.getTimestamp("published_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
				rs.getObject("resolved_by", Long.class), resolved == null ? null : resolved.toInstant());
	}

}
