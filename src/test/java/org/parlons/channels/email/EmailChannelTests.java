package org.parlons.channels.email;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The email channel end to end against a real SMTP and IMAP server (GreenMail): a
 * customer's mail appears in the inbox, the agent's answer reaches the customer's mailbox
 * with proper threading headers, the customer's answer threads back, a new subject opens
 * a new conversation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmailChannelTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(
			com.icegreen.greenmail.util.ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(
				GreenMailConfiguration.aConfig().withUser("support@teleo.test", "support@teleo.test", "secret-1"))
		.withPerMethodLifecycle(false);

	@LocalServerPort
	int port;

	TestApi admin;

	String customer;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		customer = unique("client") + "@example.com";
		mail.setUser(customer, customer, "customer-pw");
	}

	@Test
	void aMailBecomesAConversationTheReplyReachesTheCustomerAndTheAnswerThreadsBack() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String firstId = "<" + unique("m1") + "@example.com>";
		send(customer, "Ma box ne marche plus", "Bonjour,\nma box clignote en rouge.\n\nLéa", firstId, null);

		JsonNode conversation = await("the mail to appear", () -> conversationOf(inbox, firstId));
		long conversationId = conversation.get("id").asLong();
		JsonNode first = messages(conversationId).get(0);
		assertThat(first.get("externalId").asString()).isEqualTo(firstId);
		assertThat(first.get("direction").asString()).isEqualTo("in");
		assertThat(first.get("text").asString()).isEqualTo("Bonjour,\nma box clignote en rouge.\n\nLéa");

		var reply = admin.post("/api/v1/conversations/" + conversationId + "/replies",
				Map.of("text", "Bonjour Léa,\n\nredémarrez la box, puis dites-nous.\n\nJulie, Service client"));
		assertThat(reply.status()).isEqualTo(201);

		MimeMessage received = await("the reply in the customer's mailbox", () -> latestFor(customer));
		assertThat(received.getSubject())
			.matches("Re: Ma box ne marche plus \\[#" + conversationId + "-[0-9a-f]{8}\\]");
		assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(firstId);
		assertThat(received.getHeader("References", null)).contains(firstId);
		assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("support@teleo.test");
		MimeMultipart body = (MimeMultipart) received.getContent();
		assertThat(body.getContentType()).startsWith("multipart/alternative");
		assertThat(body.getBodyPart(0).getContent().toString()).contains("redémarrez la box");
		assertThat(body.getBodyPart(1).getContentType()).startsWith("text/html");
		String ourId = received.getMessageID();
		assertThat(await("the reply to be marked sent", () -> {
			JsonNode out = messages(conversationId).get(1);
			return "sent".equals(out.get("status").asString()) ? out : null;
		}).get("externalId").asString()).isEqualTo(ourId);

		// The customer answers from their mail client: quoted history below, threading
		// headers set.
		String answerId = "<" + unique("m2") + "@example.com>";
		send(customer, "Re: Ma box ne marche plus [#" + conversationId + "]",
				"C'est reparti, merci !\n\nLe lun. 3 nov. 2025 à 10:00, Téléo <support@teleo.test> a écrit :\n"
						+ "> Bonjour Léa,\n> redémarrez la box",
				answerId, ourId);
		// (Mail dates have whole seconds: the answer may sort before the reply sent in
		// the same second.)
		JsonNode answer = await("the answer to thread back", () -> {
			for (JsonNode m : messages(conversationId)) {
				if (answerId.equals(m.get("externalId").asString())) {
					return m;
				}
			}
			return null;
		});
		assertThat(messages(conversationId)).hasSize(3);
		assertThat(answer.get("text").asString()).isEqualTo("C'est reparti, merci !");
		assertThat(answer.get("fullText").asString()).contains("> redémarrez la box");

		// A new subject from the same customer, without references, is a new matter.
		String otherId = "<" + unique("m3") + "@example.com>";
		send(customer, "Question sur ma facture", "Pourquoi 12 € de plus ?", otherId, null);
		JsonNode other = await("the new subject", () -> conversationOf(inbox, otherId));
		assertThat(other.get("id").asLong()).isNotEqualTo(conversationId);
		assertThat(other.get("customerId").asLong()).isEqualTo(conversation.get("customerId").asLong());

		JsonNode shown = admin.get("/api/v1/inboxes/" + inbox).body();
		assertThat(shown.get("health").get("state").asString()).isEqualTo("connected");
		assertThat(shown.get("settings").get("imap").get("password").asString()).isEqualTo("••••••");
	}

	/**
	 * The customer wrote twice about one matter (the second mail a new one, unanswered
	 * yet), then answered quoting both: the two conversations become one; a mail that
	 * links another customer's conversation leaves both apart and says so.
	 */
	@Test
	void aLaterMailLinkingTwoConversationsOfTheCustomerJoinsThemAndAnotherCustomersStaysApart() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String a = "<" + unique("a") + "@example.com>";
		String b = "<" + unique("b") + "@example.com>";
		send(customer, "Box en panne", "Ma box ne marche plus.", a, null);
		long first = await("the first mail", () -> conversationOf(inbox, a)).get("id").asLong();
		send(customer, "Toujours rien", "Personne ne m'a répondu, ma box est toujours en panne.", b, null);
		long second = await("the second mail", () -> conversationOf(inbox, b)).get("id").asLong();
		assertThat(second).as("a new subject without references is a new matter").isNotEqualTo(first);

		MimeMessage linking = message(customer, "Re: Toujours rien", "Voici le numéro de ma ligne : 0612345678.",
				"<" + unique("c") + "@example.com>", b);
		linking.setHeader("References", a + " " + b);
		linking.saveChanges();
		Transport.send(linking);

		await("the thread joined into the older conversation", () -> messages(first).size() == 3 ? true : null);
		assertThat(messages(first).findValuesAsString("text")).containsExactly("Ma box ne marche plus.",
				"Personne ne m'a répondu, ma box est toujours en panne.", "Voici le numéro de ma ligne : 0612345678.");
		JsonNode closed = admin.get("/api/v1/conversations/" + second).body();
		assertThat(closed.get("status").asString()).isEqualTo("resolved");
		assertThat(messages(second)).isEmpty();
		assertThat(admin.get("/api/v1/conversations/" + second + "/timeline").body().findValuesAsString("type"))
			.contains("joined-into");
		assertThat(admin.get("/api/v1/conversations/" + first).body().get("status").asString()).isEqualTo("open");

		// another customer's mail naming the first conversation's mail and their own
		String other = unique("autre") + "@example.com";
		String d = "<" + unique("d") + "@example.com>";
		send(other, "Ma ligne", "Ma ligne coupe souvent.", d, null);
		long theirs = await("the other customer's mail", () -> conversationOf(inbox, d)).get("id").asLong();
		MimeMessage crossing = message(other, "Re: Ma ligne", "Comme pour ma voisine, voir plus bas.",
				"<" + unique("e") + "@example.com>", d);
		crossing.setHeader("References", a + " " + d);
		crossing.saveChanges();
		Transport.send(crossing);
		await("the refusal told",
				() -> admin.get("/api/v1/conversations/" + theirs + "/timeline")
					.body()
					.findValuesAsString("type")
					.contains("join-refused") ? true : null);
		assertThat(messages(theirs)).hasSize(2);
		assertThat(messages(first)).hasSize(3);
	}

	@Test
	void anAgentWritesFirstByEmailAndTheCustomersAnswerThreadsIntoThatConversation() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		var started = admin.post("/api/v1/conversations", Map.of("inboxId", inbox, "to", customer, "name", "Léa Martin",
				"subject", "Votre rendez-vous", "text", "Bonjour Léa,\n\nle technicien passe jeudi à 10 h.\n\nJulie"));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
		long conversationId = started.id("id");

		MimeMessage received = await("the first mail in the customer's mailbox", () -> latestFor(customer));
		assertThat(received.getSubject()).matches("Votre rendez-vous \\[#" + conversationId + "-[0-9a-f]{8}\\]");
		assertThat(received.getHeader("In-Reply-To", null)).isNull();
		String ourId = received.getMessageID();

		String answerId = "<" + unique("answer") + "@example.com>";
		send(customer, "Re: " + received.getSubject(), "Jeudi me va, merci.", answerId, ourId);
		// (whole-second mail dates: the answer may sort before the first mail)
		JsonNode answer = await("the answer to join the conversation", () -> {
			for (JsonNode m : messages(conversationId)) {
				if (answerId.equals(m.get("externalId").asString())) {
					return m;
				}
			}
			return null;
		});
		assertThat(messages(conversationId)).hasSize(2);
		assertThat(answer.get("text").asString()).isEqualTo("Jeudi me va, merci.");
		long customerId = admin.get("/api/v1/conversations/" + conversationId).body().get("customerId").asLong();
		JsonNode profile = admin.get("/api/v1/customers/" + customerId).body();
		assertThat(profile.get("name").asString()).isEqualTo("Léa Martin");
	}

	@Test
	void aReplySendsItsFilesAsAttachmentsOfTheMail() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String firstId = "<" + unique("files") + "@example.com>";
		send(customer, "Mon contrat", "Pouvez-vous me renvoyer mon contrat ?", firstId, null);
		long conversationId = await("the mail to appear", () -> conversationOf(inbox, firstId)).get("id").asLong();

		byte[] pdf = ("%PDF-1.4 contrat " + unique("c")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] png = TestApi.FilePart.PNG;
		var reply = admin.postMultipart("/api/v1/conversations/" + conversationId + "/replies",
				Map.of("text", "Voici votre contrat et la capture."),
				List.of(new TestApi.FilePart("files", "contrat été.pdf", "application/pdf", pdf),
						new TestApi.FilePart("files", "capture.png", "image/png", png)));
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
		assertThat(reply.body().get("attachments").findValuesAsString("name")).containsExactly("contrat été.pdf",
				"capture.png");

		MimeMessage received = await("the reply with its files", () -> latestFor(customer));
		MimeMultipart mixed = (MimeMultipart) received.getContent();
		assertThat(mixed.getContentType()).startsWith("multipart/mixed");
		assertThat(mixed.getCount()).isEqualTo(3);
		assertThat(((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(0).getContent().toString())
			.contains("Voici votre contrat");
		assertThat(jakarta.mail.internet.MimeUtility.decodeText(mixed.getBodyPart(1).getFileName()))
			.isEqualTo("contrat été.pdf");
		assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
		assertThat(mixed.getBodyPart(2).getContentType()).startsWith("image/png");
		assertThat(mixed.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(png);

		long messageId = reply.body().get("id").asLong();
		assertThat(admin.getText("/api/v1/messages/" + messageId + "/attachments/0")).startsWith("%PDF-1.4 contrat");
	}

	@Test
	void filesAreRefusedWhereTheChannelCannotSendThemAndBeyondTheLimits() {
		long api = admin.createApiInbox(unique("Door"), Map.of());
		long conversation = admin
			.post("/api/v1/inboxes/" + api + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Bonjour"))
			.id("conversationId");
		TestApi.FilePart small = new TestApi.FilePart("files", "note.txt", "text/plain", "x".getBytes());
		var refused = admin.withHeader("Accept-Language", "fr")
			.postMultipart("/api/v1/conversations/" + conversation + "/replies", Map.of("text", "Voici"),
					List.of(small));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("detail").asString())
			.isEqualTo("Cette réponse ne peut pas partir : Une réponse sur API ne peut pas envoyer de fichiers : "
					+ "écrivez par e-mail, ou donnez un lien.");

		long inbox = emailInbox(mail.getImap().getPort());
		long mailConversation = admin
			.post("/api/v1/conversations",
					Map.of("inboxId", inbox, "to", customer, "subject", "Documents", "text", "Bonjour"))
			.id("id");
		String path = "/api/v1/conversations/" + mailConversation + "/replies";
		var tooMany = admin.postMultipart(path, Map.of("text", "x"), java.util.Collections.nCopies(11, small));
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.body().get("detail").asString()).isEqualTo("A reply sends at most 10 files.");
		var tooLarge = admin.postMultipart(path, Map.of("text", "x"),
				List.of(new TestApi.FilePart("files", "film.mov", "video/quicktime", new byte[10 * 1024 * 1024 + 1])));
		assertThat(tooLarge.status()).isEqualTo(422);
		assertThat(tooLarge.body().get("detail").asString()).isEqualTo("film.mov is larger than 10 MB.");
		var huge = admin.postMultipart(path, Map.of("text", "x"), List
			.of(new TestApi.FilePart("files", "a.bin", "application/octet-stream", new byte[26 * 1024 * 1024])));
		assertThat(huge.status()).isEqualTo(413);
		assertThat(messages(mailConversation)).as("only the first message was kept").hasSize(1);
	}

	@Test
	void anAutoReplyAloneOwesNoAnswerWhileAPersonsMailStartsTheClock() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort(), Map.of("sla", Map.of("firstResponse", "PT2H")));
		String autoId = "<" + unique("ooo") + "@example.com>";
		MimeMessage auto = message(customer, "Réponse automatique", "Je suis en congés.", autoId, null);
		auto.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(auto);
		String humanId = "<" + unique("human") + "@example.com>";
		send(customer, "Ma ligne coupe", "Ma ligne coupe toutes les heures.", humanId, null);

		long automated = await("the auto-reply", () -> conversationOf(inbox, autoId)).get("id").asLong();
		long human = await("the question", () -> conversationOf(inbox, humanId)).get("id").asLong();
		assertThat(admin.get("/api/v1/conversations/" + automated + "/sla").body().get("timers")).isEmpty();
		assertThat(admin.get("/api/v1/conversations/" + human + "/sla").body().get("timers").findValuesAsString("name"))
			.containsExactly("firstResponse");
	}

	@Test
	void marksAutoRepliesAndStoresEachMailOnceAcrossPolls() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String autoId = "<" + unique("auto") + "@example.com>";
		MimeMessage auto = message(customer, "Absence du bureau", "Je suis absente jusqu'au 12.", autoId, null);
		auto.setHeader("Auto-Submitted", "auto-replied");
		Transport.send(auto);

		JsonNode conversation = await("the auto-reply", () -> conversationOf(inbox, autoId));
		JsonNode stored = messages(conversation.get("id").asLong()).get(0);
		assertThat(stored.get("automated").asBoolean()).isTrue();

		Thread.sleep(2_500); // two more polls: nothing fetched again
		assertThat(messages(conversation.get("id").asLong())).hasSize(1);
	}

	@Test
	void keepsAttachmentsForTheAgentsWhoMaySeeThemAndRefusesA30MegabyteOneClearly() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String id = "<" + unique("att") + "@example.com>";
		MimeMessage m = message(customer, "Ma facture", "Voici ma facture et la vidéo du problème.", id, null);
		MimeMultipart parts = new MimeMultipart();
		jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
		text.setText("Voici ma facture et la vidéo du problème.", "UTF-8");
		jakarta.mail.internet.MimeBodyPart invoice = new jakarta.mail.internet.MimeBodyPart();
		invoice.setContent("%PDF-1.4 facture 12345".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
				"application/pdf");
		invoice.setFileName("facture.pdf");
		invoice.setDisposition("attachment");
		jakarta.mail.internet.MimeBodyPart video = new jakarta.mail.internet.MimeBodyPart();
		video.setDataHandler(new jakarta.activation.DataHandler(
				new jakarta.mail.util.ByteArrayDataSource(new byte[30 * 1024 * 1024], "video/mp4")));
		video.setFileName("probleme.mp4");
		parts.addBodyPart(text);
		parts.addBodyPart(invoice);
		parts.addBodyPart(video);
		m.setContent(parts);
		m.saveChanges();
		Transport.send(m);

		JsonNode conversation = await("the mail with attachments", () -> conversationOf(inbox, id));
		JsonNode stored = messages(conversation.get("id").asLong()).get(0);
		assertThat(stored.get("text").asString()).startsWith("Voici ma facture")
			.contains("probleme.mp4")
			.contains("over the limit");
		JsonNode attachments = stored.get("attachments");
		assertThat(attachments).hasSize(2);
		assertThat(attachments.get(0).get("name").asString()).isEqualTo("facture.pdf");
		assertThat(attachments.get(1).get("url").isNull()).isTrue();
		assertThat(attachments.get(1).get("size").asLong()).isEqualTo(30L * 1024 * 1024);

		long messageId = stored.get("id").asLong();
		assertThat(admin.getText("/api/v1/messages/" + messageId + "/attachments/0"))
			.isEqualTo("%PDF-1.4 facture 12345");
		assertThat(admin.get("/api/v1/messages/" + messageId + "/attachments/1").status()).isEqualTo(404);
		String outsider = unique("outsider") + "@teleo.test";
		admin.createAgent(outsider, "agent", "outsider-password-1");
		assertThat(TestApi.basic(port, outsider, "outsider-password-1")
			.get("/api/v1/messages/" + messageId + "/attachments/0")
			.status()).isEqualTo(404);
	}

	@Test
	void showsAFailingMailboxWithItsErrorAndKeepsTryingWithBackoff() {
		int closedPort = mail.getImap().getPort() + 1000;
		long inbox = emailInbox(closedPort);
		JsonNode health = await("the failure to show", () -> {
			JsonNode h = admin.get("/api/v1/inboxes/" + inbox).body().get("health");
			return "failing".equals(h.get("state").asString()) ? h : null;
		});
		assertThat(health.get("lastError").asString()).isNotBlank();
		assertThat(Instant.parse(health.get("nextAttemptAt").asString()))
			.isAfter(Instant.parse(health.get("lastErrorAt").asString()));
		JsonNode later = await("a second attempt", () -> {
			JsonNode h = admin.get("/api/v1/inboxes/" + inbox).body().get("health");
			return h.get("failures").asInt() >= 2 ? h : null;
		});
		assertThat(later.get("state").asString()).isEqualTo("failing");
	}

	@Test
	void refusesAnEmailInboxWithoutItsServers() {
		var r = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Mail"), "channel", "email", "address", "x@teleo.test"));
		assertThat(r.status()).isEqualTo(422);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.body().get("detail").asString()).contains("imap");
	}

	@Test
	void aRepliesReferencesCarryTheWholeChainTheCustomersMailNamed() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String missing = "<" + unique("colleague") + "@teleo.test>";
		String firstId = "<" + unique("m1") + "@example.com>";
		// the customer answers a mail a colleague sent from their own mailbox, never seen
		// here
		send(customer, "Re: Votre devis", "Je suis d'accord avec le devis.\n\nLéa", firstId, missing);
		long conversationId = await("the mail to appear", () -> conversationOf(inbox, firstId)).get("id").asLong();

		admin.post("/api/v1/conversations/" + conversationId + "/replies", Map.of("text", "Merci, c'est noté."));
		MimeMessage received = await("the reply in the customer's mailbox", () -> latestFor(customer));
		assertThat(received.getHeader("In-Reply-To", null)).isEqualTo(firstId);
		assertThat(received.getHeader("References", null)).isEqualTo(missing + " " + firstId);
	}

	@Test
	void aMachinesMailIsNeitherAssignedNorRoutedByRules() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String agent = unique("ines") + "@teleo.test";
		long agentId = admin.createAgent(agent, "agent", "password-of-ines");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Courrier"), "inboxIds", List.of(inbox), "memberIds", List.of(agentId)));
		String word = "zorglub" + Long.toHexString(System.nanoTime());
		assertThat(
				admin
					.post("/api/v1/escalation-rules",
							Map.of("name", unique("Mot"), "kind", "keywords", "keywords", List.of(word), "inboxId",
									inbox, "priority", "urgent"))
					.status())
			.isEqualTo(201);

		String autoId = "<" + unique("ooo") + "@example.com>";
		MimeMessage outOfOffice = message(customer, "Absent", "Je suis absent jusqu'à lundi. " + word, autoId, null);
		outOfOffice.setHeader("Auto-Submitted", "auto-replied");
		outOfOffice.saveChanges();
		Transport.send(outOfOffice);
		String humanId = "<" + unique("q") + "@example.com>";
		send(unique("other") + "@example.com", "Question", "Une question sur " + word, humanId, null);

		JsonNode automated = await("the auto-reply", () -> conversationOf(inbox, autoId));
		JsonNode human = await("the question", () -> conversationOf(inbox, humanId));
		await("the question to be assigned and prioritised", () -> {
			JsonNode c = admin.get("/api/v1/conversations/" + human.get("id").asLong()).body();
			return c.get("priority").asString().equals("urgent") && !c.get("assigneeId").isNull() ? Boolean.TRUE : null;
		});
		JsonNode auto = admin.get("/api/v1/conversations/" + automated.get("id").asLong()).body();
		assertThat(auto.get("priority").asString()).isEqualTo("normal");
		assertThat(auto.get("assigneeId").isNull()).isTrue();
		assertThat(admin.get("/api/v1/conversations/" + human.get("id").asLong()).body().get("assigneeId").asLong())
			.isEqualTo(agentId);
	}

	@Test
	void theReplyGoesWhereTheMailAskedAndKeepsItsCopies() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String personal = unique("lea.perso") + "@example.com";
		String colleague = unique("marc") + "@example.com";
		mail.setUser(personal, personal, "personal-pw");
		mail.setUser(colleague, colleague, "colleague-pw");
		String id = "<" + unique("m") + "@example.com>";
		MimeMessage asked = message(customer, "Facture", "Répondez-moi sur mon adresse perso, merci.", id, null);
		asked.setReplyTo(new InternetAddress[] { new InternetAddress(personal) });
		asked.setRecipients(Message.RecipientType.CC,
				new InternetAddress[] { new InternetAddress(colleague), new InternetAddress("support@teleo.test") });
		asked.saveChanges();
		Transport.send(asked);
		long conversationId = await("the mail to appear", () -> conversationOf(inbox, id)).get("id").asLong();

		admin.post("/api/v1/conversations/" + conversationId + "/replies", Map.of("text", "C'est noté."));
		MimeMessage received = await("the reply at the Reply-To address", () -> latestFor(personal));
		assertThat(received.getRecipients(Message.RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
			.containsExactly(colleague);
		assertThat(await("the copy", () -> latestFor(colleague)).getSubject()).contains("[#" + conversationId + "-");
		assertThat(latestFor(customer)).as("not the profile's address").isNull();
	}

	@Test
	void onlyTheSignedTokenOfOurReplyThreadsAMailWithoutHeaders() throws Exception {
		long inbox = emailInbox(mail.getImap().getPort());
		String firstId = "<" + unique("m1") + "@example.com>";
		send(customer, "Ma ligne", "Ma ligne est coupée.", firstId, null);
		long conversationId = await("the mail to appear", () -> conversationOf(inbox, firstId)).get("id").asLong();
		admin.post("/api/v1/conversations/" + conversationId + "/replies", Map.of("text", "Nous regardons."));
		String ourSubject = await("the reply", () -> latestFor(customer)).getSubject();
		String signed = ourSubject.substring(ourSubject.indexOf("[#"));

		String stranger = unique("intrus") + "@example.com";
		String forgedId = "<" + unique("f") + "@example.com>";
		send(stranger, "Re: [#" + conversationId + "]", "Je m'invite.", forgedId, null);
		String tamperedId = "<" + unique("t") + "@example.com>";
		send(stranger, "Re: [#" + conversationId + "-00000000]", "Moi aussi.", tamperedId, null);
		String answerId = "<" + unique("a") + "@example.com>";
		send(customer, "Re: Ma ligne " + signed, "Toujours coupée.", answerId, null);

		assertThat(await("the forged mail", () -> conversationOf(inbox, forgedId)).get("id").asLong())
			.isNotEqualTo(conversationId);
		assertThat(await("the tampered mail", () -> conversationOf(inbox, tamperedId)).get("id").asLong())
			.isNotEqualTo(conversationId);
		assertThat(await("the answer", () -> conversationOf(inbox, answerId)).get("id").asLong())
			.isEqualTo(conversationId);
	}

	private long emailInbox(int imapPort) {
		return emailInbox(imapPort, Map.of());
	}

	private long emailInbox(int imapPort, Map<String, Object> more) {
		Map<String, Object> settings = new java.util.LinkedHashMap<>(
				Map.of("name", unique("Support mail"), "channel", "email", "address", "support@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", imapPort, "username", "support@teleo.test", "password",
								"secret-1", "tls", false),
						"smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "username",
								"support@teleo.test", "password", "secret-1", "tls", false)));
		settings.putAll(more);
		var r = admin.post("/api/v1/inboxes", settings);
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		return r.id("id");
	}

	private void send(String from, String subject, String text, String messageId, String inReplyTo) throws Exception {
		Transport.send(message(from, subject, text, messageId, inReplyTo));
	}

	private MimeMessage message(String from, String subject, String text, String messageId, String inReplyTo)
			throws Exception {
		java.util.Properties p = new java.util.Properties();
		p.setProperty("mail.smtp.host", "127.0.0.1");
		p.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
		MimeMessage m = new MimeMessage(Session.getInstance(p)) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		m.setFrom(new InternetAddress(from, "Léa Martin", "UTF-8"));
		m.setRecipient(Message.RecipientType.TO, new InternetAddress("support@teleo.test"));
		m.setSubject(subject, "UTF-8");
		m.setText(text, "UTF-8");
		if (inReplyTo != null) {
			m.setHeader("In-Reply-To", inReplyTo);
			m.setHeader("References", inReplyTo);
		}
		m.saveChanges();
		return m;
	}

	private JsonNode conversationOf(long inbox, String messageId) {
		for (JsonNode c : admin.get("/api/v1/conversations?inboxId=" + inbox + "&size=100").body().get("items")) {
			for (JsonNode m : messages(c.get("id").asLong())) {
				if (messageId.equals(m.get("externalId").asString())) {
					return c;
				}
			}
		}
		return null;
	}

	private JsonNode messages(long conversationId) {
		return admin.get("/api/v1/conversations/" + conversationId + "/messages").body().get("items");
	}

	private MimeMessage latestFor(String address) {
		List<MimeMessage> all = List.of(mail.getReceivedMessagesForDomain(address));
		return all.isEmpty() ? null : all.get(all.size() - 1);
	}

	private static <T> T await(String what, Supplier<T> probe) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		throw new AssertionError("Timed out waiting for " + what);
	}

}
