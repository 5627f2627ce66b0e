package org.parlons.segments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.CustomerTraits;
import org.parlons.customers.Customers;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Segments of customers from a condition over what Parlons knows of them. A dynamic
 * segment is evaluated over the whole base once, then kept up to date customer by
 * customer as things happen to them ({@link SegmentWatch}); a snapshot is evaluated once
 * and kept as it was, for a campaign. Every entry and exit is written down with its
 * cause. A profiling segment leaves out whoever objected to profiling or restricted
 * processing; a necessary one may read only the profile and contracts.
 */
@Service
public class Segments {

	/**
	 * Facts that change with no event to follow: their segments are evaluated every
	 * sweep.
	 */
	static final Set<String> SWEPT = Set.of("score", "influence", "contracts", "consumption");

	/** How many customers are evaluated together. */
	static final int BATCH = 1000;

	/**
	 * A segment.
	 *
	 * @param id its number
	 * @param name its name
	 * @param condition its condition, written canonically
	 * @param kind "dynamic" (kept up to date) or "snapshot" (evaluated once)
	 * @param purpose "profiling", or "necessary" (profile and contracts only: customers
	 * who objected to profiling stay in)
	 * @param windowed whether a part of the condition counts over a window (or reads a
	 * decaying score or an influence), so that the whole base is evaluated again every
	 * sweep
	 * @param createdBy the agent who made it
	 * @param createdAt when
	 * @param evaluatedAt when the whole base was last evaluated
	 * @param members how many customers are in it
	 */
	public record Segment(long id, String name, String condition, String kind, String purpose, boolean windowed,
			@Nullable Long createdBy, Instant createdAt, @Nullable Instant evaluatedAt, long members) {

		public boolean dynamic() {
			return kind.equals("dynamic");
		}

	}

	/**
	 * An entry into a segment or an exit from it.
	 *
	 * @param segmentId the segment
	 * @param customerId the customer
	 * @param entered whether they entered (or left)
	 * @param cause what made it: "created", "message", "merge", "undo", "sweep"…
	 * @param at when
	 */
	public record Change(long segmentId, long customerId, boolean entered, String cause, Instant at) {
	}

	/** A page of members, by customer number. */
	public record Members(List<Long> customerIds, long total) {
	}

	/**
	 * One comparison of a condition for one customer.
	 *
	 * @param comparison the comparison as written
	 * @param value the customer's value
	 * @param holds whether it holds
	 */
	public record Reason(String comparison, String value, boolean holds) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final CustomerTraits traits;

	private final Customers customers;

	private final FactReader reader;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Map<String, Condition> parsed = new ConcurrentHashMap<>();

