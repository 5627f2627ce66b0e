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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.parlons.platform.Leases;
import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;
import org.parlons.platform.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.parlons.platform.PlatformSettings;
import org.parlons.platform.Scheduling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends each new bad-buzz alert once to each receiver: the webhook
 * ({@code PARLONS_LISTENING_ALERT_WEBHOOK_URL}), signed like Parlons' other webhooks
 * ({@code X-Parlons-Signature: sha256=HMAC(secret, timestamp + "." + body)}), and an
 * email list ({@code PARLONS_LISTENING_ALERT_EMAIL_TO}, sent through
 * {@code SPRING_MAIL_HOST}). An alert is recorded as sent to a receiver only once it
 * accepted it (2xx, or the SMTP server took the mail); otherwise the next check tries
 * again.
 */
@Component
class AlertNotifier {

	private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

	private final BadBuzz badBuzz;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String url;

	private final String secret;

	private final List<String> emailTo;

	private final String emailFrom;

	private final String publicUrl;

	private final @Nullable JavaMailSender mail;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Leases leases;

	AlertNotifier(Leases leases, BadBuzz badBuzz, JdbcClient jdbc, Clock clock, ListeningSettings settings,
			PlatformSettings platform, ObjectProvider<JavaMailSender> mail) {
		this.leases = leases;
		this.badBuzz = badBuzz;
		this.jdbc = jdbc;
		this.clock = clock;
		this.url = settings.alertWebhookUrl();
		this.secret = settings.alertWebhookSecret();
		this.emailTo = settings.alertEmailTo();
		this.emailFrom = settings.alertEmailFrom();
		this.publicUrl = platform.publicUrl();
		this.mail = mail.getIfAvailable();
		if (!this.emailTo.isEmpty() && this.mail == null) {
			log.warn("Bad-buzz alerts by email are asked for ({}) but no mail server is configured (SPRING_MAIL_HOST)",
					this.emailTo);
		}
	}

	@Scheduled(fixedDelayString = "#{" + ListeningSettings.BEAN + ".alertInterval()}", initialDelayString = "PT20S",
			scheduler = Scheduling.NETWORK)
	void notifyNewAlerts() {
		if (!leases.hold("job:alert-notices")) {
			return;
		}
		if (!url.isBlank()) {
			notifyNewAlerts(url, secret);
		}
		if (!emailTo.isEmpty() && mail != null) {
			emailNewAlerts(mail, emailTo);
		}
	}

	/**
	 * Sends the alerts of the last three hours not sent yet to this webhook; answers how
	 * many went.
	 */
	int notifyNewAlerts(String url, String secret) {
		return sendOnce(url, alert -> deliver(alert, url, secret));
	}

	/**
	 * Mails the alerts of the last three hours not mailed yet to these addresses; answers
	 * how many went.
	 */
	int emailNewAlerts(JavaMailSender sender, List<String> to) {
		return sendOnce("mailto:" + String.join(",", to), alert -> mail(sender, alert, to));
	}

	private int sendOnce(String receiver, Predicate<BadBuzz.Alert> send) {
		int count = 0;
		for (BadBuzz.Alert alert : badBuzz.lastHours(3)) {
			boolean sent = jdbc
				.sql("select count(*) from listening_alert where hour_start = ? and measure = ? " + "and delivery = ?")
				.params(Timestamp.from(alert.hour()), alert.measure(), receiver)
				.query(Long.class)
				.single() > 0;
			if (!sent && send.test(alert)) {
				count++;
				jdbc.sql("insert into listening_alert (hour_start, measure, observed, expected, sent_at, delivery) "
						+ "values (?, ?, ?, ?, ?, ?)")
					.params(Timestamp.from(alert.hour()), alert.measure(), alert.observed(), alert.expected(),
							Timestamp.from(clock.instant()), receiver)
					.update();
			}
		}
		return count;
	}

	private boolean mail(JavaMailSender sender, BadBuzz.Alert alert, List<String> to) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(emailFrom);
			helper.setTo(to.toArray(String[]::new));
			helper.setSubject(subject(alert));
			helper.setText(body(alert), false);
			message.setHeader("X-Parlons-Event", "listening.bad-buzz");
			sender.send(message);
			return true;
		}
		catch (MessagingException | MailException ex) {
			log.warn("Bad-buzz alert could not be mailed to {}: {}", to, ex.toString());
			return false;
		}
	}

	static String subject(BadBuzz.Alert alert) {
		return String.format(Locale.ROOT, "[Parlons] Bad buzz: %d %s in the hour of %s UTC (%.1f expected)",
				alert.observed(), alert.measure(), HOUR.format(alert.hour()), alert.expected());
	}

	String body(BadBuzz.Alert alert) {
		StringBuilder text = new StringBuilder();
		text.append("Parlons noticed a burst of ").append(alert.measure()).append(".\n\n");
		text.append(String.format(Locale.ROOT,
				"Hour: %s UTC%nObserved: %d%nExpected for this hour of the week: %.1f%n" + "z-score: %.1f%n%n",
				HOUR.format(alert.hour()), alert.observed(), alert.expected(), alert.zScore()));
		text.append("What drives it:\n");
		for (ListeningFigures.Mention m : alert.driving()) {
			text.append("- ")
				.append(m.author() == null ? "(unknown author)" : m.author())
				.append(" on ")
				.append(m.network())
				.append(": ")
				.append(shorten(m.text()));
			if (m.url() != null) {
				text.append("\n  ").append(m.url());
			}
			text.append('\n');
		}
		if (!publicUrl.isBlank()) {
			String day = alert.hour().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
			text.append("\nDashboard: ")
				.append(publicUrl)
				.append("/listening?from=")
				.append(day)
				.append("&to=")
				.append(day)
				.append('\n');
		}
		text.append("\nMethod: mentions of this hour against the mean of the same hour of the week over the previous "
				+ "weeks (Poisson z-score); each alert is sent once.\n");
		return text.toString();
	}

	private static String shorten(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() <= 280 ? flat : flat.substring(0, 279) + "\u2026";
	}

	private static final java.time.format.DateTimeFormatter HOUR = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(java.time.ZoneOffset.UTC);

	private boolean deliver(BadBuzz.Alert alert, String url, String secret) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "listening.bad-buzz");
		payload.put("hour", alert.hour().toString());
		payload.put("measure", alert.measure());
		payload.put("observed", alert.observed());
		payload.put("expected", alert.expected());
		payload.put("zScore", alert.zScore());
		payload.put("driving",
				alert.driving()
					.stream()
					.map(m -> Map.of("author", String.valueOf(m.author()), "text", m.text(), "network", m.network()))
					.toList());
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
