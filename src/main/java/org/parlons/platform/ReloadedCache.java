package org.parlons.platform;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small table kept in memory (rules, topics) and read again after a change. Forgetting
 * it only inside the changing transaction is not enough: a reader may load the old rows
 * before the change commits and keep them for good. So a change forgets the copy at once
 * and again once its transaction has committed.
 */
public final class ReloadedCache<T> {

	private final AtomicReference<@Nullable T> value = new AtomicReference<>();

	private final Supplier<T> loader;

	private final @Nullable Runnable tellOthers;

	public ReloadedCache(Supplier<T> loader) {
		this.loader = loader;
		this.tellOthers = null;
	}

	/**
	 * A cache each node keeps: a change on one node makes every node read it again (the
	 * name says which cache on the live bus).
	 */
	public ReloadedCache(Supplier<T> loader, LiveBus bus, String name) {
		this.loader = loader;
		this.tellOthers = () -> bus.forgetEverywhere(name);
		bus.onForget(name, () -> value.set(null));
	}

	public T get() {
		T current = value.get();
		if (current == null) {
			current = loader.get();
			value.set(current);
		}
		return current;
	}

	/**
	 * After a change: read again now, and again after the surrounding transaction (if
	 * any) commits.
	 */
	public void changed() {
		value.set(null);
		if (tellOthers != null) {
			tellOthers.run();
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					value.set(null);
				}

			});
		}
	}

}