	Segments(JdbcClient jdbc, JdbcTemplate batch, CustomerTraits traits, Customers customers, FactReader reader,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.traits = traits;
		this.customers = customers;
		this.reader = reader;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * A new segment, evaluated over the whole base before it is answered.
	 * @param kind "dynamic" or "snapshot"
	 * @param purpose "profiling" or "necessary"
	 */
	public Segment create(String name, String conditionText, String kind, String purpose, @Nullable Long actorId) {
		String clean = name.strip();
		if (clean.isEmpty() || clean.length() > 200) {
			throw Refusals.invalid("segment.name", "A segment's name is 1 to 200 characters");
		}
		if (!kind.equals("dynamic") && !kind.equals("snapshot")) {
			throw Refusals.invalid("segment.kind", "A segment is dynamic or snapshot, not '" + kind + "'", kind);
		}
		if (!purpose.equals("profiling") && !purpose.equals("necessary")) {
			throw Refusals.invalid("segment.purpose",
					"A segment's purpose is profiling or necessary, not '" + purpose + "'", purpose);
		}
		Condition condition = ConditionParser.parse(conditionText);
		if (purpose.equals("necessary")) {
			condition.comparisons()
				.stream()
				.filter(c -> Fact.of(c.family()).orElseThrow().profiling())
				.findFirst()
				.ifPresent(c -> {
					throw Refusals.invalid("segment.necessary",
							"A necessary segment reads the profile and contracts only; '" + c.family()
									+ "' is profiling",
							c.family());
				});
		}
		// evaluated again every sweep: time moves a window, decays a score or an
		// influence,
		// and contracts change without telling (their imports publish nothing)
		boolean windowed = condition.comparisons()
			.stream()
			.anyMatch(c -> c.window() != null || SWEPT.contains(c.family()));
		long id = insert(clean, condition, kind, purpose, windowed, actorId);
		if (id < 0) {
			throw Refusals.conflict("segment.exists", "There is already a segment named " + clean, clean);
		}
		evaluateAll(id, "created");
		return get(id);
	}

	private long insert(String name, Condition condition, String kind, String purpose, boolean windowed,
			@Nullable Long actorId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into segment (name, condition_text, kind, purpose, windowed, created_by, created_at) "
					+ "values (?, ?, ?, ?, ?, ?, ?)")
				.params(name, condition.toString(), kind, purpose, windowed, actorId, Timestamp.from(clock.instant()))
				.update(keys, "id");
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			return -1;
		}
		return keys.getKeyAs(Number.class).longValue();
	}

	public List<Segment> all() {
		return jdbc.sql(SELECT + " order by s.name").query(Segments::segment).list();
	}

	/** Whether any segment is kept up to date: if none, nobody needs looking at again. */
	boolean anyDynamic() {
		return jdbc.sql("select count(*) from segment where kind = 'dynamic'").query(Long.class).single() > 0;
	}

	/** Every segment, in the order they were made. */
	private List<Segment> plain() {
		return jdbc.sql(SELECT + " order by s.id").query(Segments::segment).list();
	}

	public Optional<Segment> find(long id) {
		return jdbc.sql(SELECT + " where s.id = ?").param(id).query(Segments::segment).optional();
	}

	public Segment get(long id) {
		return find(id)
			.orElseThrow(() -> NotFoundException.said("segment.unknown", "No segment " + id, String.valueOf(id)));
	}

	boolean isSnapshot(long id) {
		return jdbc.sql(SELECT + " where s.id = ?")
			.param(id)
			.query(Segments::segment)
			.optional()
			.map(s -> !s.dynamic())
			.orElse(false);
	}

	@Transactional
	public void delete(long id) {
		get(id);
		jdbc.sql("delete from segment where id = ?").param(id).update();
	}

	/** The members, by customer number, from {@code offset}. */
	public Members members(long id, int offset, int limit) {
		Segment segment = jdbc.sql(SELECT + " where s.id = ?")
			.param(id)
			.query(Segments::segment)
			.optional()
			.orElseThrow(() -> NotFoundException.said("segment.unknown", "No segment " + id, String.valueOf(id)));
		List<Long> page = jdbc
			.sql("select customer_id from segment_member where segment_id = ? order by customer_id "
					+ "offset ? rows fetch next ? rows only")
			.params(id, offset, limit)
			.query(Long.class)
			.list();
		long total = segment.members();
		return new Members(page, total);
	}

	/** The segments the customer is in now. */
	public List<Segment> of(long customerId) {
		return jdbc
			.sql(SELECT
					+ " where s.id in (select segment_id from segment_member where customer_id = ?) order by s.name")
			.param(customers.current(customerId))
			.query(Segments::segment)
			.list();
	}

	/** Whether the customer is in the segment now. */
	public boolean contains(long segmentId, long customerId) {
		return jdbc.sql("select count(*) from segment_member where segment_id = ? and customer_id = ?")
			.params(segmentId, customers.current(customerId))
			.query(Long.class)
			.single() > 0;
	}

	/** The latest entries and exits of a segment, the latest first. */
	public List<Change> history(long segmentId, int limit) {
		return jdbc
			.sql("select segment_id, customer_id, entered, cause, changed_at from segment_change where segment_id = ? "
					+ "order by changed_at desc, id desc fetch first ? rows only")
			.params(segmentId, limit)
			.query(Segments::change)
			.list();
	}

	/** The customer's entries and exits, the latest first. */
	public List<Change> historyOf(long customerId) {
		return jdbc
			.sql("select segment_id, customer_id, entered, cause, changed_at from segment_change "
					+ "where customer_id = any(:ids) order by changed_at desc, id desc fetch first 200 rows only")
			.param("ids", customers.aliasesOf(customers.current(customerId)).toArray(Long[]::new))
			.query(Segments::change)
			.list();
	}

	/** Why the customer is in the segment, or not: each comparison with their value. */
	public List<Reason> explain(long segmentId, long customerId) {
		Segment segment = get(segmentId);
		long current = customers.current(customerId);
		Map<Long, CustomerTraits.Traits> known = traits.of(List.of(current));
		return new Evaluation(reader, known).explain(condition(segment), current);
	}

	/**
	 * Evaluates the segment over the whole base, in batches of {@link #BATCH} customers
	 * each in its own transaction, and writes who entered and left.
	 * @return how many members it has
	 */
	public long evaluateAll(long segmentId, String cause) {
		Segment segment = get(segmentId);
		Condition condition = condition(segment);
		long after = 0;
		while (true) {
			long from = after;
			List<Long> ids = traits.liveAfter(from, BATCH);
			if (ids.isEmpty()) {
				tx.executeWithoutResult(s -> {
					lock(segmentId);
					List<Long> gone = jdbc
						.sql("select customer_id from segment_member where segment_id = ? and customer_id > ?")
						.params(segmentId, from)
						.query(Long.class)
						.list();
					apply(segmentId, Set.of(), new HashSet<>(gone), cause);
				});
				break;
			}
			long last = ids.get(ids.size() - 1);
			tx.executeWithoutResult(s -> {
				lock(segmentId);
				Set<Long> holding = holding(segment, condition, ids);
				Set<Long> existing = new HashSet<>(jdbc
					.sql("select customer_id from segment_member where segment_id = ? and customer_id > ? "
							+ "and customer_id <= ?")
					.params(segmentId, from, last)
					.query(Long.class)
					.list());
				diff(segmentId, holding, existing, cause);
			});
			after = last;
		}
		jdbc.sql("update segment set evaluated_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), segmentId)
			.update();
		return get(segmentId).members();
	}

	/**
	 * Looks again at these profiles in every dynamic segment: what the incremental update
	 * does for the customers something happened to. Ids of merged or erased profiles
	 * leave every segment; the live profile of each is looked at instead.
	 */
	@Transactional
	public void reevaluate(Collection<Long> profileIds, String cause) {
		if (profileIds.isEmpty()) {
			return;
		}
		Set<Long> ids = new LinkedHashSet<>(profileIds);
		profileIds.forEach(id -> ids.add(customers.current(id)));
		List<Long> sorted = new ArrayList<>(ids);
		sorted.sort(null);
		for (Segment segment : plain()) {
			if (segment.dynamic()) {
				lock(segment.id());
				Set<Long> holding = holding(segment, condition(segment), sorted);
				Set<Long> existing = membersAmong(segment.id(), sorted);
				// a segment whose first evaluation is still running: who enters now
				// enters by its creation
				diff(segment.id(), holding, existing, segment.evaluatedAt() == null ? "created" : cause);
			}
		}
	}

	/** Puts a customer in a snapshot segment: a score's threshold does. */
	@Transactional
	public void add(long segmentId, long customerId, String cause) {
		if (!isSnapshot(segmentId)) {
			return;
		}
		lock(segmentId);
		apply(segmentId, Set.of(customers.current(customerId)), Set.of(), cause);
	}

	/** Takes the profiles out of every segment: an objection to profiling, an erasure. */
	@Transactional
	public void forget(Collection<Long> profileIds, boolean profilingOnly, String cause) {
		Set<Long> ids = new HashSet<>(profileIds);
		for (Segment segment : plain()) {
			if (!profilingOnly || segment.purpose().equals("profiling")) {
				lock(segment.id());
				Set<Long> existing = membersAmong(segment.id(), ids);
				apply(segment.id(), Set.of(), existing, cause);
			}
		}
	}

	/**
	 * Holds the segment's row until the transaction ends, before its members are read:
	 * the creation's evaluation and the watch may both look at a new customer, and the
	 * second must see what the first wrote. Segments are locked in id order (the
	 * listing's), one at a time by an evaluation, so two writers never wait on each other
	 * in a circle.
	 */
	private void lock(long segmentId) {
		jdbc.sql("select id from segment where id = ? for update").param(segmentId).query(Long.class).optional();
	}

	/** Those of the ids who are members of the segment now. */
	private Set<Long> membersAmong(long segmentId, Collection<Long> ids) {
		return new HashSet<>(jdbc
			.sql("select customer_id from segment_member where segment_id = :segment and customer_id = any(:ids)")
			.param("segment", segmentId)
			.param("ids", ids.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

	/** Who of these ids belongs: live ones, refusers left out of profiling segments. */
	private Set<Long> holding(Segment segment, Condition condition, List<Long> ids) {
		Map<Long, CustomerTraits.Traits> known = traits.of(ids);
		Set<Long> candidates = new HashSet<>();
		known.forEach((id, t) -> {
			if (!t.profilingRefused() || segment.purpose().equals("necessary")) {
				candidates.add(id);
			}
		});
		return new Evaluation(reader, known).holding(condition, candidates);
	}

	private void diff(long segmentId, Set<Long> holding, Set<Long> existing, String cause) {
		Set<Long> entered = new HashSet<>(holding);
		entered.removeAll(existing);
		Set<Long> left = new HashSet<>(existing);
		left.removeAll(holding);
		apply(segmentId, entered, left, cause);
	}

	private void apply(long segmentId, Set<Long> entered, Set<Long> left, String cause) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> changes = new ArrayList<>();
		if (!entered.isEmpty()) {
			List<Long> in = new ArrayList<>(entered);
			int[] added = batch.batchUpdate(
					"insert into segment_member (segment_id, customer_id, since) "
							+ "select ?, ?, ? where not exists (select 1 from segment_member where segment_id = ? "
							+ "and customer_id = ?)",
					in.stream().map(id -> new Object[] { segmentId, id, now, segmentId, id }).toList());
			for (int i = 0; i < added.length; i++) {
				if (added[i] != 0) {
					changes.add(new Object[] { segmentId, in.get(i), true, cause, now });
				}
			}
		}
		if (!left.isEmpty()) {
			List<Long> out = new ArrayList<>(left);
			int[] removed = batch.batchUpdate("delete from segment_member where segment_id = ? and customer_id = ?",
					out.stream().map(id -> new Object[] { segmentId, id }).toList());
			for (int i = 0; i < removed.length; i++) {
				if (removed[i] != 0) {
					changes.add(new Object[] { segmentId, out.get(i), false, cause, now });
				}
			}
		}
		if (!changes.isEmpty()) {
			long delta = changes.stream().mapToLong(c -> Boolean.TRUE.equals(c[2]) ? 1 : -1).sum();
			jdbc.sql("update segment set member_count = member_count + ? where id = ?")
				.params(delta, segmentId)
				.update();
			batch.batchUpdate("insert into segment_change (segment_id, customer_id, entered, cause, changed_at) "
					+ "values (?, ?, ?, ?, ?)", changes);
		}
	}

	Condition condition(Segment segment) {
		return parsed.computeIfAbsent(segment.condition(), ConditionParser::parse);
	}

	private static final String SELECT = "select s.id, s.name, s.condition_text, s.kind, s.purpose, s.windowed, "
			+ "s.created_by, s.created_at, s.evaluated_at, " + "s.member_count from segment s";

	private static Segment segment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp evaluated = rs.getTimestamp(9);
		return new Segment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getBoolean(6), (Long) rs.getObject(7, Long.class), rs.getTimestamp(8).toInstant(),
				evaluated == null ? null : evaluated.toInstant(), rs.getLong(10));
	}

	private static Change change(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Change(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4),
				rs.getTimestamp(5).toInstant());
	}

}
