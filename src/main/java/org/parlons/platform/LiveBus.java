package org.parlons.platform;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Live, not durable, messages between the nodes' open streams (agents' inbox streams,
 * visitors' widget streams): a message published here reaches the subscribers of its kind
 * on every node, this one included. With one node it is a method call; with several
 * ({@code cluster} profile) it goes through Kafka (ADR 23). A browser that misses one
 * reloads its lists when it reconnects, so nothing here is kept.
 *
 * <p>
 * Presence says which streams are open somewhere: each owner of streams tells what keys
 * its local streams serve, and {@link #anywhere} answers for all nodes.
 */
public interface LiveBus {

	/** The kind of the messages that say which cached copy to forget. */
	String FORGET = "forget";

	/** Sends the message (JSON text) to the subscribers of its kind on every node. */
	void publish(String kind, String json);

	/** Handles the messages of that kind, whichever node published them. */
	void subscribe(String kind, Consumer<String> handler);

	/** What this node's streams of that kind serve, asked whenever presence is told. */
	void present(String kind, Supplier<Set<String>> localKeys);

	/** Whether a stream of that kind serving that key is open on some node. */
	boolean anywhere(String kind, String key);

	/**
	 * Publishes the message once the current transaction has committed (at once without
	 * one): nobody hears of a change that may still roll back.
	 */
	default void publishOnCommit(String kind, String json) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					publish(kind, json);
				}
			});
		}
		else {
			publish(kind, json);
		}
	}

	/**
	 * Tells every node, this one included, to forget its cached copy of what the name
	 * says, once the current transaction has committed.
	 */
	default void forgetEverywhere(String name) {
		publishOnCommit(FORGET, name);
	}

	/** Runs the action whenever a node says to forget what the name says. */
	default void onForget(String name, Runnable action) {
		subscribe(FORGET, said -> {
			if (said.equals(name)) {
				action.run();
			}
		});
	}

}
