package org.parlons.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The professional network through the real port: two agents' LinkedIn exports and a
 * vCard in which Durand is RELATED to Dupont give the path agent → Durand → Dupont,
 * strongest first, each step with its reason, never through an agent who opted out;
 * re-importing Durand at a new company gives one job change and one task, however often;
 * exchanges in the inbox make ties; introductions, leads and notices go their way; bad
 * files are refused with a problem and store nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetworkTests {

	static final String PASSWORD = "network-password-1";

	static final String NOTES = "Notes:\n\"When exporting your connection data, you may notice that some of the email "
			+ "addresses are missing. You will only see email addresses for connections who have allowed their "
			+ "connections to see or download their email address using this setting "
			+ "https://www.linkedin.com/psettings/privacy/email. You can learn more about this at "
			+ "https://www.linkedin.com/help/linkedin/answer/261\"\n\n";

	static final String HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

	@LocalServerPort
	int port;

	TestApi admin;

	String run;

	String durand;

	String dupont;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		run = UUID.randomUUID().toString().substring(0, 8);
		durand = "jean.durand-" + run + "@acme.example";
		dupont = "paul.dupont-" + run + "@dupont.example";
	}

	record Agent(long id, TestApi api) {
	}

	Agent agent(String name) {
		String email = unique("agent") + "@test.local";
		var created = admin.post("/api/v1/agents",
				Map.of("email", email, "name", name, "password", PASSWORD, "role", "agent"));
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
		return new Agent(created.id("id"), TestApi.basic(port, email, PASSWORD));
	}

	TestApi.Response linkedIn(Agent agent, String rows) {
		return agent.api().postText("/api/v1/network/imports/linkedin", NOTES + HEADER + rows);
	}

	TestApi.Response vCard(String cards) {
		return admin.withHeader("Content-Type", "text/vcard").postRaw("/api/v1/network/imports/vcard", cards);
	}

	long customerByEmail(String email) {
		JsonNode found = admin.get("/api/v1/customers?q=" + email).body().get("items");
		assertThat(found.size()).as(email).isEqualTo(1);
		return found.get(0).get("id").asLong();
	}

	String cards() {
		return "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:" + UUID.randomUUID() + "\r\nFN:Jean Durand\r\nEMAIL:"
				+ durand + "\r\nORG:Acme " + run + "\r\nTITLE:Directeur financier\r\nRELATED;TYPE=colleague:mailto:"
				+ dupont + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Paul Dupont\r\nEMAIL:" + dupont
				+ "\r\nORG:Dupont SA " + run + "\r\nTITLE:PDG\r\nEND:VCARD\r\n";
	}

	@Test
	void twoExportsAndAVCardFindTheStrongestPathsNeverThroughAnAgentWhoOptedOut() {
		Agent claire = agent("Claire Martin");
		Agent bruno = agent("Bruno Petit");
		Agent discreet = agent("Discrète");
		var first = linkedIn(claire,
				"Jean,Durand,https://www.linkedin.com/in/jdurand-" + run + "," + durand + ",Acme " + run
						+ ",Directeur financier,12 Mar 2021\nSans,Adresse,,,Nulle part,,01 Jan 2020\n"
						+ "Mauvaise,Adresse,,pas-une-adresse,Nulle part,,01 Jan 2020\n");
		assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
		assertThat(first.body().get("people").asInt()).isEqualTo(1);
		assertThat(first.body().get("created").asInt()).isEqualTo(1);
		assertThat(first.body().get("skipped").get(0).get("at").asInt()).as("the file's line").isEqualTo(6);
		assertThat(first.body().get("skipped").get(1).get("reason").asString()).isEqualTo("badEmail");
		assertThat(linkedIn(bruno, ",,https://www.linkedin.com/in/jdurand-" + run + ",,Acme " + run + ",,03 Feb 2025\n")
			.status()).isEqualTo(201);
		var imported = vCard(cards());
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(201);
		assertThat(imported.body().get("ties").asInt()).isEqualTo(1);
		assertThat(imported.body().get("created").asInt()).as("Dupont, named twice in the file").isEqualTo(1);
		assertThat(linkedIn(discreet, "Paul,Dupont,," + dupont + ",Dupont SA " + run + ",PDG,01 Jun 2026\n").status())
			.isEqualTo(201);
		assertThat(discreet.api().put("/api/v1/network/connectors/me", Map.of("optedOut", true)).status())
			.isEqualTo(200);

		long jean = customerByEmail(durand);
		long paul = customerByEmail(dupont);
		assertThat(claire.api()
			.post("/api/v1/network/meetings", Map.of("customerIds", List.of(jean), "subject", "Déjeuner"))
			.status()).isEqualTo(201);

		JsonNode paths = claire.api().get("/api/v1/network/paths?to=" + paul).body().get("items");
		assertThat(paths.size()).as(paths.toString()).isEqualTo(2);
		assertThat(steps(paths.get(0))).containsExactly("agent " + claire.id(), "customer " + jean, "customer " + paul);
		assertThat(steps(paths.get(1))).containsExactly("agent " + bruno.id(), "customer " + jean, "customer " + paul);
		assertThat(paths.get(0).get("strength").asDouble()).isGreaterThan(paths.get(1).get("strength").asDouble());
		JsonNode toJean = paths.get(0).get("steps").get(1);
		assertThat(toJean.get("name").asString()).isEqualTo("Jean Durand");
		assertThat(toJean.get("because").get(0).get("source").asString()).isEqualTo("meeting");
		assertThat(toJean.get("because").get(0).get("detail").asString()).isEqualTo("Déjeuner");
		assertThat(toJean.get("because").get(1).get("source").asString()).isEqualTo("linkedin");
		JsonNode toPaul = paths.get(0).get("steps").get(2);
		assertThat(toPaul.get("because").get(0).get("source").asString()).isEqualTo("vcard");
		assertThat(toPaul.get("because").get(0).get("detail").asString()).isEqualTo("colleague");
		assertThat(toPaul.get("because").size()).as("each tie read once").isEqualTo(1);
		double product = toJean.get("strength").asDouble() * toPaul.get("strength").asDouble();
		assertThat(paths.get(0).get("strength").asDouble()).isCloseTo(product,
				org.assertj.core.data.Offset.offset(1e-9));
		paths.forEach(p -> assertThat(steps(p)).as("never through an agent who opted out")
			.doesNotContain("agent " + discreet.id()));

		assertThat(discreet.api().put("/api/v1/network/connectors/me", Map.of("optedOut", false)).status())
			.isEqualTo(200);
		JsonNode lent = claire.api().get("/api/v1/network/paths?to=" + paul).body().get("items");
		List<List<String>> all = new ArrayList<>();
		lent.forEach(p -> all.add(steps(p)));
		assertThat(all).as("back in: her own connection is a path")
			.contains(List.of("agent " + discreet.id(), "customer " + paul));
		discreet.api().put("/api/v1/network/connectors/me", Map.of("optedOut", true));

		var asked = bruno.api()
			.post("/api/v1/network/introductions",
					Map.of("connectorId", claire.id(), "targetId", paul, "message", "Pour le projet fibre"));
		assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(201);
		assertThat(asked.body().get("path").asString()).contains("Jean Durand").endsWith("Paul Dupont");
		long intro = asked.id("id");
		assertThat(bruno.api()
			.post("/api/v1/network/introductions", Map.of("connectorId", discreet.id(), "targetId", paul))
			.status()).as("an agent who opted out is never asked").isEqualTo(409);
		String decision = "/api/v1/network/introductions/" + intro + "/decision";
		assertThat(bruno.api().post(decision, Map.of("status", "accepted")).status()).as("only the connector accepts")
			.isEqualTo(409);
		assertThat(discreet.api().post(decision, Map.of("status", "accepted")).status()).isEqualTo(404);
		assertThat(claire.api().post(decision, Map.of("status", "accepted")).status()).isEqualTo(200);
		assertThat(claire.api().post(decision, Map.of("status", "made")).status()).isEqualTo(200);
		var met = bruno.api().post(decision, Map.of("status", "met", "outcome", "Rendez-vous le 12"));
		assertThat(met.body().get("status").asString()).isEqualTo("met");
		assertThat(met.body().get("outcome").asString()).isEqualTo("Rendez-vous le 12");
	}

	@Test
	void reImportingDurandAtANewCompanyGivesOneJobChangeAndOneTaskHoweverOften() {
		Agent claire = agent("Claire Martin");
		String row = "Jean,Durand,," + durand + ",%s,Directeur financier,12 Mar 2021\n";
		assertThat(linkedIn(claire, row.formatted("Acme " + run)).status()).isEqualTo(201);
		long jean = customerByEmail(durand);
		assertThat(signals(jean)).isEmpty();
		assertThat(linkedIn(claire, row.formatted("Acme " + run)).body().get("jobChanges").asInt()).isZero();

		var moved = linkedIn(claire, row.formatted("Globex " + run));
		assertThat(moved.body().get("jobChanges").asInt()).isEqualTo(1);
		assertThat(linkedIn(claire, row.formatted("GLOBEX  " + run)).body().get("jobChanges").asInt())
			.as("the same company, however written")
			.isZero();
		var card = vCard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean Durand\r\nEMAIL;TYPE=INTERNET:" + durand
				+ "\r\nORG:Globex " + run + ";Finance\r\nTITLE:CFO\r\nEND:VCARD\r\n");
		assertThat(card.body().get("jobChanges").asInt()).isZero();

		JsonNode signals = signals(jean);
		assertThat(signals.size()).isEqualTo(1);
		JsonNode signal = signals.get(0);
		assertThat(signal.get("kind").asString()).isEqualTo("job_change");
		assertThat(signal.get("customerId").asLong()).isEqualTo(jean);
		assertThat(signal.get("from").asString()).isEqualTo("Acme " + run);
		assertThat(signal.get("to").asString()).isEqualTo("Globex " + run);
		assertThat(signal.get("ownerId").asLong()).as("the agent who knows him").isEqualTo(claire.id());
		assertThat(signal.get("taskOpen").asBoolean()).isTrue();

		JsonNode jobs = admin.get("/api/v1/network/people/" + jean + "/employments").body().get("items");
		assertThat(jobs.size()).isEqualTo(2);
		assertThat(jobs.get(0).get("organisation").asString()).isEqualTo("Globex " + run);
		assertThat(jobs.get(0).get("title").asString()).isEqualTo("CFO");
		assertThat(jobs.get(0).get("endedOn").isNull()).isTrue();
		assertThat(jobs.get(1).get("endedOn").isNull()).isFalse();

		String done = "/api/v1/network/tasks/" + signal.get("taskId").asLong() + "/done";
		assertThat(claire.api().post(done, null).status()).isEqualTo(200);
		assertThat(claire.api().post(done, null).status()).isEqualTo(409);
		assertThat(signals(jean).get(0).get("taskOpen").asBoolean()).isFalse();

		long globex = jobs.get(0).get("organisationId").asLong();
		String list = unique("Globex prospects");
		var listed = claire.api().post("/api/v1/network/leads", Map.of("list", list, "organisationId", globex));
		assertThat(listed.status()).as(String.valueOf(listed.body())).isEqualTo(201);
		assertThat(listed.body().get("added").asInt()).isEqualTo(1);
		JsonNode leads = claire.api().get("/api/v1/network/leads?list=" + list.replace(" ", "%20")).body().get("items");
		assertThat(leads.get(0).get("customerId").asLong()).isEqualTo(jean);
		assertThat(leads.get(0).get("path").asString()).isEqualTo("Claire Martin → Jean Durand");
		String conversion = "/api/v1/network/leads/" + leads.get(0).get("id").asLong() + "/conversion";
		assertThat(claire.api().post(conversion, null).body().get("customerId").asLong()).isEqualTo(jean);
		assertThat(claire.api().post(conversion, null).status()).isEqualTo(409);
		assertThat(admin.get("/api/v1/customers/" + jean).body().get("tags").toString()).contains("customer");

		JsonNode due = admin.get("/api/v1/network/notices").body().get("items");
		JsonNode notice = null;
		for (JsonNode n : due) {
			if (n.get("customerId").asLong() == jean) {
				notice = n;
			}
		}
		assertThat(notice).as("an imported person is owed a notice").isNotNull();
		assertThat(java.time.Duration.between(java.time.Instant.parse(notice.get("importedAt").asString()),
				java.time.Instant.parse(notice.get("dueAt").asString())))
			.isEqualTo(Duration.ofDays(30));
		assertThat(admin.post("/api/v1/network/notices/" + jean + "/told", null).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/network/notices").body().get("items").toString())
			.doesNotContain("\"customerId\":" + jean + ",");
	}

	@Test
	void aVCard30RelatedByUrnUuidAndTheInboxExchangesMakeTies() {
		Agent claire = agent("Claire Martin");
		String uid = "urn:uuid:" + UUID.randomUUID();
		String lea = "lea.roux-" + run + "@acme.example";
		var cards = vCard("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:Jean Durand\r\nEMAIL:" + durand
				+ "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Roux\r\nEMAIL:" + lea
				+ "\r\nRELATED;TYPE=co-worker;VALUE=uri:" + uid + "\r\nEND:VCARD\r\n");
		assertThat(cards.status()).as(String.valueOf(cards.body())).isEqualTo(201);
		assertThat(cards.body().get("ties").asInt()).isEqualTo(1);
		String marie = "marie.curie-" + run + "@institut.example";
		var jCard = admin.withHeader("Content-Type", "application/vcard+json")
			.postRaw("/api/v1/network/imports/vcard",
					"[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],"
							+ "[\"fn\",{},\"text\",\"Marie Curie\"],[\"email\",{},\"text\",\"" + marie + "\"],"
							+ "[\"org\",{},\"text\",\"Institut " + run
							+ "\"],[\"related\",{\"type\":\"friend\"},\"uri\"," + "\"mailto:" + lea + "\"]]]");
		assertThat(jCard.status()).as(String.valueOf(jCard.body())).isEqualTo(201);
		assertThat(jCard.body().get("ties").asInt()).as("jCard, RFC 7095").isEqualTo(1);
		assertThat(admin.get("/api/v1/network/people/" + customerByEmail(marie) + "/employments")
			.body()
			.get("items")
			.get(0)
			.get("organisation")
			.asString()).isEqualTo("Institut " + run);

		long inbox = admin.createApiInbox(unique("Réseau"), Map.of());
		admin.post("/api/v1/teams",
				Map.of("name", unique("Team"), "inboxIds", List.of(inbox), "memberIds", List.of(claire.id())));
		var in = admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("a"), "name", "Jean Durand", "email", durand), "text", "Bonjour Claire",
				"sentAt", java.time.OffsetDateTime.now().toString(), "visibility", "private"));
		assertThat(in.status()).isEqualTo(202);
		long jean = customerByEmail(durand);
		assertThat(in.id("customerId")).isEqualTo(jean);
		assertThat(claire.api()
			.post("/api/v1/conversations/" + in.id("conversationId") + "/replies", Map.of("text", "Bonjour Jean"))
			.status()).isIn(201, 202);

		long leaId = customerByEmail(lea);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode paths = claire.api().get("/api/v1/network/paths?to=" + leaId).body().get("items");
			assertThat(paths.size()).isEqualTo(1);
			assertThat(steps(paths.get(0))).containsExactly("agent " + claire.id(), "customer " + jean,
					"customer " + leaId);
			JsonNode because = paths.get(0).get("steps").get(1).get("because").get(0);
			assertThat(because.get("source").asString()).isEqualTo("conversation");
			assertThat(because.get("count").asInt()).isEqualTo(2);
			assertThat(because.get("reciprocal").asBoolean()).isTrue();
			assertThat(paths.get(0).get("steps").get(2).get("because").get(0).get("detail").asString())
				.isEqualTo("co-worker");
		});
	}

	@Test
	void badFilesAndOtherAgentsConnectionsAreRefusedAndStoreNothing() {
		Agent claire = agent("Claire Martin");
		Agent bruno = agent("Bruno Petit");
		String rows = "Jean,Durand,," + durand + ",Acme " + run + ",CFO,12 Mar 2021\n";
		var noHeader = claire.api().postText("/api/v1/network/imports/linkedin", "Jean,Durand,," + durand + "\n");
		assertThat(noHeader.status()).isEqualTo(422);
		assertThat(noHeader.contentType()).contains("problem+json");
		var broken = claire.api()
			.postText("/api/v1/network/imports/linkedin", HEADER + "\"Jean,Durand,unterminated\n" + rows);
		assertThat(broken.status()).isEqualTo(422);
		assertThat(
				claire.api().postText("/api/v1/network/imports/linkedin?agentId=" + bruno.id(), HEADER + rows).status())
			.as("nobody imports a colleague's connections but an administrator")
			.isEqualTo(403);
		assertThat(vCard("BEGIN:VCARD\r\nthis is not a card").status()).isEqualTo(422);
		assertThat(vCard("hello").status()).isEqualTo(422);
		assertThat(admin.get("/api/v1/customers?q=" + durand).body().get("items").size()).as("nothing stored").isZero();
		assertThat(claire.api().get("/api/v1/network/paths?to=999999999").status()).isEqualTo(404);
		assertThat(claire.api().post("/api/v1/network/meetings", Map.of("customerIds", List.of())).status())
			.isEqualTo(422);
		var admins = admin.postText("/api/v1/network/imports/linkedin?agentId=" + bruno.id(), HEADER + rows);
		assertThat(admins.status()).as(String.valueOf(admins.body())).isEqualTo(201);
	}

	@Test
	void theCustomerFileSaysWhereTheyWorkAndAnErasedPersonLeavesTheNetwork() {
		Agent claire = agent("Claire Martin");
		var first = admin.postText("/api/v1/customers/import",
				"name,email,organisation,title\nJean Durand," + durand + ",Acme " + run + ",CFO\n");
		assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(200);
		long jean = customerByEmail(durand);
		assertThat(admin.get("/api/v1/network/people/" + jean + "/employments")
			.body()
			.get("items")
			.get(0)
			.get("source")
			.asString()).isEqualTo("csv");
		admin.postText("/api/v1/customers/import",
				"name,email,organisation,title\nJean Durand," + durand + ",Globex " + run + ",CFO\n");
		assertThat(signals(jean).get(0).get("source").asString()).isEqualTo("csv");
		assertThat(linkedIn(claire, "Jean,Durand,," + durand + ",Globex " + run + ",CFO,12 Mar 2021\n").status())
			.isEqualTo(201);
		assertThat(claire.api().post("/api/v1/network/meetings", Map.of("customerIds", List.of(jean))).status())
			.isEqualTo(201);
		assertThat(claire.api().get("/api/v1/network/paths?to=" + jean).body().get("items").size()).isEqualTo(1);

		var request = admin.post("/api/v1/customers/" + jean + "/data-requests",
				Map.of("kind", "erasure", "verifiedIdentity", durand));
		assertThat(request.status()).as(String.valueOf(request.body())).isEqualTo(201);
		var executed = admin.post("/api/v1/data-requests/" + request.id("id") + "/execute", Map.of());
		assertThat(executed.status()).as(String.valueOf(executed.body())).isEqualTo(200);
		assertThat(signals(jean).size()).isZero();
		assertThat(admin.get("/api/v1/network/notices").body().toString())
			.doesNotContain("\"customerId\":" + jean + ",");
		assertThat(claire.api().get("/api/v1/network/paths?to=" + jean).body().get("items").size()).isZero();
		assertThat(admin.get("/api/v1/network/people/" + jean + "/employments").body().get("items").size()).isZero();
	}

	private JsonNode signals(long customer) {
		return admin.get("/api/v1/network/signals?customerId=" + customer).body().get("items");
	}

	private static List<String> steps(JsonNode path) {
		List<String> steps = new ArrayList<>();
		path.get("steps").forEach(s -> steps.add(s.get("kind").asString() + " " + s.get("id").asLong()));
		return steps;
	}

}
