package org.parlons.channels.outbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.platform.WebhookSignature;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Replies of the API channel reach a real HTTP webhook, signed; passing failures are
 * retried with backoff, permanent ones are marked failed and shown, and nothing is
 * delivered twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryTests {

	@LocalServerPort
	int port;

	HttpServer receiver;

	final List<String> validDeliveries = new CopyOnWriteArrayList<>();

	final AtomicInteger calls = new AtomicInteger();

	volatile int failFirst;

	volatile int status = 200;

	volatile String secret = "";

	@BeforeEach
	void startReceiver() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			int call = calls.incrementAndGet();
			String timestamp = exchange.getRequestHeaders().getFirst("X-Parlons-Timestamp");
			String signature = exchange.getRequestHeaders().getFirst("X-Parlons-Signature");
			boolean valid = WebhookSignature.verify(secret, timestamp, body, signature);
			int answer = !valid ? 401 : call <= failFirst ? 503 : status;
			if (answer == 200) {
				validDeliveries.add(exchange.getRequestHeaders().getFirst("X-Parlons-Delivery") + " "
						+ new String(body, StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		receiver.stop(0);
	}

	@Test
	void retriesAPassingFailureThenDeliversOnceSigned() {
		failFirst = 2;
		TestApi admin = TestApi.asAdmin(port);
		long conversation = conversationOnHook(admin);

		var reply = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Votre box est réparée."));
		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.body().get("status").asString()).isEqualTo("queued");
		long messageId = reply.id("id");

		await().atMost(Duration.ofSeconds(20)).until(() -> status(admin, conversation, messageId).equals("sent"));
		assertThat(calls).hasValue(3);
		assertThat(validDeliveries).hasSize(1);
		assertThat(validDeliveries.get(0)).startsWith("msg-" + messageId).contains("Votre box est réparée.");
	}

	@Test
	void marksAPermanentRefusalFailedWithoutRetrying() {
		status = 400;
		TestApi admin = TestApi.asAdmin(port);
		long conversation = conversationOnHook(admin);
		long messageId = admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Bonjour"))
			.id("id");

		await().atMost(Duration.ofSeconds(10)).until(() -> status(admin, conversation, messageId).equals("failed"));
		assertThat(calls).hasValue(1);
		var timeline = admin.get("/api/v1/conversations/" + conversation + "/timeline").body().get("items");
		assertThat(timeline.toString()).contains("delivery-failed").contains("HTTP 400");
	}

	private long conversationOnHook(TestApi admin) {
		var created = admin.post("/api/v1/inboxes", Map.of("name", unique("Hooked"), "channel", "api", "webhookUrl",
				"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
		assertThat(created.status()).isEqualTo(201);
		secret = created.body().get("settings").get("webhookSecret").asString();
		assertThat(secret).startsWith("whsec_");
		long inbox = created.id("id");
		return admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique("c"), "Ma box ?"))
			.id("conversationId");
	}

	private static String status(TestApi admin, long conversation, long messageId) {
		var items = admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
		for (var item : items) {
			if (item.get("id").asLong() == messageId) {
				return item.get("status").asString();
			}
		}
		return "missing";
	}

}
