package org.parlons.representation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communities of customers and their members: members, shareholders (sociétaires) with a
 * register number never given to anyone else, honorary members; active, suspended or
 * ended, from a date. Membership gives the vote in the community's elections.
 */
@Repository
public class Communities {

	/** The kinds of membership. */
	public static final List<String> KINDS = List.of("member", "shareholder", "honorary");

	/**
	 * A community.
	 *
	 * @param id its number
	 * @param name its name
	 * @param description what it gathers
	 * @param members its active members
	 */
	public record Community(long id, String name, @Nullable String description, long members) {
	}

	/**
	 * A membership.
	 *
	 * @param customerId the customer
	 * @param kind "member", "shareholder" or "honorary"
	 * @param role their role in the community ("président du conseil"), if any
	 * @param registerNumber the number in the company's register, never reused
	 * @param status "active", "suspended" or "ended"
	 * @param since from when
	 * @param endedAt until when, once ended
	 */
	public record Membership(long customerId, String kind, @Nullable String role, @Nullable String registerNumber,
			String status, Instant since, @Nullable Instant endedAt) {
	}

	private final JdbcClient jdbc;

	private final org.parlons.customers.Customers customers;

	private final Clock clock;

	Communities(JdbcClient jdbc, org.parlons.customers.Customers customers, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * The customer attribute an active membership sets to 1 (removed otherwise): an
	 * escalation rule of kind {@code customer_value} on it, threshold 1, gives the
	 * members a service level (a priority, a team).
	 */
	public static String attribute(long communityId) {
		return "community." + communityId;
	}

	private void mark(long communityId, long customerId, boolean active) {
		customers.findById(customerId).ifPresent(c -> {
			java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>(c.attributes());
			boolean changed = active ? !Integer.valueOf(1).equals(attributes.put(attribute(communityId), 1))
					: attributes.remove(attribute(communityId)) != null;
			if (changed) {
				customers.putAttributes(customerId, attributes);
			}
		});
	}

	public Community create(String name, @Nullable String description) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw Refusals.invalid("representation.community.name", "name: between 1 and 200 characters");
		}
		if (jdbc.sql("select count(*) from community where lower(name) = lower(?)")
			.param(clean)
			.query(Long.class)
			.single() > 0) {
			throw Refusals.conflict("representation.community.taken", "A community is already called " + clean, clean);
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into community (name, description, created_at) values (?, ?, ?)")
			.params(clean, description == null || description.isBlank() ? null : description.strip(),
					Timestamp.from(clock.instant()))
			.update(key, "id");
		return get(key.getKey().longValue());
	}

	public List<Community> list() {
		return jdbc.sql(SELECT + " order by c.name").query(Communities::community).list();
	}

	public Optional<Community> find(long id) {
		return jdbc.sql(SELECT + " where c.id = ?").param(id).query(Communities::community).optional();
	}

