package org.parlons.platform;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shared state of several nodes, in the database: a change locks its keys' rows (in
 * key order, so two changes never wait on each other in a circle), reads them, and writes
 * back what changed, in one transaction.
 */
@Component
@Profile("cluster")
class DatabaseSharedState implements SharedState {

	/** Entries untouched this long are dropped (no bucket or count lasts a day). */
	static final Duration KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Leases leases;

	DatabaseSharedState(JdbcClient jdbc, TransactionTemplate tx, Leases leases) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.leases = leases;
	}

	@Override
	public <R> R change(Collection<String> keys, Function<Map<String, Entry>, R> change) {
		TreeSet<String> sorted = new TreeSet<>(keys);
		return tx.execute(status -> {
			// every key gets a row to lock; a placeholder row that stays unused is
			// removed below
			Instant placeholder = Instant.EPOCH;
			for (String key : sorted) {
				jdbc.sql("insert into shared_state (state_key, amount, at) values (?, 0, ?) on conflict do nothing")
					.params(key, Timestamp.from(placeholder))
					.update();
			}
			Map<String, Entry> stored = new HashMap<>();
			jdbc.sql("select state_key, amount, at from shared_state where state_key = any(:keys) "
					+ "order by state_key for update")
				.param("keys", sorted.toArray(String[]::new))
				.query((rs, n) -> Map.entry(rs.getString(1),
						new Entry(rs.getDouble(2), rs.getTimestamp(3).toInstant())))
				.list()
				.stream()
				.filter(e -> !e.getValue().at().equals(placeholder))
				.forEach(e -> stored.put(e.getKey(), e.getValue()));
			Map<String, Entry> changed = new HashMap<>(stored);
			R answer = change.apply(changed);
			for (String key : sorted) {
				Entry entry = changed.get(key);
				if (entry == null) {
					jdbc.sql("delete from shared_state where state_key = ?").param(key).update();
				}
				else if (!entry.equals(stored.get(key))) {
					jdbc.sql("update shared_state set amount = ?, at = ? where state_key = ?")
						.params(entry.amount(), Timestamp.from(entry.at()), key)
						.update();
				}
			}
			return answer;
		});
	}

	@Override
	public void removeStartingWith(String prefix) {
		String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		jdbc.sql("delete from shared_state where state_key like ? escape '\\'").param(pattern).update();
	}

	@Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
	void dropOld() {
		if (leases.hold("job:shared-state-cleanup")) {
			jdbc.sql("delete from shared_state where at < ?").param(Timestamp.from(Instant.now().minus(KEPT))).update();
		}
	}

}
