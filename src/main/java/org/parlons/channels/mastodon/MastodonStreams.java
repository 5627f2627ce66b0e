package org.parlons.channels.mastodon;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.parlons.platform.Leases;
import org.parlons.channels.ChannelSettings;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.Scheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Mastodon's streaming API where the instance offers it: one long-lived connection per
 * inbox to {@code /api/v1/streaming/user/notification}, each {@code notification} event
 * about a mention ingested at once. Polling goes on beside it at its slower pace and
 * catches whatever a dropped stream missed; ingestion keeps every message once. A stream
 * that fails is opened again at the next check.
 */
@Component
class MastodonStreams {

	private static final Logger log = LoggerFactory.getLogger(MastodonStreams.class);

	private final Inboxes inboxes;

	private final MastodonConnector connector;

	private final Ingestion ingestion;

	private final boolean enabled;

	private final Map<Long, Thread> open = new ConcurrentHashMap<>();

	/** After a stream ends or is refused, when it may be opened again. */
	private final Map<Long, Instant> retryAt = new ConcurrentHashMap<>();

	private static final Duration PAUSE = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Leases leases;

	MastodonStreams(Leases leases, Inboxes inboxes, MastodonConnector connector, Ingestion ingestion,
			ChannelSettings settings) {
		this.leases = leases;
		this.inboxes = inboxes;
		this.connector = connector;
		this.ingestion = ingestion;
		this.enabled = settings.mastodon().streaming();
	}

	@Scheduled(fixedDelayString = "#{" + ChannelSettings.BEAN + ".social().tick()}", initialDelayString = "PT2S",
			scheduler = Scheduling.NETWORK)
	void keepOpen() {
		if (!enabled) {
			return;
		}
		for (Inbox inbox : inboxes.findAll()) {
			if (!"mastodon".equals(inbox.channel()) || Boolean.FALSE.equals(inbox.settings().get("enabled"))
					|| Boolean.FALSE.equals(inbox.settings().get("streaming"))
					|| Instant.now().isBefore(retryAt.getOrDefault(inbox.id(), Instant.MIN))
					|| !leases.holdHere("mastodon-stream:" + inbox.id())) {
				continue;
			}
			open.computeIfAbsent(inbox.id(), id -> {
				Thread t = new Thread(() -> follow(inbox), "parlons-mastodon-stream-" + id);
				t.setDaemon(true);
				t.start();
				return t;
			});
		}
	}

	/** Reads one stream until it ends; the next check opens it again. */
	private void follow(Inbox inbox) {
		try {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create(connector.base(inbox) + "/api/v1/streaming/user/notification"))
				.header("Accept", "text/event-stream");
			connector.auth(inbox).forEach(request::header);
			HttpResponse<InputStream> response = http.send(request.GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200
					|| !response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
				response.body().close();
				return; // no streaming on this instance (or not allowed): polling alone
						// will do
			}
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String event = null;
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith("event:")) {
						event = line.substring(6).strip();
					}
					else if (line.startsWith("data:") && "notification".equals(event)) {
						receive(inbox, line.substring(5).strip());
					}
					else if (line.isEmpty()) {
						event = null;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			log.debug("Mastodon stream of inbox {} ended: {}", inbox.id(), ex.toString());
		}
		finally {
			retryAt.put(inbox.id(), Instant.now().plus(PAUSE));
			open.remove(inbox.id());
		}
	}

	private void receive(Inbox inbox, String data) {
		try {
			Map<String, Object> notification = Json.readMap(data);
			if ("mention".equals(notification.get("type")) && notification.get("status") instanceof Map<?, ?> status) {
				@SuppressWarnings("unchecked")
				Map<String, Object> s = (Map<String, Object>) status;
				ingestion.receive(MastodonConnector.message(inbox, s, connector.host(inbox)));
			}
		}
		catch (RuntimeException ex) {
			log.warn("A Mastodon notification of inbox {} could not be read: {}", inbox.id(), ex.getMessage());
		}
	}

	@PreDestroy
	void close() {
		open.values().forEach(Thread::interrupt);
	}

}
