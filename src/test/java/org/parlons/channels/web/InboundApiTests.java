package org.parlons.channels.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * The contract's API channel, through the real HTTP port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboundApiTests {

	@LocalServerPort
	int port;

	TestApi admin;

	long inboxId;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inboxId = admin.createApiInbox(unique("Web form"), Map.of());
	}

	@Test
	void storesAnInboundMessageOnceAndAnswersTheSameIdsForADuplicate() {
		var first = admin.post("/api/v1/inboxes/" + inboxId + "/inbound",
				inbound("m-1", "u-1", "Bonjour, ma box ne marche plus"));
		var again = admin.post("/api/v1/inboxes/" + inboxId + "/inbound",
				inbound("m-1", "u-1", "Bonjour, ma box ne marche plus"));

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.body().get("duplicate").asBoolean()).isFalse();
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.body().get("duplicate").asBoolean()).isTrue();
		assertThat(again.id("messageId")).isEqualTo(first.id("messageId"));
		assertThat(again.id("conversationId")).isEqualTo(first.id("conversationId"));
		assertThat(again.id("customerId")).isEqualTo(first.id("customerId"));
		var messages = admin.get("/api/v1/conversations/" + first.id("conversationId") + "/messages");
		assertThat(messages.body().get("items")).hasSize(1);
		assertThat(messages.body().get("items").get(0).get("externalId").asString()).isEqualTo("m-1");
		assertThat(messages.body().get("items").get(0).get("direction").asString()).isEqualTo("in");
	}

	@Test
	void threadsTheCustomersNextMessageIntoTheOpenConversationAndAReplyToIntoItsParent() {
		var first = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("a-1", "u-2", "Première question"));
		var second = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("a-2", "u-2", "Et une autre"));
		var other = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("b-1", "u-3", "Autre client"));

		assertThat(second.id("conversationId")).isEqualTo(first.id("conversationId"));
		assertThat(second.id("customerId")).isEqualTo(first.id("customerId"));
		assertThat(other.id("conversationId")).isNotEqualTo(first.id("conversationId"));
		assertThat(other.id("customerId")).isNotEqualTo(first.id("customerId"));

		long conversation = first.id("conversationId");
		assertThat(
				admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved")).status())
			.isEqualTo(200);
		var fresh = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("a-3", "u-2", "Nouveau sujet"));
		assertThat(fresh.id("conversationId")).isNotEqualTo(conversation);

		var replyTo = new java.util.HashMap<>(inbound("a-4", "u-2", "Suite de ma première question"));
		replyTo.put("inReplyTo", "a-1");
		var threaded = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", replyTo);
		assertThat(threaded.id("conversationId")).isEqualTo(conversation);
		assertThat(admin.get("/api/v1/conversations/" + conversation).body().get("status").asString())
			.isEqualTo("open");
	}

	@Test
	void recognisesAKnownCustomerByEmailAcrossAuthorIds() {
		var a = Map.of("externalId", "e-1", "author",
				Map.of("externalId", "crm-1", "name", "Léa", "email", "Lea@Example.fr"), "text", "Bonjour");
		var b = Map.of("externalId", "e-2", "author", Map.of("externalId", "crm-2", "email", "lea@example.fr"), "text",
				"C'est encore moi");
		var first = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", a);
		var second = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", b);
		assertThat(second.id("customerId")).isEqualTo(first.id("customerId"));
	}

	@Test
	void listsConversationsOfAnInboxWithTheirTotal() {
		admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("l-1", "u-10", "un"));
		admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("l-2", "u-11", "deux"));
		var list = admin.get("/api/v1/conversations?inboxId=" + inboxId + "&status=open&page=0&size=1");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().get("total").asLong()).isEqualTo(2);
		assertThat(list.body().get("items")).hasSize(1);
		var item = list.body().get("items").get(0);
		assertThat(item.get("inboxId").asLong()).isEqualTo(inboxId);
		assertThat(item.get("status").asString()).isEqualTo("open");
		assertThat(item.get("lastMessageAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:\\d{2})");
		assertThat(item.has("customerId")).isTrue();
	}

	@Test
	void rejectsMalformedJsonWithAProblem() {
		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", "{\"externalId\": \"x\", ");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
	}

	@Test
	void namesTheMissingFields() {
		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", Map.of("text", "no id, no author"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.body().get("errors").has("externalId")).isTrue();
		assertThat(r.body().get("errors").has("author")).isTrue();
	}

	@Test
	void answersNotFoundForAnUnknownInboxAndStoresNothing() {
		var r = admin.post("/api/v1/inboxes/999999/inbound", inbound("z-1", "u-1", "hello"));
		assertThat(r.status()).isEqualTo(404);
		assertThat(r.contentType()).startsWith("application/problem+json");
	}

	@Test
	void refusesABodyOverTheLimit() {
		String huge = "x".repeat(1_100_000);
		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("big-1", "u-1", huge));
		assertThat(r.status()).isEqualTo(413);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.body().get("detail").asString()).contains("1,048,576 bytes");
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inboxId).body().get("total").asLong()).isZero();
		var french = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("big-2", "u-1", huge));
		assertThat(french.status()).isEqualTo(413);
		assertThat(french.body().get("detail").asString()).startsWith("Le corps d'une requête est limité à");
	}

	@Test
	void keepsScriptTagsAsInertText() {
		String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("h-1", "u-1", hostile));
		var messages = admin.get("/api/v1/conversations/" + r.id("conversationId") + "/messages");
		assertThat(messages.body().get("items").get(0).get("text").asString()).isEqualTo(hostile);
	}

	@Test
	void refusesWrongCredentialsWithAProblem() {
		var r = TestApi.basic(port, TestApi.ADMIN_EMAIL, "wrong-password").get("/api/v1/conversations");
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(TestApi.bearer(port, "prl_not-a-token").get("/api/v1/conversations").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(port).get("/api/v1/conversations").status()).isEqualTo(401);
	}

	@Test
	void storesABatchInOneCallWithTheSameThreadingAndIdempotenceAsSingleMessages() {
		var earlier = admin.post("/api/v1/inboxes/" + inboxId + "/inbound", inbound("k-0", "u-20", "Avant le lot"));
		var replyInBatch = new java.util.HashMap<>(inbound("k-4", "u-22", "Je réponds au message k-3"));
		replyInBatch.put("inReplyTo", "k-3");
		var batch = java.util.List.of(inbound("k-1", "u-21", "Premier message d'un nouveau client"),
				inbound("k-2", "u-21", "Deuxième message du même client"), inbound("k-0", "u-20", "Avant le lot"),
				inbound("k-3", "u-20", "Le client connu écrit encore"), replyInBatch,
				inbound("k-1", "u-21", "Premier message d'un nouveau client"));

		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch", Map.of("messages", batch));

		assertThat(r.status()).isEqualTo(202);
		var items = r.body().get("items");
		assertThat(items).hasSize(6);
		assertThat(r.body().get("stored").asLong()).isEqualTo(4);
		assertThat(r.body().get("duplicates").asLong()).isEqualTo(2);
		// A new customer's two messages: one profile, one conversation.
		assertThat(items.get(1).get("conversationId").asLong()).isEqualTo(items.get(0).get("conversationId").asLong());
		assertThat(items.get(1).get("customerId").asLong()).isEqualTo(items.get(0).get("customerId").asLong());
		// Already stored before the batch, and repeated within it: the stored ids, marked
		// duplicate.
		assertThat(items.get(2).get("duplicate").asBoolean()).isTrue();
		assertThat(items.get(2).get("messageId").asLong()).isEqualTo(earlier.id("messageId"));
		assertThat(items.get(2).get("customerId").asLong()).isEqualTo(earlier.id("customerId"));
		assertThat(items.get(5).get("duplicate").asBoolean()).isTrue();
		assertThat(items.get(5).get("messageId").asLong()).isEqualTo(items.get(0).get("messageId").asLong());
		// A known customer joins their open conversation; a reply-to within the batch
		// follows its parent.
		assertThat(items.get(3).get("conversationId").asLong()).isEqualTo(earlier.id("conversationId"));
		assertThat(items.get(4).get("conversationId").asLong()).isEqualTo(earlier.id("conversationId"));
		assertThat(items.get(4).get("customerId").asLong()).isNotEqualTo(earlier.id("customerId"));

		var thread = admin.get("/api/v1/conversations/" + earlier.id("conversationId") + "/messages")
			.body()
			.get("items");
		assertThat(thread).hasSize(3);
		var conversation = admin.get("/api/v1/conversations/" + earlier.id("conversationId")).body();
		assertThat(conversation.get("messageCount").asLong()).isEqualTo(3);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inboxId).body().get("total").asLong()).isEqualTo(2);

		var replayed = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch", Map.of("messages", batch));
		assertThat(replayed.body().get("stored").asLong()).isZero();
		assertThat(replayed.body().get("items").get(4).get("messageId").asLong())
			.isEqualTo(items.get(4).get("messageId").asLong());
	}

	@Test
	void refusesAWholeBatchWhenOneMessageIsBadNamingItsPosition() {
		var batch = java.util.List.of(inbound("v-1", "u-30", "Correct"), Map.of("externalId", "v-2", "author",
				Map.of("externalId", "u-31", "email", "pas-une-adresse"), "text", "Adresse invalide"));
		var r = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch", Map.of("messages", batch));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.body().get("detail").asString()).startsWith("messages[1]: ");

		var missing = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch",
				Map.of("messages", java.util.List.of(Map.of("text", "sans identifiant"))));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body().get("errors").has("messages[0].externalId")).isTrue();

		var empty = admin.post("/api/v1/inboxes/" + inboxId + "/inbound/batch",
				Map.of("messages", java.util.List.of()));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/conversations?inboxId=" + inboxId).body().get("total").asLong()).isZero();
	}

}
