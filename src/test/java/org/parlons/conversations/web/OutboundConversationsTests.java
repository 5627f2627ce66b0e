package org.parlons.conversations.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * Conversations an agent starts, over the API: who may, from which inboxes, to whom, and
 * what the clocks make of them. Delivery itself is tested per channel (email, Twilio,
 * WhatsApp); here the mail server is absent and the message stays queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboundConversationsTests {

	@LocalServerPort
	int port;

	TestApi admin;

	long mailbox;

	String address;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		var r = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Relations"), "channel", "email", "address", "relations@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false),
						"smtp",
						Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false),
						"sla", Map.of("firstResponse", "PT1H", "resolution", "PT40H")));
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		mailbox = r.id("id");
		address = unique("helene") + "@example.org";
	}

	@Test
	void theStartedConversationIsTheAuthorsAndOwesNoFirstResponse() {
		var started = start(admin, Map.of("inboxId", mailbox, "to", address, "name", "Hélène Bonnet", "subject",
				"Votre résiliation", "text", "Bonjour Hélène, nous avons bien reçu votre courrier."));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
		long id = started.id("id");
		JsonNode conversation = admin.get("/api/v1/conversations/" + id).body();
		assertThat(conversation.get("subject").asString()).isEqualTo("Votre résiliation");
		assertThat(conversation.get("status").asString()).isEqualTo("open");
		long me = admin.get("/api/v1/me").body().get("id").asLong();
		assertThat(conversation.get("assigneeId").asLong()).isEqualTo(me);
		JsonNode timers = admin.get("/api/v1/conversations/" + id + "/sla").body().get("timers");
		assertThat(timers.findValuesAsString("name")).containsExactly("resolution");

		// the conversation's own refusals are said in the reader's language
		assertThat(admin.post("/api/v1/conversations/" + id + "/status", Map.of("status", "resolved")).status())
			.isLessThan(300);
		var snooze = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/conversations/" + id + "/status", Map.of("status", "resolved"));
		assertThat(snooze.status()).isEqualTo(409);
		assertThat(snooze.body().get("detail").asString()).isEqualTo("La conversation " + id + " est déjà résolue.");

		// the same address again finds the same customer
		var again = start(admin,
				Map.of("inboxId", mailbox, "to", address.toUpperCase(), "subject", "Suite", "text", "Un complément."));
		assertThat(again.status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/conversations/" + again.id("id")).body().get("customerId").asLong())
			.isEqualTo(conversation.get("customerId").asLong());
	}

	@Test
	void aCustomerOnFileIsWrittenToAtTheirOwnAddressOrAtAFreeOneThatJoinsTheirProfile() {
		long customer = customerWith(address);
		var own = start(admin,
				Map.of("inboxId", mailbox, "customerId", customer, "subject", "Bonjour", "text", "Hello"));
		assertThat(own.status()).as(own.body().toString()).isEqualTo(201);
		assertThat(admin.get("/api/v1/conversations/" + own.id("id")).body().get("customerId").asLong())
			.isEqualTo(customer);

		String second = unique("perso") + "@example.org";
		var other = start(admin,
				Map.of("inboxId", mailbox, "customerId", customer, "to", second, "subject", "Bonjour", "text", "Hi"));
		assertThat(other.status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/customers/" + customer).body().toString()).contains(second);

		long someoneElse = customerWith(unique("autre") + "@example.org");
		var taken = start(admin,
				Map.of("inboxId", mailbox, "customerId", someoneElse, "to", address, "subject", "x", "text", "x"));
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.body().get("detail").asString()).contains(address).contains("#" + customer);
	}

	@Test
	void refusesWhatCannotBeStartedAndSaysWhyInTheReadersLanguage() {
		long apiInbox = admin.createApiInbox(unique("API"), Map.of());
		int conversations = total();
		var api = start(admin, Map.of("inboxId", apiInbox, "to", address, "text", "x"));
		assertThat(api.status()).isEqualTo(422);
		assertThat(api.body().get("detail").asString()).contains("api inbox");
		var noSubject = start(admin, Map.of("inboxId", mailbox, "to", address, "text", "Bonjour"));
		assertThat(noSubject.status()).isEqualTo(422);
		assertThat(noSubject.body().get("detail").asString()).isEqualTo("An email needs a subject.");
		var french = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/conversations",
					Map.of("inboxId", mailbox, "to", "pas-une-adresse", "subject", "x", "text", "x"));
		assertThat(french.status()).isEqualTo(422);
		assertThat(french.body().get("detail").asString()).isEqualTo("pas-une-adresse n'est pas une adresse e-mail.");
		assertThat(start(admin, Map.of("inboxId", mailbox, "subject", "x", "text", "x")).status()).isEqualTo(422);
		assertThat(start(admin, Map.of("inboxId", mailbox, "to", address, "subject", "x", "text", " ")).status())
			.isEqualTo(400);
		long nobody = customerWithout();
		var noAddress = start(admin, Map.of("inboxId", mailbox, "customerId", nobody, "subject", "x", "text", "x"));
		assertThat(noAddress.status()).isEqualTo(422);
		assertThat(noAddress.body().get("detail").asString()).contains("no email address");
		assertThat(start(admin, Map.of("inboxId", 987_654_321L, "to", address, "subject", "x", "text", "x")).status())
			.isEqualTo(404);
		assertThat(total()).as("nothing refused was kept").isEqualTo(conversations);
	}

	@Test
	void analystsCannotAndAgentsOnlyFromTheirTeamsInboxes() {
		String pw = "agent-password-1";
		String analystEmail = unique("analyst") + "@teleo.test";
		admin.createAgent(analystEmail, "analyst", pw);
		String agentEmail = unique("agent") + "@teleo.test";
		long agent = admin.createAgent(agentEmail, "agent", pw);
		long theirs = admin.createApiInbox(unique("Theirs"), Map.of());
		admin.post("/api/v1/teams",
				Map.of("name", unique("Team"), "inboxIds", List.of(theirs), "memberIds", List.of(agent)));
		Map<String, Object> body = Map.of("inboxId", mailbox, "to", address, "subject", "x", "text", "Bonjour");

		assertThat(start(TestApi.basic(port, analystEmail, pw), body).status()).isEqualTo(403);
		assertThat(start(TestApi.basic(port, agentEmail, pw), body).status()).as("another team's inbox is not found")
			.isEqualTo(404);
		assertThat(start(TestApi.anonymous(port), body).status()).isEqualTo(401);
	}

	private TestApi.Response start(TestApi as, Map<String, Object> body) {
		return as.post("/api/v1/conversations", body);
	}

	private int total() {
		return admin.get("/api/v1/conversations?inboxId=" + mailbox + "&status=all").body().get("total").asInt();
	}

	private long customerWith(String email) {
		var r = admin.post("/api/v1/inboxes/" + admin.createApiInbox(unique("Door"), Map.of()) + "/inbound",
				TestApi.inbound(unique("m"), unique("author"), "Bonjour"));
		long customer = r.id("customerId");
		var linked = admin.post("/api/v1/customers/" + customer + "/identities",
				Map.of("kind", "email", "value", email));
		assertThat(linked.status()).as(linked.body().toString()).isLessThan(300);
		return customer;
	}

	private long customerWithout() {
		var r = admin.post("/api/v1/inboxes/" + admin.createApiInbox(unique("Door"), Map.of()) + "/inbound",
				TestApi.inbound(unique("m"), unique("author"), "Bonjour"));
		return r.id("customerId");
	}

}
