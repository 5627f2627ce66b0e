package org.parlons.portal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The customer space through the real port: a customer with an email and a Telegram
 * identity, merged, signs in by link and sees both conversations and nobody else's; what
 * they see is what was sent; what they write lands in the agent's conversation; undoing
 * the merge splits what each profile sees; links work once; contracts and consumption
 * pushed by the company appear; a resolution is rated once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerSpaceTests {

	static final ServerSetup SMTP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
	}

	@LocalServerPort
	int port;

	TestApi admin;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
	}

	/**
	 * Two conversations of one person, by email and on Telegram, merged into one profile.
	 */
	record Person(long customer, long telegramProfile, long mergeId, long byEmail, long onTelegram, String email) {
	}

	Person mergedPerson() {
		long mailInbox = admin.createApiInbox(unique("Mail"), Map.of());
		long telegram = admin.createApiInbox(unique("Telegram"), Map.of("network", "telegram"));
		String email = unique("marie") + "@exemple.fr";
		var a = admin.post("/api/v1/inboxes/" + mailInbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("mail"), "name", "Marie Curie", "email", email), "text",
						"Ma facture est fausse", "subject", "Facture de novembre"));
		var b = admin.post("/api/v1/inboxes/" + telegram + "/inbound", Map.of("externalId", unique("t"), "author",
				Map.of("externalId", unique("tg"), "handle", "@" + unique("marie")), "text", "La box clignote"));
		assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(202);
		long customer = a.id("customerId");
		long other = b.id("customerId");
		var merge = admin.post("/api/v1/customers/" + customer + "/merge", Map.of("mergedId", other));
		assertThat(merge.status()).isEqualTo(200);
		return new Person(customer, other, merge.id("id"), a.id("conversationId"), b.id("conversationId"), email);
	}

	PortalClient signedIn(long customer) {
		var invitation = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of());
		assertThat(invitation.status()).as(String.valueOf(invitation.body())).isEqualTo(201);
		PortalClient browser = new PortalClient(port);
		String url = invitation.body().get("url").asString();
		assertThat(url).startsWith("https://parlons.example.org/portal/sign-in/");
		var opened = browser.open(local(url));
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.path()).isEqualTo("/portal");
		assertThat(browser.signedIn()).isTrue();
		return browser;
	}

	@Test
	void aMergedCustomerSeesBothConversationsOnlyWhatWasSentAndNobodyElses() {
		Person marie = mergedPerson();
		Person someoneElse = mergedPerson();
		String julieEmail = unique("julie") + "@teleo.test";
		long julie = admin
			.post("/api/v1/agents", Map.of("email", julieEmail, "name", "Julie", "password", "password-of-julie",
					"role", "agent", "mandate", Map.of("maxGesture", Map.of("amount", 50, "currency", "EUR"))))
			.id("id");
		long mailInbox = admin.get("/api/v1/conversations/" + marie.byEmail()).body().get("inboxId").asLong();
		admin.post("/api/v1/teams",
				Map.of("name", unique("Factures"), "inboxIds", List.of(mailInbox), "memberIds", List.of(julie)));
		TestApi agent = TestApi.basic(port, julieEmail, "password-of-julie");
		long sent = admin
			.post("/api/v1/conversations/" + marie.byEmail() + "/replies",
					Map.of("text", "Nous corrigeons la facture."))
			.id("id");
		var held = agent.post("/api/v1/conversations/" + marie.byEmail() + "/replies",
				Map.of("text", "Nous vous remboursons 80 € sur votre prochaine facture."));
		assertThat(held.body().get("status").asString()).isEqualTo("pending_approval");
		var rejected = agent.post("/api/v1/conversations/" + marie.byEmail() + "/replies",
				Map.of("text", "Nous vous offrons 90 € de dédommagement."));
		admin.post("/api/v1/approvals/" + approvalOf(rejected.id("id")) + "/reject", Map.of("reason", "trop"));
		admin.post("/api/v1/conversations/" + marie.byEmail() + "/notes",
				Map.of("text", "Client fragile, note interne"));
		await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(marie.byEmail(), sent).equals("sent"));

		PortalClient browser = signedIn(marie.customer());
		var requests = browser.get("/portal/api/v1/requests");
		assertThat(requests.status()).isEqualTo(200);
		assertThat(requests.body().get("items").valueStream().map(r -> r.get("id").asLong()))
			.containsExactlyInAnyOrder(marie.byEmail(), marie.onTelegram());
		JsonNode first = requests.body()
			.get("items")
			.valueStream()
			.filter(r -> r.get("id").asLong() == marie.byEmail())
			.findFirst()
			.orElseThrow();
		assertThat(first.get("channel").asString()).isEqualTo("api");
		assertThat(first.get("status").asString()).isEqualTo("open");
		assertThat(first.get("subject").asString()).isEqualTo("Facture de novembre");
		assertThat(first.hasNonNull("lastMessageAt")).isTrue();

		var thread = browser.get("/portal/api/v1/requests/" + marie.byEmail() + "/messages").body().get("items");
		assertThat(thread.valueStream().map(m -> m.get("direction").asString() + " " + m.get("text").asString()))
			.containsExactly("in Ma facture est fausse", "out Nous corrigeons la facture.");
		assertThat(thread.toString()).doesNotContain("80 €").doesNotContain("90 €").doesNotContain("note interne");

		assertThat(browser.get("/portal/api/v1/requests/" + someoneElse.byEmail()).status()).isEqualTo(404);
		assertThat(browser.get("/portal/api/v1/requests/" + someoneElse.byEmail() + "/messages").status())
			.isEqualTo(404);
		assertThat(
				browser.post("/portal/api/v1/requests/" + someoneElse.byEmail() + "/messages", Map.of("text", "intrus"))
					.status())
			.isEqualTo(404);
		assertThat(browser.get("/portal/api/v1/requests/999999999/messages").status()).isEqualTo(404);

		var reply = browser.post("/portal/api/v1/requests/" + marie.onTelegram() + "/messages",
				Map.of("text", "Et depuis mon espace : toujours en panne"));
		assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
		var agentSees = admin.get("/api/v1/conversations/" + marie.onTelegram() + "/messages").body().get("items");
		assertThat(agentSees.valueStream().map(m -> m.get("text").asString()))
			.contains("Et depuis mon espace : toujours en panne");

		var opened = browser.post("/portal/api/v1/requests",
				Map.of("subject", "Déménagement", "text", "Je déménage le 12"));
		assertThat(opened.status()).as(String.valueOf(opened.body())).isEqualTo(201);
		long fresh = opened.id("id");
		var conversation = admin.get("/api/v1/conversations/" + fresh).body();
		assertThat(conversation.get("subject").asString()).isEqualTo("Déménagement");
		assertThat(browser.get("/portal/api/v1/requests").body().get("items").size()).isEqualTo(3);
		assertThat(browser.get("/portal/api/v1/requests/" + fresh).body().get("channel").asString())
			.isEqualTo("portal");

		// undoing the merge: the session of the kept profile sees its own only; the other
		// profile's own link sees its own only
		assertThat(admin.post("/api/v1/customers/merges/" + marie.mergeId() + "/undo", Map.of()).status())
			.isEqualTo(200);
		assertThat(
				browser.get("/portal/api/v1/requests").body().get("items").valueStream().map(r -> r.get("id").asLong()))
			.contains(marie.byEmail(), fresh)
			.doesNotContain(marie.onTelegram());
		assertThat(browser.get("/portal/api/v1/requests/" + marie.onTelegram()).status()).isEqualTo(404);
		PortalClient telegramSide = signedIn(marie.telegramProfile());
		assertThat(telegramSide.get("/portal/api/v1/requests")
			.body()
			.get("items")
			.valueStream()
			.map(r -> r.get("id").asLong())).containsExactly(marie.onTelegram());
	}

	@Test
	void theTwoDoorsTakeNoOtherCredentials() {
		Person marie = mergedPerson();
		PortalClient browser = signedIn(marie.customer());
		String cookie = "parlons-portal=" + sessionValue(browser);
		// the agents' API does not take the customer's session, even handed over by hand
		var asCustomer = TestApi.anonymous(port).withHeader("Cookie", cookie).get("/api/v1/conversations");
		assertThat(asCustomer.status()).isEqualTo(401);
		// the customer space does not take an agent's password nor an agent's token
		var asAgent = admin.get("/portal/api/v1/requests");
		assertThat(asAgent.status()).isEqualTo(401);
		assertThat(asAgent.contentType()).contains("problem+json");
		String token = admin.post("/api/v1/tokens", Map.of("name", unique("t"))).body().get("token").asString();
		assertThat(TestApi.bearer(port, token).get("/portal/api/v1/requests").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(port)
			.withHeader("Cookie", "parlons-portal=forged")
			.get("/portal/api/v1/requests")
			.status()).isEqualTo(401);
		// another site's form cannot borrow the cookie: the API takes JSON only
		var form = TestApi.anonymous(port)
			.withHeader("Cookie", cookie)
			.postText("/portal/api/v1/requests/" + marie.byEmail() + "/messages", "text=forged");
		assertThat(form.status()).isEqualTo(415);
		assertThat(browser.get("/portal/api/v1/requests/" + marie.byEmail() + "/messages").body().toString())
			.doesNotContain("forged");
		// signed out, the session is gone for good
		assertThat(browser.post("/portal/api/v1/sign-out", Map.of()).status()).isEqualTo(204);
		assertThat(TestApi.anonymous(port).withHeader("Cookie", cookie).get("/portal/api/v1/requests").status())
			.isEqualTo(401);
	}

	@Test
	void aLinkWorksOnceAndAskingByEmailAnswersTheSameForKnownAndUnknownAddresses() throws Exception {
		Person marie = mergedPerson();
		String url = admin.post("/api/v1/customers/" + marie.customer() + "/portal-invitations", Map.of())
			.body()
			.get("url")
			.asString();
		PortalClient first = new PortalClient(port);
		assertThat(first.open(local(url)).path()).isEqualTo("/portal");
		PortalClient second = new PortalClient(port);
		var again = second.open(local(url));
		assertThat(again.path()).isEqualTo("/portal/sign-in");
		assertThat(second.signedIn()).isFalse();
		assertThat(second.get("/portal/api/v1/requests").status()).isEqualTo(401);
		assertThat(new PortalClient(port).open("http://localhost:" + port + "/portal/sign-in/not-a-link").path())
			.isEqualTo("/portal/sign-in");

		String unknown = unique("personne") + "@exemple.fr";
		TestApi anybody = TestApi.anonymous(port);
		var known = anybody.post("/portal/api/v1/sign-in", Map.of("email", marie.email()));
		var notKnown = anybody.post("/portal/api/v1/sign-in", Map.of("email", unknown));
		var notAnAddress = anybody.post("/portal/api/v1/sign-in", Map.of("email", "pas une adresse"));
		assertThat(List.of(known.status(), notKnown.status(), notAnAddress.status())).containsOnly(202);
		assertThat(known.body()).isEqualTo(notKnown.body()).isEqualTo(notAnAddress.body());

		await().atMost(Duration.ofSeconds(10))
			.until(() -> List.of(mail.getReceivedMessages())
				.stream()
				.anyMatch(m -> recipient(m).equalsIgnoreCase(marie.email())));
		MimeMessage linkMail = List.of(mail.getReceivedMessages())
			.stream()
			.filter(m -> recipient(m).equalsIgnoreCase(marie.email()))
			.findFirst()
			.orElseThrow();
		assertThat(List.of(mail.getReceivedMessages()).stream().noneMatch(m -> recipient(m).equalsIgnoreCase(unknown)))
			.isTrue();
		String body = GreenMailUtil.getBody(linkMail).replace("=\r\n", "").replace("=3D", "=");
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+/portal/sign-in/[A-Za-z0-9_-]+")
			.matcher(body);
		assertThat(link.find()).as(body).isTrue();
		PortalClient byMail = new PortalClient(port);
		assertThat(byMail.open(local(link.group())).path()).isEqualTo("/portal");
		assertThat(byMail.get("/portal/api/v1/requests").body().get("items").size()).isEqualTo(2);
	}

	@Test
	void contractsAndConsumptionPushedByTheCompanyAppearInTheSpace() {
		Person marie = mergedPerson();
		var contract = admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-42",
				Map.of("name", "Fibre 1 Gb/s", "status", "active", "startsOn", "2026-01-15"));
		assertThat(contract.status()).as(String.valueOf(contract.body())).isEqualTo(200);
		assertThat(admin
			.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-42",
					Map.of("name", "Fibre 2 Gb/s", "status", "active", "startsOn", "2026-01-15"))
			.status()).isEqualTo(200);
		var bad = admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-43",
				Map.of("name", "Fibre", "status", "active", "startsOn", "le 15 janvier"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).contains("problem+json");
		for (String month : List.of("09", "10", "11")) {
			var used = admin.post("/api/v1/customers/" + marie.customer() + "/consumption",
					Map.of("contract", "FIB-42", "metric", "data", "unit", "GB", "from", "2026-" + month + "-01", "to",
							"2026-" + month + "-28", "quantity", 120.5));
			assertThat(used.status()).as(String.valueOf(used.body())).isEqualTo(201);
		}
		assertThat(admin
			.post("/api/v1/customers/" + marie.customer() + "/consumption", Map.of("contract", "NOPE", "metric", "data",
					"unit", "GB", "from", "2026-11-01", "to", "2026-11-30", "quantity", 1))
			.status()).isEqualTo(400);

		PortalClient browser = signedIn(marie.customer());
		var contracts = browser.get("/portal/api/v1/contracts").body().get("items");
		assertThat(contracts.size()).isEqualTo(1);
		assertThat(contracts.get(0).get("name").asString()).isEqualTo("Fibre 2 Gb/s");
		var consumption = browser.get("/portal/api/v1/consumption").body().get("items");
		assertThat(consumption.size()).isEqualTo(3);
		assertThat(consumption.get(0).get("quantity").asDouble()).isEqualTo(120.5);
		assertThat(consumption.get(0).get("contract").asString()).isEqualTo("FIB-42");

		Person other = mergedPerson();
		assertThat(signedIn(other.customer()).get("/portal/api/v1/contracts").body().get("items").size()).isZero();
	}

	@Test
	void aResolutionIsRatedOnceAndTheRatingShowsInTheConversation() {
		Person marie = mergedPerson();
		PortalClient browser = signedIn(marie.customer());
		var early = browser.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating", Map.of("score", 5));
		assertThat(early.status()).isEqualTo(409);
		long sent = admin.post("/api/v1/conversations/" + marie.byEmail() + "/replies", Map.of("text", "C'est réglé."))
			.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(marie.byEmail(), sent).equals("sent"));
		assertThat(admin.post("/api/v1/conversations/" + marie.byEmail() + "/status", Map.of("status", "resolved"))
			.status()).isEqualTo(200);
		assertThat(browser.get("/portal/api/v1/requests/" + marie.byEmail()).body().get("ratable").asBoolean())
			.isTrue();
		assertThat(browser.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating", Map.of("score", 9)).status())
			.isEqualTo(400);
		var rated = browser.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating",
				Map.of("score", 4, "comment", "Rapide"));
		assertThat(rated.status()).as(String.valueOf(rated.body())).isEqualTo(201);
		assertThat(browser.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating", Map.of("score", 1)).status())
			.isEqualTo(409);
		assertThat(browser.get("/portal/api/v1/requests/" + marie.byEmail()).body().get("rating").asInt()).isEqualTo(4);
		assertThat(admin.get("/api/v1/conversations/" + marie.byEmail() + "/timeline").body().toString())
			.contains("rated");
		// a conversation resolved without a word to the customer asks nothing
		assertThat(admin.post("/api/v1/conversations/" + marie.onTelegram() + "/status", Map.of("status", "resolved"))
			.status()).isEqualTo(200);
		assertThat(browser.get("/portal/api/v1/requests/" + marie.onTelegram()).body().get("ratable").asBoolean())
			.isFalse();
	}

	@Test
	void anOrganisationsAdminReadsItsMembersRequestsOnlyWhenAnAdministratorAllowsIt() {
		Person marie = mergedPerson();
		Person paul = mergedPerson();
		long organisation = admin.post("/api/v1/organisations", Map.of("name", unique("Boulangerie Martin"))).id("id");
		assertThat(admin
			.put("/api/v1/organisations/" + organisation + "/members/" + marie.telegramProfile(),
					Map.of("role", "admin"))
			.status()).isEqualTo(200);
		assertThat(
				admin.put("/api/v1/organisations/" + organisation + "/members/" + paul.customer(), Map.of()).status())
			.isEqualTo(200);
		assertThat(admin
			.put("/api/v1/organisations/" + organisation + "/members/" + paul.customer(), Map.of("role", "boss"))
			.status()).isEqualTo(400);
		PortalClient marieSpace = signedIn(marie.customer());
		PortalClient paulSpace = signedIn(paul.customer());
		// off by default: each sees their own
		assertThat(ids(marieSpace)).containsExactlyInAnyOrder(marie.byEmail(), marie.onTelegram());
		assertThat(marieSpace.get("/portal/api/v1/requests/" + paul.byEmail()).status()).isEqualTo(404);

		// a supervisor edits customers, but sharing is the administrators' decision
		String supervisorEmail = unique("supervisor") + "@test.local";
		admin.createAgent(supervisorEmail, "supervisor", "password-of-the-supervisor");
		TestApi supervisor = TestApi.basic(port, supervisorEmail, "password-of-the-supervisor");
		assertThat(supervisor.patch("/api/v1/organisations/" + organisation, Map.of("sharesRequests", true)).status())
			.isEqualTo(403);
		assertThat(supervisor.patch("/api/v1/organisations/" + organisation, Map.of("name", "Boulangerie Martin SA"))
			.status()).isEqualTo(200);
		assertThat(admin.patch("/api/v1/organisations/" + organisation, Map.of("sharesRequests", true)).status())
			.isEqualTo(200);

		assertThat(ids(marieSpace)).containsExactlyInAnyOrder(marie.byEmail(), marie.onTelegram(), paul.byEmail(),
				paul.onTelegram());
		JsonNode paulsRequest = marieSpace.get("/portal/api/v1/requests/" + paul.byEmail()).body();
		assertThat(paulsRequest.get("from").asString()).isEqualTo("Marie Curie");
		assertThat(marieSpace.get("/portal/api/v1/requests/" + paul.byEmail() + "/messages").status()).isEqualTo(200);
		var written = marieSpace.post("/portal/api/v1/requests/" + paul.byEmail() + "/messages",
				Map.of("text", "Je complète"));
		assertThat(written.status()).isEqualTo(403);
		// a member reads only their own
		assertThat(ids(paulSpace)).containsExactlyInAnyOrder(paul.byEmail(), paul.onTelegram());
		// out of the organisation, out of sight
		admin.delete("/api/v1/organisations/" + organisation + "/members/" + paul.customer());
		assertThat(ids(marieSpace)).containsExactlyInAnyOrder(marie.byEmail(), marie.onTelegram());
	}

	private List<Long> ids(PortalClient space) {
		return space.get("/portal/api/v1/requests")
			.body()
			.get("items")
			.valueStream()
			.map(r -> r.get("id").asLong())
			.toList();
	}

	@Test
	void anAnswerInTheSpaceIsToldByMailUnlessTheCustomerChoseOtherwise() throws Exception {
		Person marie = mergedPerson();
		PortalClient space = signedIn(marie.customer());
		var opened = space.post("/portal/api/v1/requests",
				Map.of("subject", "Changer de forfait", "text", "Je voudrais passer à la fibre."));
		assertThat(opened.status()).isEqualTo(201);
		long request = opened.id("id");
		long first = admin.post("/api/v1/conversations/" + request + "/replies", Map.of("text", "C'est fait."))
			.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(request, first).equals("sent"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> mailsTo(marie.email()).stream().anyMatch(m -> subjectOf(m).contains("Changer de forfait")));
		MimeMessage told = mailsTo(marie.email()).stream()
			.filter(m -> subjectOf(m).contains("Changer de forfait"))
			.findFirst()
			.orElseThrow();
		assertThat(subjectOf(told)).isEqualTo("Une réponse à votre demande « Changer de forfait »");
		String text = plainText(told);
		assertThat(text).contains("https://parlons.example.org/portal/requests/" + request + "?lang=fr")
			.doesNotContain("C'est fait.");

		assertThat(space.put("/portal/api/v1/preferences", Map.of("notifyByEmail", false)).status()).isEqualTo(200);
		long second = admin.post("/api/v1/conversations/" + request + "/replies", Map.of("text", "Autre chose ?"))
			.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(request, second).equals("sent"));
		Thread.sleep(1000);
		assertThat(mailsTo(marie.email()).stream().filter(m -> subjectOf(m).contains("Changer de forfait"))).hasSize(1);
	}

	private static String subjectOf(MimeMessage m) {
		try {
			return String.valueOf(m.getSubject());
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	PortalAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	PortalSignIn signIn;

	@Test
	void lapsedLinksAreForgottenADayLaterAndLapsedSessionsAtOnce() {
		Person marie = mergedPerson();
		String lapsedLong = access.issueLink(marie.customer(), null, Duration.ofDays(-2));
		String lapsedNow = access.issueLink(marie.customer(), null, Duration.ofMinutes(-1));
		String session = access.openSession(marie.customer(), Duration.ofMinutes(-1));
		assertThat(access.purge()).isGreaterThanOrEqualTo(2);
		assertThat(access.spendLink(lapsedLong)).isEmpty();
		assertThat(access.spendLink(lapsedNow)).as("lapsed, so refused, but still counted for the hour").isEmpty();
		assertThat(access.purge()).isZero();
		assertThat(signIn.session(session)).isEmpty();
	}

	@Test
	void myDataHoldsEveryProfileIdentityRequestContractAndRatingOfMineAndNothingOfAnybodyElse() {
		Person marie = mergedPerson();
		Person other = mergedPerson();
		admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-9",
				Map.of("name", "Fibre", "status", "active", "startsOn", "2026-01-01"));
		admin.put("/api/v1/customers/" + other.customer() + "/contracts/OTHER-9",
				Map.of("name", "Mobile d'un autre", "status", "active", "startsOn", "2026-01-01"));
		long sent = admin.post("/api/v1/conversations/" + marie.byEmail() + "/replies", Map.of("text", "Réglé."))
			.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(marie.byEmail(), sent).equals("sent"));
		admin.post("/api/v1/conversations/" + marie.byEmail() + "/status", Map.of("status", "resolved"));
		PortalClient space = signedIn(marie.customer());
		space.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating", Map.of("score", 5, "comment", "Top"));
		admin.post("/api/v1/conversations/" + marie.byEmail() + "/notes", Map.of("text", "note interne secrète"));

		var export = space.get("/portal/api/v1/my-data");
		assertThat(export.status()).isEqualTo(200);
		JsonNode data = export.body();
		assertThat(data.get("profile").get("id").asLong()).isEqualTo(marie.customer());
		assertThat(data.get("profile").get("mergedProfiles").valueStream().map(JsonNode::asLong))
			.containsExactly(marie.telegramProfile());
		assertThat(data.get("identities").valueStream().map(i -> i.get("kind").asString())).contains("email", "handle");
		assertThat(data.toString()).contains(marie.email());
		assertThat(data.get("requests").valueStream().map(r -> r.get("request").get("id").asLong()))
			.containsExactlyInAnyOrder(marie.byEmail(), marie.onTelegram());
		assertThat(data.toString()).contains("Ma facture est fausse").contains("La box clignote").contains("Réglé.");
		assertThat(data.get("ratings").get(0).get("score").asInt()).isEqualTo(5);
		assertThat(data.get("contracts").valueStream().map(c -> c.get("externalId").asString()))
			.containsExactly("FIB-9");
		assertThat(data.toString()).doesNotContain(other.email())
			.doesNotContain("OTHER-9")
			.doesNotContain("note interne secrète");
	}

	@Test
	void contractsAndConsumptionImportedAsCsvAllOrNothingAppearInTheSpace() {
		Person marie = mergedPerson();
		String bad = "email,externalId,name,status,startsOn,endsOn,speed\n" + marie.email()
				+ ",FIB-1,Fibre 1 Gb/s,active,2026-01-01,,1 Gb/s\n" + marie.email()
				+ ",MOB-1,Forfait mobile,active,le 3 mars,,\n" + "personne@nulle.part,X-1,Rien,active,2026-01-01,,\n";
		var refused = admin.withHeader("Accept-Language", "fr").postText("/api/v1/contracts/import", bad);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("errors").valueStream().map(JsonNode::asString)).containsExactly(
				"ligne 3 : startsOn doit être une date ISO (2026-12-01), pas « le 3 mars ».",
				"ligne 4 : aucun client personne@nulle.part");
		PortalClient browser = signedIn(marie.customer());
		assertThat(browser.get("/portal/api/v1/contracts").body().get("items").size()).isZero();

		String good = "email,externalId,name,status,startsOn,endsOn,speed\n" + marie.email()
				+ ",FIB-1,Fibre 1 Gb/s,active,2026-01-01,,1 Gb/s\n" + marie.email()
				+ ",MOB-1,Forfait mobile,ended,2025-03-03,2026-03-02,\n";
		var imported = admin.postText("/api/v1/contracts/import", good);
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(200);
		assertThat(imported.body().get("imported").asInt()).isEqualTo(2);
		var consumed = admin.postText("/api/v1/consumption/import", "customer,contract,metric,unit,from,to,quantity\n"
				+ marie.telegramProfile() + ",FIB-1,data,GB,2026-11-01,2026-11-30,\"412,5\"\n");
		assertThat(consumed.status()).as(String.valueOf(consumed.body())).isEqualTo(200);

		JsonNode contracts = browser.get("/portal/api/v1/contracts").body().get("items");
		assertThat(contracts.valueStream().map(c -> c.get("externalId").asString())).containsExactlyInAnyOrder("FIB-1",
				"MOB-1");
		JsonNode fibre = contracts.valueStream()
			.filter(c -> c.get("externalId").asString().equals("FIB-1"))
			.findFirst()
			.orElseThrow();
		assertThat(fibre.get("options").get("speed").asString()).isEqualTo("1 Gb/s");
		JsonNode used = browser.get("/portal/api/v1/consumption").body().get("items").get(0);
		assertThat(used.get("quantity").decimalValue()).isEqualByComparingTo("412.5");
		assertThat(used.get("contract").asString()).isEqualTo("FIB-1");
	}

	@Test
	void aResolutionByEmailIsAskedOnceByMailAndTheReportCountsItOverTheSurveysAsked() throws Exception {
		long mailbox = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Relations"), "channel", "email", "address", "relations@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false),
						"smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "username", "relations",
								"password", "pw", "tls", false)))
			.id("id");
		String address = unique("helene") + "@exemple.fr";
		var started = admin.post("/api/v1/conversations", Map.of("inboxId", mailbox, "to", address, "name",
				"Hélène Bonnet", "subject", "Votre box", "text", "Bonjour, votre box est réparée."));
		assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
		long conversation = started.id("id");
		await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).size() == 1);
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
		JsonNode before = emailLine(today);

		assertThat(
				admin.post("/api/v1/conversations/" + conversation + "/status", Map.of("status", "resolved")).status())
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(address).size() == 2);
		MimeMessage survey = mailsTo(address).get(1);
		assertThat(survey.getSubject()).isEqualTo("Comment avons-nous répondu ? « Votre box »");
		assertThat(survey.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
		assertThat(survey.getFrom()[0].toString()).contains("relations@teleo.test");
		String text = plainText(survey);
		java.util.regex.Matcher links = java.util.regex.Pattern.compile(
				"(\\d) — [^:]+ : (https://parlons\\.example\\.org/portal/rate/[0-9]+-[A-Za-z0-9_-]+\\?score=\\d&lang=fr)")
			.matcher(text);
		Map<String, String> byScore = new java.util.HashMap<>();
		while (links.find()) {
			byScore.put(links.group(1), links.group(2));
		}
		assertThat(byScore).as(text).containsOnlyKeys("1", "2", "3", "4", "5");
		assertThat(byScore.get("4")).endsWith("?score=4&lang=fr");

		// opening the link (as a mail scanner would) rates nothing; the page asks to
		// confirm
		PortalClient customer = new PortalClient(port);
		var page = customer.open(localWithQuery(byScore.get("4")));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"send-rating\"");
		assertThat(emailLine(today).get("ratings").asInt()).isEqualTo(before.get("ratings").asInt());
		var thanks = customer.submit(localWithQuery(byScore.get("4")),
				Map.of("score", "4", "comment", "Rapide et aimable"));
		assertThat(thanks.status()).isEqualTo(200);
		assertThat(thanks.body()).contains("Merci pour votre note.");
		// another score's link, clicked afterwards: rated already, nothing more to send
		var twice = new PortalClient(port).open(localWithQuery(byScore.get("1")));
		assertThat(twice.body()).contains("déjà été notée");

		JsonNode after = emailLine(today);
		assertThat(after.get("surveys").asInt()).isEqualTo(before.get("surveys").asInt() + 1);
		assertThat(after.get("ratings").asInt()).isEqualTo(before.get("ratings").asInt() + 1);
		assertThat(after.get("responseRate").asDouble())
			.isEqualTo((double) after.get("ratings").asInt() / after.get("surveys").asInt());
		assertThat(admin.get("/api/v1/conversations/" + conversation + "/timeline").body().toString())
			.contains("rated");
		// one question per resolution: nothing more was mailed
		Thread.sleep(500);
		assertThat(mailsTo(address)).hasSize(2);
	}

	/** The report's line of the email channel for a day, zeros when it has none yet. */
	private JsonNode emailLine(String day) {
		for (JsonNode line : admin.get("/api/v1/reports?by=channel&from=" + day + "&to=" + day).body().get("lines")) {
			if (line.get("key").asString().equals("email")) {
				return line;
			}
		}
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"surveys\": 0, \"ratings\": 0}");
	}

	private List<MimeMessage> mailsTo(String address) {
		return List.of(mail.getReceivedMessages())
			.stream()
			.filter(m -> recipient(m).equalsIgnoreCase(address))
			.toList();
	}

	private static String plainText(MimeMessage m) throws Exception {
		Object content = m.getContent();
		if (content instanceof jakarta.mail.Multipart parts) {
			return String.valueOf(parts.getBodyPart(0).getContent());
		}
		return String.valueOf(content);
	}

	/**
	 * A link to this installation's public address with its query, on the test's port.
	 */
	private String localWithQuery(String url) {
		java.net.URI uri = java.net.URI.create(url);
		return "http://localhost:" + port + uri.getRawPath()
				+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	/** A link to this installation's public address, opened on the test's own port. */
	private String local(String url) {
		return "http://localhost:" + port + java.net.URI.create(url).getRawPath();
	}

	private String statusOf(long conversation, long message) {
		return admin.get("/api/v1/conversations/" + conversation + "/messages")
			.body()
			.get("items")
			.valueStream()
			.filter(m -> m.get("id").asLong() == message)
			.map(m -> m.get("status").asString())
			.findFirst()
			.orElse("");
	}

	private long approvalOf(long messageId) {
		for (JsonNode a : admin.get("/api/v1/approvals?status=pending").body().get("items")) {
			if (a.get("messageId").asLong() == messageId) {
				return a.get("id").asLong();
			}
		}
		throw new AssertionError("no pending approval of message " + messageId);
	}

	private static String recipient(MimeMessage m) {
		try {
			return m.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sessionValue(PortalClient browser) {
		return browser.cookieValue("parlons-portal");
	}

}
