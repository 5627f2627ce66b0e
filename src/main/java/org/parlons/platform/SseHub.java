package org.parlons.platform;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Open server-sent event streams, each with a key saying whom it serves (an agent's inbox
 * scope, a visitor). Events go out on one sender thread, so a slow browser never holds up
 * the caller; a stream that fails is dropped. Its owner calls {@link #heartbeat}
 * periodically and {@link #close} on shutdown.
 */
public final class SseHub<K> {

	private static final long TIMEOUT_MS = 30 * 60 * 1000L;

	private final Map<SseEmitter, K> streams = new ConcurrentHashMap<>();

	private final ExecutorService sender;

	public SseHub(String threadName) {
		this.sender = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, threadName);
			t.setDaemon(true);
			return t;
		});
	}

	public SseEmitter open(K key) {
		SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
		streams.put(emitter, key);
		emitter.onCompletion(() -> streams.remove(emitter));
		emitter.onTimeout(() -> streams.remove(emitter));
		emitter.onError(e -> streams.remove(emitter));
		try {
			emitter.send(SseEmitter.event().comment("connected").reconnectTime(2000));
		}
		catch (IOException ex) {
			streams.remove(emitter);
		}
		return emitter;
	}

	/** Whom the open streams serve, now. */
	public java.util.List<K> keys() {
		return java.util.List.copyOf(streams.values());
	}

	public boolean any(Predicate<K> which) {
		return streams.values().stream().anyMatch(which);
	}

	/**
	 * Sends a named JSON event to the streams whose key matches; answers whether there
	 * was one.
	 */
	public boolean send(Predicate<K> to, String name, String json) {
		if (!any(to)) {
			return false;
		}
		sender.execute(() -> streams.forEach((emitter, key) -> {
			if (to.test(key)) {
				deliver(emitter, SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON));
			}
		}));
		return true;
	}

	/** A comment to every stream, so proxies keep them open and dead ones are found. */
	public void heartbeat() {
		sender.execute(() -> streams.keySet().forEach(emitter -> deliver(emitter, SseEmitter.event().comment("ping"))));
	}

	/**
	 * Ends the streams whose key matches (their agent lost the right to them); a browser
	 * that reconnects is asked again who it is.
	 */
	public void closeWhere(Predicate<K> which) {
		streams.forEach((emitter, key) -> {
			if (which.test(key)) {
				streams.remove(emitter);
				try {
					emitter.complete();
				}
				catch (RuntimeException ignored) {
					// already gone
				}
			}
		});
	}

	/**
	 * Ends every stream, so a graceful shutdown does not wait for browsers to hang up.
	 */
	public void close() {
		streams.keySet().forEach(emitter -> {
			try {
				emitter.complete();
			}
			catch (RuntimeException ignored) {
				// already gone
			}
		});
		streams.clear();
	}

	private void deliver(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			streams.remove(emitter);
		}
	}

}
