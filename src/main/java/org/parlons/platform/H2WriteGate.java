package org.parlons.platform;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On embedded H2, lets at most as many write transactions through at once as the machine has processors (or
 * {@code parlons.h2.concurrent-writes}); elsewhere, holds nothing back.
 * <p>
 * With {@code WRITE_DELAY=0} every H2 commit writes to the file every page changed since the last write, the
 * pages of transactions still open included. Those pages change again, and are written again, at each later
 * commit until their own. Four batches of 500 messages open at once on two cores made the server spend 74 to 88 µs
 * of CPU per message; two at a time, 64 to 77 µs, and the ingestion went about 15 % faster (two alternating runs
 * each, {@code BENCHMARKS.md}). One at a time was slower: a core then waits. PostgreSQL writes each transaction's own
 * changes to its log, so it gains nothing from this.
 */
@Component
public class H2WriteGate {

	private final DataSource dataSource;

	private final Semaphore permits;

	private final int writers;

	private volatile @Nullable Boolean active;

	public H2WriteGate(DataSource dataSource, @Value("${parlons.h2.concurrent-writes:0}") int concurrentWrites) {
		this.dataSource = dataSource;
		this.writers = concurrentWrites > 0 ? concurrentWrites : Runtime.getRuntime().availableProcessors();
		this.permits = new Semaphore(writers, true);
	}

	/** How many write transactions may run at once on embedded H2. */
	public int writers() {
		return writers;
	}

	/** Runs the work, a whole transaction, once a place is free on embedded H2; at once elsewhere. */
	public <T> T through(Supplier<T> work) {
		if (!active()) {
			return work.get();
		}
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to write", ex);
		}
		try {
			return work.get();
		}
		finally {
			permits.release();
		}
	}

	private boolean active() {
		Boolean known = active;
		if (known == null) {
			known = EmbeddedH2.behind(dataSource);
			active = known;
		}
		return known;
	}

}
