package org.parlons.portal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.audit.AuditLog;
import org.parlons.platform.PlatformSettings;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Data rights through the real port, on whichever database the suite runs on: consent per
 * purpose with a signed receipt and its effect on what may be sent; access a customer
 * grants and revokes; the export holding every table that refers to the customer; and
 * erasure, after which no distinctive string of the customer is left in any table or
 * stored file, the audit log verifies, the reports count the same and the same address
 * starts a new profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataRightsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	PlatformSettings platform;

	@Autowired
	org.parlons.reporting.ReportRollups rollups;

	TestApi admin;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
	}

	/** A customer with an email and a Telegram identity, merged, and what they said. */
	record Person(long customer, long byEmail, long onTelegram, long mailInbox, String email, String name,
			String handle, String phrase) {
	}

	Person person() {
		long mailInbox = admin.createApiInbox(unique("Mail"), Map.of());
		long telegram = admin.createApiInbox(unique("Telegram"), Map.of("network", "telegram"));
		String token = unique("zq").replaceAll("[^a-z0-9]", "");
		String email = "marie." + token + "@exemple.fr";
		String name = "Marie Quenouille" + token;
		String handle = "quenouille" + token;
		String phrase = "ma tortue " + token + " a mangé la facture";
		var a = admin.post("/api/v1/inboxes/" + mailInbox + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("mail"), "name", name, "email", email), "text", phrase, "subject",
						"Facture " + token));
		var b = admin.post("/api/v1/inboxes/" + telegram + "/inbound",
				Map.of("externalId", unique("t"), "author", Map.of("externalId", unique("tg"), "handle", "@" + handle),
						"text", "La box de " + token + " clignote"));
		assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(202);
		long customer = a.id("customerId");
		assertThat(
				admin.post("/api/v1/customers/" + customer + "/merge", Map.of("mergedId", b.id("customerId"))).status())
			.isEqualTo(200);
		return new Person(customer, a.id("conversationId"), b.id("conversationId"), mailInbox, email, name, handle,
				phrase);
	}

	long mailbox() {
		var r = admin.post("/api/v1/inboxes", Map.of("name", unique("Relations"), "channel", "email", "address",
				unique("relations") + "@teleo.test", "imap",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false), "smtp",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false)));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	PortalClient signedIn(long customer) {
		var invitation = admin.post("/api/v1/customers/" + customer + "/portal-invitations", Map.of());
		assertThat(invitation.status()).as(String.valueOf(invitation.body())).isEqualTo(201);
		PortalClient browser = new PortalClient(port);
		String url = invitation.body().get("url").asString();
		assertThat(browser.open("http://localhost:" + port + java.net.URI.create(url).getRawPath()).status())
			.isEqualTo(200);
		return browser;
	}

	@Test
	void aWithdrawnPromotionalConsentBlocksAnOfferWithItsReasonAndLeavesServiceRepliesPossible() throws Exception {
		Person marie = person();
		PortalClient browser = signedIn(marie.customer());
		var offer = Map.<String, Object>of("inboxId", mailbox(), "customerId", marie.customer(), "subject",
				"Notre offre", "text", "Découvrez la fibre 2 Gb/s.", "purpose", "offers");

		var never = admin.post("/api/v1/conversations", offer);
		assertThat(never.status()).as(String.valueOf(never.body())).isEqualTo(409);
		assertThat(never.body().get("detail").asString()).contains("Offers and news").contains("never consented");

		var granted = browser.put("/portal/api/v1/consents/offers", Map.of("granted", true));
		assertThat(granted.status()).as(String.valueOf(granted.body())).isEqualTo(200);
		assertThat(granted.body().get("granted").asBoolean()).isTrue();
		assertThat(admin.post("/api/v1/conversations", offer).status()).isEqualTo(201);

		// the receipt is signed with the key published for anyone to check
		String receiptId = granted.body().get("receiptId").asString();
		JsonNode receipt = browser.get("/portal/api/v1/consents/receipts/" + receiptId).body();
		JsonNode keys = TestApi.anonymous(port).get("/portal/receipt-keys.json").body();
		byte[] x = Base64.getUrlDecoder().decode(keys.get("keys").get(0).get("x").asString());
		byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
		PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
		Signature verifier = Signature.getInstance("Ed25519");
		verifier.initVerify(key);
		verifier.update((receipt.get("protected").asString() + "." + receipt.get("payload").asString())
			.getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(receipt.get("signature").asString()))).isTrue();
		JsonNode payload = TestApi
			.json(new String(Base64.getUrlDecoder().decode(receipt.get("payload").asString()), StandardCharsets.UTF_8));
		assertThat(payload.get("consentReceiptID").asString()).isEqualTo(receiptId);
		assertThat(payload.get("decision").get("granted").asBoolean()).isTrue();
		assertThat(payload.get("decision").get("noticeHash").asString()).hasSize(64);
		// a forged payload does not verify
		verifier.initVerify(key);
		verifier.update((receipt.get("protected").asString() + "." + receipt.get("payload").asString() + "x")
			.getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(receipt.get("signature").asString()))).isFalse();
		// nobody else's receipt
		assertThat(signedIn(person().customer()).get("/portal/api/v1/consents/receipts/" + receiptId).status())
			.isEqualTo(404);

		var withdrawn = browser.put("/portal/api/v1/consents/offers", Map.of("granted", false));
		assertThat(withdrawn.body().get("granted").asBoolean()).isFalse();
		var blocked = admin.withHeader("Accept-Language", "fr").post("/api/v1/conversations", offer);
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.contentType()).contains("problem+json");
		assertThat(blocked.body().get("detail").asString()).contains("retiré son consentement")
			.contains("Offres et nouveautés");
		var service = admin.post("/api/v1/conversations/" + marie.byEmail() + "/replies",
				Map.of("text", "Votre facture est corrigée."));
		assertThat(service.status()).as(String.valueOf(service.body())).isEqualTo(201);

		// an offer sent by email carries a link that withdraws it, after a confirmation
		assertThat(browser.put("/portal/api/v1/consents/offers", Map.of("granted", true)).status()).isEqualTo(200);
		var sentOffer = admin.post("/api/v1/conversations", offer);
		assertThat(sentOffer.status()).isEqualTo(201);
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^\\s]+/portal/unsubscribe/[^\\s]+")
			.matcher(sentOffer.body().get("message").get("text").asString());
		assertThat(link.find()).as(sentOffer.body().toString()).isTrue();
		String unsubscribe = "http://localhost:" + port + java.net.URI.create(link.group()).getRawPath();
		PortalClient anyone = new PortalClient(port);
		var asked = anyone.open(unsubscribe);
		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.body()).contains("confirm-unsubscribe");
		assertThat(browser.get("/portal/api/v1/consents").body().toString()).contains("\"granted\":true");
		var confirmed = anyone.submit(unsubscribe, Map.of());
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("id=\"unsubscribed\"");
		assertThat(admin.post("/api/v1/conversations", offer).status()).isEqualTo(409);
		assertThat(anyone.open(unsubscribe.substring(0, unsubscribe.length() - 32) + "0".repeat(32)).status())
			.isEqualTo(404);

		JsonNode seen = admin.get("/api/v1/customers/" + marie.customer() + "/consents").body();
		assertThat(seen.get("history").size()).isEqualTo(4);
		assertThat(seen.get("history").get(0).get("source").asString()).isEqualTo("unsubscribe-link");
		assertThat(seen.get("history").get(1).get("source").asString()).isEqualTo("portal");
		assertThat(browser.put("/portal/api/v1/consents/nope", Map.of("granted", true)).status()).isEqualTo(404);
		var contact = browser.put("/portal/api/v1/consents/contact", Map.of("granted", false));
		assertThat(contact.status()).isEqualTo(422);
		assertThat(contact.body().get("detail").asString()).contains("STOP");
		assertThat(browser.put("/portal/api/v1/consents/offers", Map.of()).status()).isEqualTo(422);
		String lines = admin.getText("/api/v1/audit?type=privacy.consent.withdrawn");
		assertThat(lines).contains("customer:" + marie.customer());
	}

	@Test
	void aGrantReadsOnlyItsScopesIsLoggedAndStopsAtOnceWhenRevoked() {
		Person marie = person();
		admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-7",
				Map.of("name", "Fibre", "status", "active", "startsOn", "2026-01-15"));
		PortalClient browser = signedIn(marie.customer());
		var given = browser.post("/portal/api/v1/grants", Map.of("grantee", "Mon conseiller", "scopes",
				List.of("contracts:read"), "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()));
		assertThat(given.status()).as(String.valueOf(given.body())).isEqualTo(201);
		String token = given.body().get("token").asString();
		TestApi grantee = TestApi.bearer(port, token);

		var contracts = TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer " + token)
			.get("/vrm/api/v1/contracts");
		assertThat(contracts.status()).as(String.valueOf(contracts.body())).isEqualTo(200);
		assertThat(contracts.body().get("items").get(0).get("name").asString()).isEqualTo("Fibre");
		assertThat(TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer " + token)
			.get("/vrm/api/v1/requests")
			.status()).isEqualTo(403);
		assertThat(TestApi.anonymous(port).get("/vrm/api/v1/contracts").status()).isEqualTo(401);
		assertThat(TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer pg_forged")
			.get("/vrm/api/v1/contracts")
			.status()).isEqualTo(401);
		// a grant token is not an agent's token, nor the other way round
		assertThat(grantee.get("/api/v1/customers").status()).isEqualTo(401);
		assertThat(admin.get("/vrm/api/v1/contracts").status()).isEqualTo(401);

		JsonNode mine = browser.get("/portal/api/v1/grants").body().get("items").get(0);
		assertThat(mine.get("reads").get(0).get("resource").asString()).isEqualTo("contracts");
		String page = browser.open("http://localhost:" + port + "/portal/privacy").body();
		assertThat(page).contains("Mon conseiller").contains("id=\"grant-form\"");
		PortalClient other = signedIn(person().customer());
		assertThat(other.delete("/portal/api/v1/grants/" + given.id("id")).status()).isEqualTo(404);

		assertThat(browser.delete("/portal/api/v1/grants/" + given.id("id")).status()).isEqualTo(204);
		assertThat(TestApi.anonymous(port)
			.withHeader("Authorization", "Bearer " + token)
			.get("/vrm/api/v1/contracts")
			.status()).isEqualTo(401);
		assertThat(browser.post("/portal/api/v1/grants", Map.of("grantee", "X", "scopes", List.of("everything:write")))
			.status()).isEqualTo(422);
	}

	@Test
	void theExportHoldsEveryTableThatRefersToTheCustomerAndNothingOfAnotherCustomer() {
		Person marie = person();
		Person other = person();
		admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-8",
				Map.of("name", "Fibre", "status", "active", "startsOn", "2026-01-15"));
		JsonNode data = signedIn(marie.customer()).get("/portal/api/v1/my-data").body();
		Set<String> referring = new TreeSet<>(jdbc
			.sql("select tc.table_name from information_schema.table_constraints tc "
					+ "join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name "
					+ "and ccu.table_schema = tc.table_schema where tc.constraint_type = 'FOREIGN KEY' "
					+ "and lower(ccu.table_name) = 'customer' and lower(ccu.column_name) = 'id'")
			.query(String.class)
			.list()
			.stream()
			.map(String::toLowerCase)
			.toList());
		assertThat(referring).contains("customer_identity", "conversation", "customer_contract", "consent_record",
				"data_grant", "satisfaction", "customer_event");
		Set<String> exported = new TreeSet<>();
		data.get("tables").propertyNames().forEach(exported::add);
		assertThat(exported).containsAll(referring);
		String text = data.toString();
		assertThat(text).contains(marie.email()).contains(marie.phrase()).contains(marie.handle()).contains("FIB-8");
		assertThat(text).doesNotContain(other.email()).doesNotContain(other.phrase()).doesNotContain(other.handle());
		assertThat(text).doesNotContain("token_hash");
	}

	@Test
	void erasureLeavesNothingOfTheCustomerAnywhereKeepsTheBooksAndTheSameAddressStartsAFreshProfile() throws Exception {
		Person marie = person();
		Person other = person();
		String fileText = "pièce jointe " + marie.handle() + " numéro de client";
		var started = admin.post("/api/v1/conversations", Map.of("inboxId", mailbox(), "customerId", marie.customer(),
				"subject", "Votre relevé", "text", "Bonjour, voici la suite."));
		assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
		var sent = admin.post("/api/v1/conversations/" + marie.byEmail() + "/replies",
				Map.of("text", "Nous corrigeons la facture."));
		assertThat(sent.status()).isEqualTo(201);
		var withFile = admin.postMultipart("/api/v1/conversations/" + started.id("id") + "/replies",
				Map.of("text", "Voici votre relevé, " + marie.name()), List.of(new TestApi.FilePart("files",
						"releve-" + marie.handle() + ".txt", "text/plain", fileText.getBytes(StandardCharsets.UTF_8))));
		assertThat(withFile.status()).as(String.valueOf(withFile.body())).isEqualTo(201);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.sql("select count(*) from message where conversation_id = ? and status = 'sent'")
				.param(marie.byEmail())
				.query(Long.class)
				.single() > 0);
		admin.put("/api/v1/customers/" + marie.customer() + "/contracts/FIB-9",
				Map.of("name", "Fibre 2 Gb/s", "status", "active", "startsOn", "2026-01-15"));
		admin.post("/api/v1/customers/" + marie.customer() + "/notes",
				Map.of("text", "Appelle le soir, " + marie.handle()));
		var mention = admin.post("/api/v1/listening/mentions",
				Map.of("items", List.of(Map.of("network", "telegram", "externalId", unique("post"), "author",
						Map.of("name", marie.name(), "handle", "@" + marie.handle()), "text",
						"Franchement " + marie.phrase() + " sur le réseau", "publishedAt", Instant.now().toString()))));
		assertThat(mention.status()).as(String.valueOf(mention.body())).isEqualTo(200);
		assertThat(admin.post("/api/v1/conversations/" + marie.byEmail() + "/status", Map.of("status", "resolved"))
			.status()).isEqualTo(200);
		PortalClient browser = signedIn(marie.customer());
		var rated = browser.post("/portal/api/v1/requests/" + marie.byEmail() + "/rating",
				Map.of("score", 4, "comment", "Merci, " + marie.handle() + " est ravie"));
		assertThat(rated.status()).as(String.valueOf(rated.body())).isEqualTo(201);
		String today = LocalDate.now(platform.timeZone()).toString();
		String reportsBefore = reports(today, marie.mailInbox());
		assertThat(reportsBefore).contains("\"ratings\":1");
		List<String> distinctive = List.of(marie.name(), marie.email(), marie.handle(), marie.phrase());
		assertThat(tablesHolding(distinctive)).isNotEmpty();
		assertThat(filesHolding(fileText)).isNotEmpty();

		var erasure = browser.post("/portal/api/v1/erasure", Map.of("detail", "Je pars, " + marie.handle()));
		assertThat(erasure.status()).as(String.valueOf(erasure.body())).isEqualTo(202);
		long request = erasure.id("id");
		assertThat(browser.post("/portal/api/v1/erasure", Map.of()).id("id")).isEqualTo(request);
		JsonNode open = admin.get("/api/v1/data-requests").body().get("items");
		assertThat(open.valueStream()
			.filter(r -> r.get("id").asLong() == request)
			.findFirst()
			.orElseThrow()
			.get("dueAt")
			.asString()).startsWith(LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1).toString().substring(0, 7));
		admin.createAgent(unique("sup") + "@parlons.test", "supervisor", "password-of-sup");
		String supervisor = unique("sup2") + "@parlons.test";
		admin.createAgent(supervisor, "supervisor", "password-of-sup");
		assertThat(TestApi.basic(port, supervisor, "password-of-sup")
			.post("/api/v1/data-requests/" + request + "/execute", Map.of())
			.status()).isEqualTo(403);

		var executed = admin.post("/api/v1/data-requests/" + request + "/execute", Map.of());
		assertThat(executed.status()).as(String.valueOf(executed.body())).isEqualTo(200);
		assertThat(executed.body().get("status").asString()).isEqualTo("completed");
		assertThat(admin.post("/api/v1/data-requests/" + request + "/execute", Map.of()).status()).isEqualTo(409);

		assertThat(tablesHolding(distinctive)).isEmpty();
		assertThat(filesHolding(fileText)).isEmpty();
		assertThat(tablesHolding(List.of(other.email(), other.phrase()))).isNotEmpty();
		assertThat(audit.verify().intact()).as(audit.verify().problem()).isTrue();
		assertThat(reports(today, marie.mailInbox())).isEqualTo(reportsBefore);
		assertThat(browser.get("/portal/api/v1/requests").status()).isEqualTo(401);
		// the books: the contract and the conversations are still there, nameless
		assertThat(jdbc.sql("select count(*) from customer_contract where customer_id = ?")
			.param(marie.customer())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(admin.get("/api/v1/conversations/" + marie.byEmail()).status()).isEqualTo(200);

		var again = admin.post("/api/v1/inboxes/" + marie.mailInbox() + "/inbound",
				Map.of("externalId", unique("m"), "author",
						Map.of("externalId", unique("mail"), "email", marie.email()), "text", "Re-bonjour", "subject",
						"Nouvelle demande"));
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.id("customerId")).isNotEqualTo(marie.customer());
		assertThat(again.id("conversationId")).isNotIn(marie.byEmail(), marie.onTelegram());
	}

	/** The report line of one inbox, its rollups rebuilt from the conversations first. */
	private String reports(String day, long inbox) {
		LocalDate today = LocalDate.parse(day);
		rollups.rebuild(today.minusDays(1), today.plusDays(1));
		return admin.get("/api/v1/reports?by=inbox&from=" + day + "&to=" + day)
			.body()
			.get("lines")
			.valueStream()
			.filter(l -> l.get("key").asString().equals(String.valueOf(inbox)))
			.findFirst()
			.orElseThrow()
			.toString();
	}

	/** The tables (and columns) where any of these strings is still written. */
	private List<String> tablesHolding(List<String> needles) {
		List<String> found = new ArrayList<>();
		List<String> tables = jdbc
			.sql("select table_name from information_schema.tables where lower(table_schema) "
					+ "in ('public') and table_type in ('BASE TABLE', 'TABLE')")
			.query(String.class)
			.list();
		for (String table : tables) {
			for (Map<String, Object> row : jdbc.sql("select * from " + table).query().listOfRows()) {
				for (Map.Entry<String, Object> cell : row.entrySet()) {
					String value = String.valueOf(cell.getValue()).toLowerCase();
					for (String needle : needles) {
						if (value.contains(needle.toLowerCase())) {
							found.add(table + "." + cell.getKey());
						}
					}
				}
			}
		}
		return found;
	}

	private List<Path> filesHolding(String needle) throws Exception {
		Path root = platform.dataDir().toAbsolutePath().resolve("blobs");
		if (!Files.exists(root)) {
			return List.of();
		}
		byte[] wanted = needle.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).filter(f -> {
				try {
					return new String(Files.readAllBytes(f), StandardCharsets.UTF_8)
						.contains(new String(wanted, StandardCharsets.UTF_8));
				}
				catch (java.io.IOException ex) {
					return false;
				}
			}).toList();
		}
	}

}
