package org.parlons.platform;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race that kept a re-tagged topic stale: a reader reloads the copy after a change
 * cleared it but before the change committed, and would keep the old rows until the next
 * change.
 */
class ReloadedCacheTests {

	@Test
	void aCopyLoadedBeforeTheChangeCommitsIsForgottenOnceItHas() {
		AtomicInteger version = new AtomicInteger(1);
		ReloadedCache<Integer> cache = new ReloadedCache<>(version::get);
		assertThat(cache.get()).isEqualTo(1);

		TransactionSynchronizationManager.initSynchronization();
		try {
			cache.changed(); // inside the changing transaction
			assertThat(cache.get()).as("another thread reads the rows not yet committed").isEqualTo(1);
			version.set(2); // the change commits
			TransactionSynchronizationManager.getSynchronizations()
				.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		}
		finally {
			TransactionSynchronizationManager.clearSynchronization();
		}
		assertThat(cache.get()).isEqualTo(2);
	}

	@Test
	void withoutATransactionAChangeIsReadAtOnce() {
		AtomicInteger version = new AtomicInteger(1);
		ReloadedCache<Integer> cache = new ReloadedCache<>(version::get);
		assertThat(cache.get()).isEqualTo(1);
		version.set(2);
		assertThat(cache.get()).isEqualTo(1);
		cache.changed();
		assertThat(cache.get()).isEqualTo(2);
	}

}
