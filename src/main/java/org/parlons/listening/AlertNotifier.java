package org.parlons.listening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.parlons.platform.WebhookSignature;
import org.parlons.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends each new bad-buzz alert once to the configured webhook ({@code PARLONS_LISTENING_ALERT_WEBHOOK_URL}),
 * signed like Parlons' other webhooks: {@code X-Parlons-Signature: sha256=HMAC(secret, timestamp + "." + body)}.
 * An alert is recorded as sent only when the receiver answers 2xx; otherwise the next check tries again.
 */
@Component
class AlertNotifier {

	private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

	private final BadBuzz badBuzz;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String url;

	private final String secret;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	AlertNotifier(BadBuzz badBuzz, JdbcClient jdbc, Clock clock,
			@Value("${parlons.listening.alert-webhook-url:}") String url,
			@Value("${parlons.listening.alert-webhook-secret:}") String secret) {
		this.badBuzz = badBuzz;
		this.jdbc = jdbc;
		this.clock = clock;
		this.url = url;
		this.secret = secret;
	}

	@Scheduled(fixedDelayString = "${parlons.listening.alert-interval:PT5M}", initialDelayString = "PT20S")
	void notifyNewAlerts() {
		if (!url.isBlank()) {
			notifyNewAlerts(url, secret);
		}
	}

	/** Sends the alerts of the last three hours not sent yet to this receiver; answers how many went. */
	int notifyNewAlerts(String url, String secret) {
		int count = 0;
		for (BadBuzz.Alert alert : badBuzz.lastHours(3)) {
			boolean sent = jdbc.sql("select count(*) from listening_alert where hour_start = ? and measure = ?")
				.params(Timestamp.from(alert.hour()), alert.measure())
				.query(Long.class)
				.single() > 0;
			if (!sent && deliver(alert, url, secret)) {
				count++;
				jdbc.sql("insert into listening_alert (hour_start, measure, observed, expected, sent_at, delivery) "
						+ "values (?, ?, ?, ?, ?, ?)")
					.params(Timestamp.from(alert.hour()), alert.measure(), alert.observed(), alert.expected(),
							Timestamp.from(clock.instant()), url)
					.update();
			}
		}
		return count;
	}

	private boolean deliver(BadBuzz.Alert alert, String url, String secret) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "listening.bad-buzz");
		payload.put("hour", alert.hour().toString());
		payload.put("measure", alert.measure());
		payload.put("observed", alert.observed());
		payload.put("expected", alert.expected());
		payload.put("zScore", alert.zScore());
		payload.put("driving", alert.driving().stream().map(m -> Map.of("author", String.valueOf(m.author()), "text",
				m.text(), "network", m.network())).toList());
		byte[] body = Json.write(payload).getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(clock.instant().getEpochSecond());
		try {
			HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Parlons-Event", "listening.bad-buzz")
				.header("X-Parlons-Timestamp", timestamp)
				.header("X-Parlons-Signature", WebhookSignature.sign(secret, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			return answer.statusCode() >= 200 && answer.statusCode() < 300;
		}
		catch (Exception ex) {
			log.warn("Bad-buzz alert could not be sent to {}: {}", url, ex.toString());
			return false;
		}
	}

}
