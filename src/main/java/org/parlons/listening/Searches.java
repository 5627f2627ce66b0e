package org.parlons.listening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.parlons.platform.Leases;
import org.jspecify.annotations.Nullable;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keyword and hashtag searches on the networks, each run with one inbox's account at its
 * interval ({@code parlons.listening.search-interval}), later when the network asks (rate
 * limits) and with a growing backoff while it fails. Found posts are stored as mentions
 * of that inbox, scored and tagged like the others, with their audience figures; the
 * search remembers where it stopped, so a post is read once.
 */
@Service
public class Searches {

	private static final Logger log = LoggerFactory.getLogger(Searches.class);

	/** The longest query any network takes (X: 512 characters). */
	public static final int MAX_QUERY = 512;

	private static final Duration MAX_BACKOFF = Duration.ofHours(1);

	/**
	 * A search as configured, with how its last reading went.
	 *
	 * @param id its number
	 * @param inboxId the account it reads with
	 * @param network the account's network
	 * @param query what it searches
	 * @param found mentions it stored in all
	 * @param lastReadAt when it was last read
	 * @param nextReadAt when it is read next
	 * @param lastError what went wrong last, if anything
	 */
	public record Search(long id, long inboxId, String network, String query, long found, @Nullable Instant lastReadAt,
			Instant nextReadAt, @Nullable String lastError) {
	}

	/** What one reading of a search stored. */
	public record Reading(int stored, int updated, boolean more, @Nullable String error) {
	}

	private final JdbcClient jdbc;

	private final Inboxes inboxes;

	private final MentionImport imports;

	private final Map<String, NetworkSearch> networks;

	private final Clock clock;

