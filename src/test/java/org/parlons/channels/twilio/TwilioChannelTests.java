package org.parlons.channels.twilio;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.FakePlatform;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * An SMS inbox through Twilio against a local double of the Messages API; webhooks are
 * form posts over the real port signed as Twilio signs them. Shapes from twilio.com/docs:
 * incoming message webhook (MessageSid, AccountSid, From, To, Body, NumMedia,
 * MediaContentType0), status callbacks (MessageStatus, ErrorCode), POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth, error bodies with code
 * and message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwilioChannelTests {

	@org.springframework.beans.factory.annotation.Autowired
	org.parlons.privacy.Consents consents;

	static final String SID = "AC" + "0123456789abcdef".repeat(2);

	static final String TOKEN = "twilio-auth-token-for-tests";

	static final AtomicInteger ids = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	@LocalServerPort
	int port;

	FakePlatform twilio;

	TestApi admin;

	long inbox;

	@BeforeEach
	void setUp() {
		twilio = new FakePlatform();
		AtomicInteger n = new AtomicInteger();
		twilio.answer(r -> FakePlatform.Answer.json(201,
				"{\"sid\":\"SMout" + n.incrementAndGet() + "\",\"status\":\"queued\"}"));
		admin = TestApi.asAdmin(port);
		var r = admin.post("/api/v1/inboxes", Map.of("name", unique("SMS"), "channel", "twilio", "accountSid", SID,
				"authToken", TOKEN, "from", "+33700000000", "apiBaseUrl", twilio.url()));
		assertThat(r.status()).isEqualTo(201);
		inbox = r.id("id");
	}

	@AfterEach
	void tearDown() {
		twilio.close();
	}

	@Test
	void anSmsLandsOnceAndTheReplyGoesThroughTheMessagesApiWithItsStatusFollowed() {
		String phone = "+3361" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		Map<String, String> sms = sms(phone, "Bonjour, mon colis est bloqué");
		assertThat(post(sms, true).statusCode()).isEqualTo(200);
		HttpResponse<String> again = post(sms, true);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("<Response>");
		long conversation = conversationOf(sms.get("MessageSid"));
		assertThat(messages(conversation)).hasSize(1);
		assertThat(messages(conversation).get(0).get("visibility").asString()).isEqualTo("private");

		admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Nous relançons le transporteur."));
		await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.to("/Messages.json").isEmpty());
		FakePlatform.Request sent = twilio.to("/2010-04-01/Accounts/" + SID + "/Messages.json").get(0);
		Map<String, String> form = form(sent.body());
		assertThat(form).containsEntry("To", phone)
			.containsEntry("From", "+33700000000")
			.containsEntry("Body", "Nous relançons le transporteur.");
		assertThat(sent.header("Authorization")).isEqualTo("Basic "
				+ java.util.Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "sent".equals(messages(conversation).get(1).get("status").asString()));

		Map<String, String> delivered = new LinkedHashMap<>();
		delivered.put("MessageSid", messages(conversation).get(1).get("externalId").asString());
		delivered.put("AccountSid", SID);
		delivered.put("MessageStatus", "delivered");
		delivered.put("To", phone);
		assertThat(post(delivered, true).statusCode()).isEqualTo(200);
		assertThat(messages(conversation).get(1).get("status").asString()).isEqualTo("delivered");
	}

	@Test
	void anAgentTextsFirstAndTheCustomersAnswerJoinsTheConversation() {
		String national = "06 18 " + String.format("%02d %02d %02d", ids.incrementAndGet() % 100,
				ids.incrementAndGet() % 100, ids.incrementAndGet() % 100);
		String phone = "+33" + national.substring(1).replace(" ", "");
		var started = admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "to", national, "name",
				"Hélène Bonnet", "text", "Bonjour, votre technicien passe demain entre 8 h et 10 h."));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
		long conversation = started.id("id");
		assertThat(started.body().get("message").get("direction").asString()).isEqualTo("out");

		await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.to("/Messages.json").isEmpty());
		Map<String, String> form = form(twilio.to("/Messages.json").get(0).body());
		assertThat(form).containsEntry("To", phone)
			.containsEntry("Body", "Bonjour, votre technicien passe demain entre 8 h et 10 h.");

		assertThat(post(sms(phone, "Parfait, merci"), true).statusCode()).isEqualTo(200);
		JsonNode thread = messages(conversation);
		assertThat(thread).hasSize(2);
		assertThat(thread.get(1).get("direction").asString()).isEqualTo("in");
		assertThat(thread.get(1).get("text").asString()).isEqualTo("Parfait, merci");
		JsonNode timeline = admin.get("/api/v1/conversations/" + conversation + "/timeline").body().get("items");
		assertThat(timeline.toString()).contains("\"started\"");
	}

	@Test
	void stopIsRecordedAsConsentAndBlocksRepliesUntilStart() {
		String phone = "+3362" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		Map<String, String> question = sms(phone, "J'ai une question");
		post(question, true);
		long asked = admin.get("/api/v1/conversations/" + conversationOf(question.get("MessageSid")))
			.body()
			.get("customerId")
			.asLong();
		consents.decide(asked, "offers", null, true, "portal", "fr", null);
		Map<String, String> stop = sms(phone, "stop");
		post(stop, true);
		long conversation = conversationOf(stop.get("MessageSid"));

		var blocked = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Une dernière chose…"));
		assertThat(blocked.status()).isEqualTo(422);
		assertThat(blocked.body().get("detail").asString()).contains("STOP");
		long customer = admin.get("/api/v1/conversations/" + conversation).body().get("customerId").asLong();
		var consents = admin.get("/api/v1/customers/" + customer + "/consents").body();
		JsonNode contact = consents.get("history")
			.valueStream()
			.filter(d -> d.get("purpose").asString().equals("contact"))
			.findFirst()
			.orElseThrow();
		assertThat(contact.get("channel").asString()).isEqualTo("sms");
		assertThat(contact.get("granted").asBoolean()).isFalse();
		assertThat(contact.get("source").asString()).isEqualTo("SMS STOP");
		// STOP withdrew the offers on SMS, not by email
		assertThat(this.consents.allows(customer, "offers", "sms")).isFalse();
		assertThat(this.consents.allows(customer, "offers", "email")).isTrue();

		post(sms(phone, "START"), true);
		assertThat(admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Bon retour !"))
			.status()).isEqualTo(201);
	}

	@Test
	void refusesAnUnsignedOrForgedRequestAndStoresNothing() {
		Map<String, String> sms = sms("+33611111111", "forged");
		assertThat(post(sms, false).statusCode()).isEqualTo(403);
		Map<String, String> tampered = new LinkedHashMap<>(sms);
		String good = sign(sms);
		String forged = (good.charAt(0) == 'Q' ? "R" : "Q") + good.substring(1); // one
																					// character
																					// off
		HttpResponse<String> r = send(tampered, forged);
		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		Map<String, String> otherAccount = new LinkedHashMap<>(sms);
		otherAccount.put("AccountSid", "AC" + "f".repeat(32));
		assertThat(post(otherAccount, true).statusCode()).isEqualTo(400);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inbox).body().get("total").asInt()).isZero();
	}

	@Test
	void aFailureReportedLaterIsShownAndAPermanentRefusalIsNotRetried() {
		AtomicInteger calls = new AtomicInteger();
		twilio.answer(r -> {
			calls.incrementAndGet();
			return FakePlatform.Answer.json(400,
					"{\"code\": 21211, \"message\": \"The 'To' number is not a valid phone number.\","
							+ " \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}");
		});
		String phone = "+3363" + String.format("%07d", ids.incrementAndGet() % 10_000_000);
		Map<String, String> sms = sms(phone, "Allô");
		post(sms, true);
		long conversation = conversationOf(sms.get("MessageSid"));
		admin.post("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Réponse"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "failed".equals(messages(conversation).get(1).get("status").asString()));
		assertThat(calls.get()).isEqualTo(1);
	}

	Map<String, String> sms(String from, String body) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("ToCountry", "FR");
		p.put("SmsMessageSid", "SM" + ids.incrementAndGet());
		p.put("NumMedia", "0");
		p.put("MessageSid", "SM" + String.format("%032d", ids.incrementAndGet()));
		p.put("AccountSid", SID);
		p.put("From", from);
		p.put("To", "+33700000000");
		p.put("Body", body);
		p.put("NumSegments", "1");
		p.put("ApiVersion", "2010-04-01");
		return p;
	}

	String url() {
		return "http://127.0.0.1:" + port + "/webhooks/twilio/" + inbox;
	}

	String sign(Map<String, String> params) {
		Map<String, List<String>> multi = new LinkedHashMap<>();
		params.forEach((k, v) -> multi.put(k, List.of(v)));
		return TwilioSignature.sign(TOKEN, url(), multi);
	}

	HttpResponse<String> post(Map<String, String> params, boolean signed) {
		return send(params, signed ? sign(params) : null);
	}

	HttpResponse<String> send(Map<String, String> params, String signature) {
		String body = params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> form(String body) {
		Map<String, String> out = new LinkedHashMap<>();
		Arrays.stream(body.split("&"))
			.map(p -> p.split("=", 2))
			.forEach(p -> out.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
					URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
		return out;
	}

	long conversationOf(String externalId) {
		for (JsonNode c : admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
			for (JsonNode m : messages(c.get("id").asLong())) {
				if (m.get("externalId").asString().equals(externalId)) {
					return c.get("id").asLong();
				}
			}
		}
		throw new AssertionError("no conversation holds " + externalId);
	}

	JsonNode messages(long conversation) {
		return admin.get("/api/v1/conversations/" + conversation + "/messages").body().get("items");
	}

}
