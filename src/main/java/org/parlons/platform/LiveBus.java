package org.parlons.platform;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

	/** Sends the message (JSON text) to the subscribers of its kind on every node. */
	void publish(String kind, String json);

	/** Handles the messages of that kind, whichever node published them. */
	void subscribe(String kind, Consumer<String> handler);

	/** What this node's streams of that kind serve, asked whenever presence is told. */
	void present(String kind, Supplier<Set<String>> localKeys);

	/** Whether a stream of that kind serving that key is open on some node. */
	boolean anywhere(String kind, String key);

}