	private final Duration interval;

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	private final AtomicBoolean reading = new AtomicBoolean();

	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "parlons-network-searches");
		t.setDaemon(true);
		return t;
	});

	private final Leases leases;

	Searches(Leases leases, JdbcClient jdbc, Inboxes inboxes, MentionImport imports, List<NetworkSearch> networks,
			Clock clock, ListeningSettings settings) {
		this.leases = leases;
		this.jdbc = jdbc;
		this.inboxes = inboxes;
		this.imports = imports;
		this.networks = networks.stream().collect(Collectors.toMap(NetworkSearch::network, Function.identity()));
		this.clock = clock;
		this.interval = settings.searchInterval();
	}

	/** The networks that can be searched, by channel name. */
	public List<String> networks() {
		return networks.keySet().stream().sorted().toList();
	}

	/** Whether this inbox's account can run searches. */
	public boolean searchable(Inbox inbox) {
		return networks.containsKey(inbox.channel());
	}

	public List<Search> all() {
		return jdbc.sql("select " + COLUMNS + " from network_search order by id").query(this::search).list();
	}

	public Optional<Search> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from network_search where id = ?")
			.param(id)
			.query(this::search)
			.optional();
	}

	/**
	 * Adds a search run with the inbox's account, read at once then at every interval.
	 * @throws IllegalArgumentException naming what is wrong: the inbox, its network, the
	 * query
	 */
	public long add(long inboxId, String query) {
		Inbox inbox = inboxes.findLive(inboxId)
			.orElseThrow(() -> org.parlons.platform.Refusals.invalid("searches.noInbox", "inboxId: no inbox " + inboxId,
					String.valueOf(inboxId)));
		NetworkSearch network = networks.get(inbox.channel());
		if (network == null) {
			throw org.parlons.platform.Refusals.invalid("searches.network",
					"inboxId: " + inbox.name() + " is a " + inbox.channel()
							+ " inbox, and only these networks can be searched: " + String.join(", ", networks()),
					inbox.name(), inbox.channel(), String.join(", ", networks()));
		}
		String q = query == null ? "" : query.strip();
		if (q.isEmpty() || q.length() > MAX_QUERY) {
			throw org.parlons.platform.Refusals.invalid("searches.query",
					"query: between 1 and " + MAX_QUERY + " characters", String.valueOf(MAX_QUERY));
		}
		String refusal = network.refusal(q);
		if (refusal != null) {
			throw new IllegalArgumentException("query: " + refusal);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into network_search (inbox_id, query, next_read_at, created_at) values (?, ?, ?, ?)")
				.params(inboxId, q, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()))
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			throw org.parlons.platform.Refusals.invalid("searches.taken",
					"query: " + inbox.name() + " already searches for " + q, inbox.name(), q);
		}
		return keys.getKey().longValue();
	}

	public boolean remove(long id) {
		locks.remove(id);
		return jdbc.sql("delete from network_search where id = ?").param(id).update() > 0;
	}

	/**
	 * Reads the searches whose turn has come, on a thread of their own: a slow network
	 * (fifteen seconds a page at worst) never holds up the scheduler's other work. A
	 * round still running is left to finish.
	 */
	@Scheduled(fixedDelayString = "#{" + ListeningSettings.BEAN + ".searchTick()}", initialDelayString = "PT6S")
	void readDue() {
		if (!leases.hold("job:network-searches")) {
			return;
		}
		if (!reading.compareAndSet(false, true)) {
			return;
		}
		try {
			worker.execute(() -> {
				try {
					Instant now = clock.instant();
					for (Search search : all()) {
						if (!now.isBefore(search.nextReadAt())) {
							read(search);
						}
					}
				}
				finally {
					reading.set(false);
				}
			});
		}
		catch (RuntimeException ex) {
			reading.set(false);
			throw ex;
		}
	}

	@PreDestroy
	void stop() {
		worker.shutdownNow();
	}

	/**
	 * Reads one search now: the posts since its last reading, stored as mentions of its
	 * inbox. A failure is recorded on the search (and read again later, sooner when the
	 * network said when), never thrown.
	 */
	public Reading read(Search search) {
		// one reading of a search at a time (the scheduler and "read now"), each from
		// where the last one stopped
		synchronized (locks.computeIfAbsent(search.id(), id -> new Object())) {
			return readAlone(search);
		}
	}

	private Reading readAlone(Search search) {
		Inbox inbox = inboxes.findById(search.inboxId()).orElse(null);
		NetworkSearch network = inbox == null ? null : networks.get(inbox.channel());
		if (network == null) {
			return failed(search, "The inbox can no longer be searched", null);
		}
		if (Boolean.FALSE.equals(inbox.settings().get("enabled"))) {
			return failed(search, "The inbox is disabled", interval);
		}
		String position = jdbc.sql("select position from network_search where id = ?")
			.param(search.id())
			.query(String.class)
			.optional()
			.orElse(null);
		try {
			NetworkSearch.Found found = network.search(inbox, search.query(), position);
			MentionImport.Result result = found.posts().isEmpty() ? new MentionImport.Result(0, 0)
					: imports.foundBy(inbox.id(), found.posts());
			Duration wait = found.more() ? Duration.ZERO : interval;
			if (found.waitAtLeast() != null && found.waitAtLeast().compareTo(wait) > 0) {
				wait = found.waitAtLeast();
			}
			jdbc.sql("update network_search set position = ?, found = found + ?, failures = 0, last_read_at = ?, "
					+ "next_read_at = ?, last_error = null where id = ?")
				.params(found.position(), result.stored(), Timestamp.from(clock.instant()),
						Timestamp.from(clock.instant().plus(wait)), search.id())
				.update();
			return new Reading(result.stored(), result.updated(), found.more(), null);
		}
		catch (NetworkSearch.Failed ex) {
			return failed(search, ex.getMessage(), ex.retryAfter());
		}
		catch (RuntimeException ex) {
			log.warn("Search {} ({}) failed", search.id(), search.query(), ex);
			return failed(search, ex.getClass().getSimpleName() + ": " + ex.getMessage(), null);
		}
	}

	private Reading failed(Search search, String reason, @Nullable Duration retryAfter) {
		int failures = jdbc.sql("select failures from network_search where id = ?")
			.param(search.id())
			.query(Integer.class)
			.optional()
			.orElse(0) + 1;
		Duration backoff = interval.multipliedBy(1L << Math.min(failures, 6));
		Duration wait = retryAfter != null ? retryAfter : backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
		String error = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
		jdbc.sql(
				"update network_search set failures = ?, last_read_at = ?, next_read_at = ?, last_error = ? where id = ?")
			.params(failures, Timestamp.from(clock.instant()), Timestamp.from(clock.instant().plus(wait)), error,
					search.id())
			.update();
		return new Reading(0, 0, false, error);
	}

	private static final String COLUMNS = "id, inbox_id, query, found, last_read_at, next_read_at, last_error";

	/** A search row, with its inbox's network. */
	private Search search(ResultSet rs, int row) throws SQLException {
		Timestamp last = rs.getTimestamp(5);
		long inboxId = rs.getLong(2);
		String channel = inboxes.findById(inboxId).map(Inbox::channel).orElse("?");
		return new Search(rs.getLong(1), inboxId, channel, rs.getString(3), rs.getLong(4),
				last == null ? null : last.toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7));
	}

}
