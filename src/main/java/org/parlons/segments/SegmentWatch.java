package org.parlons.segments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.parlons.conversations.CustomerActivity;
import org.parlons.listening.Mentions;
import org.parlons.platform.Leases;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the dynamic segments and the scores up to date: reads the messages customers
 * write and the mentions listening hears, in order, scoring them and marking their
 * customers; looks again at every marked customer (marked here or by
 * {@link SegmentListeners}) in every dynamic segment; and, for segments whose condition
 * counts over a window, evaluates the whole base again every {@code sweep}, since time
 * alone can move someone out. One node at a time does it (a lease).
 */
@Service
class SegmentWatch {

	static final int BATCH = 500;

	private static final String MESSAGES = "messages";

	private static final String MENTIONS = "mentions";

	private final CustomerActivity activity;

	private final Mentions mentions;

	private final Scores scores;

	private final Segments segments;

	private final Leases leases;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final SegmentSettings settings;

	private final Clock clock;

	SegmentWatch(CustomerActivity activity, Mentions mentions, Scores scores, Segments segments, Leases leases,
			JdbcClient jdbc, TransactionTemplate tx, SegmentSettings settings, Clock clock) {
		this.activity = activity;
		this.mentions = mentions;
		this.scores = scores;
		this.segments = segments;
		this.leases = leases;
		this.jdbc = jdbc;
		this.tx = tx;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A new installation, or one that had no segments yet, starts reading at what is
	 * stored when it starts: what was written before is in each segment's first
	 * evaluation, and scores count from then on. Done before the first request, so that
	 * no message stored after the start is passed over.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Instant now = clock.instant();
		begin(MESSAGES, activity.lastWritten(now.plusSeconds(1)));
		begin(MENTIONS, mentions.lastId(now.plusSeconds(1)));
	}

	private void begin(String name, long at) {
		try {
			jdbc.sql("insert into segment_cursor (name, position) select ?, ? where not exists "
					+ "(select 1 from segment_cursor where name = ?)")
				.params(name, at, name)
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException anotherNode) {
			// another node began it at the same moment
		}
	}

	@Scheduled(fixedDelayString = "#{" + SegmentSettings.BEAN + ".interval()}", initialDelayString = "PT3S")
	void watch() {
		if (!leases.hold("job:segments")) {
			return;
		}
		while (Boolean.TRUE.equals(tx.execute(s -> readMessages()))) {
			// a backlog: keep reading
		}
		while (Boolean.TRUE.equals(tx.execute(s -> readMentions()))) {
			// a backlog: keep reading
		}
		while (drain() == BATCH) {
			// more marked customers
		}
		sweep();
	}

	/**
	 * One batch of new messages in the caller's transaction; answers whether there may be
	 * more.
	 */
	boolean readMessages() {
		Long after = position(MESSAGES);
		long upTo = activity.lastWritten(clock.instant().minus(settings.settle()));
		if (after == null) {
			move(MESSAGES, upTo); // begun at the start; here only if that failed
			return false;
		}
		List<CustomerActivity.Written> batch = activity.writtenAfter(after, upTo, BATCH);
		Instant now = clock.instant();
		Set<Long> touched = new LinkedHashSet<>();
		boolean scoring = !batch.isEmpty() && !scores.all().isEmpty();
		for (CustomerActivity.Written written : batch) {
			touched.add(written.customerId());
			if (scoring && !written.automated()) {
				scores.on("message", written.customerId(), "message:" + written.id(), written.channel(), null, now);
				if (written.opening()) {
					scores.on("conversation", written.customerId(), "message:" + written.id(), written.channel(), null,
							now);
				}
			}
		}
		mark(touched, "message");
		boolean full = batch.size() == BATCH;
		// never back: the start may have begun past what is settled now
		move(MESSAGES, full ? batch.get(batch.size() - 1).id() : Math.max(after, upTo));
		return full;
	}

	/** One batch of new mentions; answers whether there may be more. */
	boolean readMentions() {
		Long after = position(MENTIONS);
		Instant settled = clock.instant().minus(settings.settle());
		if (after == null) {
			move(MENTIONS, mentions.lastId(settled));
			return false;
		}
		List<Mentions.Posted> batch = mentions.after(after, settled, BATCH);
		if (batch.isEmpty()) {
			return false;
		}
		Set<Long> touched = new LinkedHashSet<>();
		boolean scoring = !scores.all().isEmpty();
		for (Mentions.Posted post : batch) {
			Long profile = Mentions.customerOf(post.authorKey());
			if (profile != null) {
				touched.add(profile);
				if (scoring) {
					scores.on("mention", profile, "mention:" + post.id(), post.network(), null, clock.instant());
				}
			}
		}
		mark(touched, "mention");
		move(MENTIONS, batch.get(batch.size() - 1).id());
		return batch.size() == BATCH;
	}

	/** Looks again at up to a batch of marked customers; answers how many. */
	int drain() {
		List<Object[]> marked = jdbc
			.sql("select customer_id, cause, marked_at from segment_dirty order by marked_at fetch first ? rows only")
			.param(BATCH)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getTimestamp(3) })
			.list();
		if (marked.isEmpty()) {
			return 0;
		}
		tx.executeWithoutResult(s -> {
			List<Long> ids = new ArrayList<>();
			marked.forEach(m -> ids.add((Long) m[0]));
			segments.reevaluate(ids, (String) marked.get(0)[1]);
			// a mark made again meanwhile stays, for the next round
			marked.forEach(m -> jdbc.sql("delete from segment_dirty where customer_id = ? and marked_at = ?")
				.params(m[0], m[2])
				.update());
		});
		return marked.size();
	}

	/** Evaluates again the windowed segments not evaluated for a {@code sweep}. */
	void sweep() {
		Instant due = clock.instant().minus(settings.sweep());
		for (Segments.Segment segment : segments.all()) {
			if (segment.dynamic() && segment.windowed()
					&& (segment.evaluatedAt() == null || segment.evaluatedAt().isBefore(due))) {
				segments.evaluateAll(segment.id(), "sweep");
			}
		}
	}

	/** Marks customers to be looked at again, in the caller's transaction. */
	void mark(Set<Long> customerIds, String cause) {
		if (customerIds.isEmpty() || !segments.anyDynamic()) {
			return;
		}
		Timestamp now = Timestamp.from(clock.instant());
		for (Long id : customerIds) {
			jdbc.sql("merge into segment_dirty d using (select cast(? as bigint) as customer_id) s "
					+ "on d.customer_id = s.customer_id when matched then update set marked_at = ?, cause = ? "
					+ "when not matched then insert (customer_id, cause, marked_at) values (s.customer_id, ?, ?)")
				.params(id, now, cause, cause, now)
				.update();
		}
	}

	private Long position(String name) {
		return jdbc.sql("select position from segment_cursor where name = ? for update")
			.param(name)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private void move(String name, long to) {
		int moved = jdbc.sql("update segment_cursor set position = ? where name = ?").params(to, name).update();
		if (moved == 0) {
			jdbc.sql("insert into segment_cursor (name, position) values (?, ?)").params(name, to).update();
		}
	}

	Duration interval() {
		return settings.interval();
	}

}
