package org.parlons.channels.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.parlons.channels.ChannelConnector;
import org.parlons.channels.DeliveryResult;
import org.parlons.conversations.Deliveries;
import org.parlons.conversations.Message;
import org.parlons.platform.Crypto;
import org.parlons.platform.Json;
import org.parlons.platform.WebhookSignature;
import org.springframework.stereotype.Component;

/**
 * The API channel: a company's own system posts inbound messages to Parlons and receives
 * replies on a webhook URL, signed with the inbox's secret ({@code X-Parlons-Signature}).
 * The delivery id header lets the receiver drop a redelivery after a crash or a timeout.
 */
@Component
class ApiChannelConnector implements ChannelConnector {

	static final String WEBHOOK_URL = "webhookUrl";

	static final String WEBHOOK_SECRET = "webhookSecret";

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Clock clock;

	ApiChannelConnector(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String channel() {
		return "api";
	}

	@Override
	public Set<String> secretSettings() {
		return Set.of(WEBHOOK_SECRET);
	}

	@Override
	public Map<String, Object> prepare(Map<String, Object> settings) {
		Map<String, Object> prepared = new LinkedHashMap<>();
		Object url = settings.get(WEBHOOK_URL);
		if (url != null && !url.toString().isBlank()) {
			URI uri;
			try {
				uri = URI.create(url.toString().strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("webhookUrl is not a URL: " + url);
			}
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("webhookUrl must be an http or https URL");
			}
			prepared.put(WEBHOOK_URL, uri.toString());
		}
		Object secret = settings.get(WEBHOOK_SECRET);
		prepared.put(WEBHOOK_SECRET, secret == null || secret.toString().length() < 16 ? newSecret() : secret);
		return prepared;
	}

	@Override
	public DeliveryResult deliver(Deliveries.Outgoing outgoing) {
		String url = outgoing.inbox().setting(WEBHOOK_URL);
		if (url.isBlank()) {
			// No webhook: the company's system reads replies through the API instead.
			return new DeliveryResult.Sent(null);
		}
		byte[] body = Json.write(payload(outgoing)).getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(clock.instant().getEpochSecond());
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("User-Agent", "Parlons-Webhook/1")
			.header("X-Parlons-Event", "message.created")
			.header("X-Parlons-Delivery", "msg-" + outgoing.message().id())
			.header("X-Parlons-Timestamp", timestamp)
			.header("X-Parlons-Signature",
					WebhookSignature.sign(outgoing.inbox().setting(WEBHOOK_SECRET), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return HttpOutcome.of(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					response.body(), clock);
		}
		catch (IOException ex) {
			return new DeliveryResult.Retry(
					"webhook unreachable: " + ex.getClass().getSimpleName() + " " + String.valueOf(ex.getMessage()),
					null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new DeliveryResult.Retry("interrupted", null);
		}
	}

	private static Map<String, Object> payload(Deliveries.Outgoing out) {
		Message m = out.message();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", m.id());
		message.put("externalId", m.externalId());
		message.put("text", m.text());
		message.put("visibility", m.visibility().api());
		message.put("authorName", m.authorName());
		message.put("sentAt", m.sentAt().toString());
		message.put("inReplyTo", out.repliedTo() == null ? null : out.repliedTo().externalId());
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("id", out.customer().id());
		customer.put("name", out.customer().name());
		customer.put("identities",
				out.customer()
					.identities()
					.stream()
					.map(i -> Map.of("kind", i.identity().kind().api(), "namespace", i.identity().namespace(), "value",
							i.identity().value()))
					.toList());
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "message.created");
		payload.put("inboxId", out.inbox().id());
		payload.put("conversationId", out.conversation().id());
		payload.put("message", message);
		payload.put("customer", customer);
		return payload;
	}

	private static String newSecret() {
		return "whsec_" + Crypto.randomToken(24);
	}

}