	public Community get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("No community " + id));
	}

	/**
	 * Makes the customer a member (or changes their membership); an ended member comes
	 * back with their number. A number already given to someone else is refused.
	 */
	@Transactional
	public Membership join(long communityId, long customerId, String kind, @Nullable String registerNumber,
			@Nullable Instant since) {
		return join(communityId, customerId, kind, null, registerNumber, since);
	}

	/** The same, with the member's role in the community. */
	@Transactional
	public Membership join(long communityId, long customerId, String kind, @Nullable String role,
			@Nullable String registerNumber, @Nullable Instant since) {
		String roleName = role == null || role.isBlank() ? null : role.strip();
		if (roleName != null && roleName.length() > 100) {
			throw Refusals.invalid("representation.member.role", "role: at most 100 characters");
		}
		get(communityId);
		String k = kind == null ? "member" : kind.strip().toLowerCase(Locale.ROOT);
		if (!KINDS.contains(k)) {
			throw Refusals.invalid("representation.member.kind", "kind: member, shareholder or honorary, not " + kind,
					kind);
		}
		String number = registerNumber == null || registerNumber.isBlank() ? null : registerNumber.strip();
		if (number != null && number.length() > 40) {
			throw Refusals.invalid("representation.member.number", "registerNumber: at most 40 characters");
		}
		Optional<Membership> before = membership(communityId, customerId);
		if (number != null) {
			Optional<Long> holder = jdbc
				.sql("select customer_id from community_member where community_id = ? and register_number = ?")
				.params(communityId, number)
				.query(Long.class)
				.optional();
			if (holder.isPresent() && holder.get() != customerId) {
				throw Refusals.conflict("representation.member.numberTaken",
						"Register number " + number + " was given to someone else; numbers are never reused", number);
			}
		}
		if (before.isPresent() && before.get().registerNumber() != null && number != null
				&& !before.get().registerNumber().equals(number)) {
			throw Refusals.conflict("representation.member.numberKept",
					"This member holds register number " + before.get().registerNumber() + " for good",
					before.get().registerNumber());
		}
		Instant now = clock.instant();
		Instant from = since == null ? now : since;
		if (before.isEmpty()) {
			jdbc.sql("insert into community_member (community_id, customer_id, kind, role, register_number, status, "
					+ "since, created_at) values (?, ?, ?, ?, ?, 'active', ?, ?)")
				.params(communityId, customerId, k, roleName, number, Timestamp.from(from), Timestamp.from(now))
				.update();
		}
		else {
			boolean back = "ended".equals(before.get().status());
			jdbc.sql("update community_member set kind = ?, role = ?, register_number = coalesce(register_number, ?), "
					+ "status = 'active', ended_at = null, since = ? where community_id = ? and customer_id = ?")
				.params(k, roleName, number, Timestamp.from(back ? from : before.get().since()), communityId,
						customerId)
				.update();
		}
		mark(communityId, customerId, true);
		return membership(communityId, customerId).orElseThrow();
	}

	/**
	 * Suspends an active membership (the member does not vote while suspended), or lifts
	 * the suspension.
	 */
	public Membership suspend(long communityId, long customerId, boolean suspended) {
		int changed = jdbc
			.sql("update community_member set status = ? where community_id = ? and customer_id = ? and status = ?")
			.params(suspended ? "suspended" : "active", communityId, customerId, suspended ? "active" : "suspended")
			.update();
		Membership m = membership(communityId, customerId)
			.orElseThrow(() -> new NotFoundException("No member " + customerId + " in community " + communityId));
		if (changed == 0) {
			throw Refusals.conflict("representation.member.status", "This membership is " + m.status(), m.status());
		}
		mark(communityId, customerId, !suspended);
		return m;
	}

	/** Ends a membership: the member keeps their number, nobody else gets it. */
	public Membership end(long communityId, long customerId) {
		int changed = jdbc
			.sql("update community_member set status = 'ended', ended_at = ? where community_id = ? "
					+ "and customer_id = ? and status <> 'ended'")
			.params(Timestamp.from(clock.instant()), communityId, customerId)
			.update();
		if (changed == 0 && membership(communityId, customerId).isEmpty()) {
			throw new NotFoundException("No member " + customerId + " in community " + communityId);
		}
		mark(communityId, customerId, false);
		return membership(communityId, customerId).orElseThrow();
	}

	public Optional<Membership> membership(long communityId, long customerId) {
		return jdbc.sql("select * from community_member where community_id = ? and customer_id = ?")
			.params(communityId, customerId)
			.query(Communities::membership)
			.optional();
	}

	public List<Membership> members(long communityId) {
		return jdbc.sql("select * from community_member where community_id = ? order by status, since, id")
			.param(communityId)
			.query(Communities::membership)
			.list();
	}

	/** The active member holding that register number in the community. */
	public Optional<Long> holder(long communityId, String registerNumber) {
		return jdbc
			.sql("select customer_id from community_member where community_id = ? and register_number = ? "
					+ "and status = 'active'")
			.params(communityId, registerNumber.strip())
			.query(Long.class)
			.optional();
	}

	/** The communities those profiles are active members of. */
	public List<Community> of(Collection<Long> profileIds) {
		if (profileIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql(SELECT + " where c.id in (select m.community_id from community_member m "
					+ "where m.customer_id in (:ids) and m.status = 'active') order by c.name")
			.param("ids", profileIds)
			.query(Communities::community)
			.list();
	}

	/** Whether one of those profiles was a member at that time, and is not suspended. */
	boolean memberAt(long communityId, Collection<Long> profileIds, Instant at) {
		return jdbc
			.sql("select count(*) from community_member where community_id = :c and customer_id in (:ids) "
					+ "and since <= :at and (ended_at is null or ended_at > :at) and status <> 'suspended'")
			.param("c", communityId)
			.param("ids", profileIds)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single() > 0;
	}

	/** How many were members at that time. */
	long membersAt(long communityId, Instant at) {
		return jdbc
			.sql("select count(*) from community_member where community_id = :c and since <= :at "
					+ "and (ended_at is null or ended_at > :at) and status <> 'suspended'")
			.param("c", communityId)
			.param("at", Timestamp.from(at))
			.query(Long.class)
			.single();
	}

	private static final String SELECT = "select c.id, c.name, c.description, (select count(*) from community_member m "
			+ "where m.community_id = c.id and m.status = 'active') from community c";

	private static Community community(ResultSet rs, int n) throws SQLException {
		return new Community(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
	}

	private static Membership membership(ResultSet rs, int n) throws SQLException {
		Timestamp ended = rs.getTimestamp("ended_at");
		return new Membership(rs.getLong("customer_id"), rs.getString("kind"), rs.getString("role"),
				rs.getString("register_number"), rs.getString("status"), rs.getTimestamp("since").toInstant(),
				ended == null ? null : ended.toInstant());
	}

}
