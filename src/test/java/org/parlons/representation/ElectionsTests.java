package org.parlons.representation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.portal.PortalClient;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Elections through the real port: the Schulze method's worked example cast by 45
 * customers in their space elects E with the published matrix; one person votes once
 * whatever the profile, and only if on the roll; nothing links a ballot to its voter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ElectionsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	TestApi admin;

	long inbox;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inbox = admin.createApiInbox(unique("Sociétaires"), Map.of());
	}

	long customer(String name) {
		var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), unique(name), "Bonjour"));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
		return r.id("customerId");
	}

	long community(List<Long> members) {
		long id = admin.post("/api/v1/communities", Map.of("name", unique("Sociétaires"))).id("id");
		int n = 0;
		for (long m : members) {
			var joined = admin.put("/api/v1/communities/" + id + "/members/" + m, Map.of("kind", "shareholder",
					"registerNumber", "S-" + (++n), "since", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
			assertThat(joined.status()).as(String.valueOf(joined.body())).isEqualTo(200);
		}
		return id;
	}

	long election(String method, int seats, Map<String, Object> electorate) {
		var r = admin.post("/api/v1/elections",
				Map.of("title", unique("Conseil"), "seats", seats, "method", method, "electorate", electorate,
						"votingOpensAt", Instant.now().minusSeconds(1).toString(), "votingClosesAt",
						Instant.now().plus(1, ChronoUnit.DAYS).toString(), "termMonths", 24));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	long candidate(long election, long customer) {
		var r = admin.post("/api/v1/elections/" + election + "/candidates",
				Map.of("customerId", customer, "statement", "Pour des tarifs lisibles"));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	@Test
	void theSchulzeWorkedExampleCastBy45CustomersElectsEWithItsPairwiseMatrix() {
		List<Long> voters = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			voters.add(customer("votant"));
		}
		long community = community(voters);
		long election = election("schulze", 1, Map.of("communityId", community));
		Map<Long, Long> candidate = new HashMap<>();
		for (long letter = SchulzeTests.A; letter <= SchulzeTests.E; letter++) {
			candidate.put(letter, candidate(election, customer("candidat")));
		}
		List<List<Long>> ballots = SchulzeTests.ballots();
		for (int i = 0; i < 45; i++) {
			List<Long> ranking = ballots.get(i).stream().map(candidate::get).toList();
			var cast = PortalClient.signedIn(admin, port, voters.get(i))
				.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", ranking));
			assertThat(cast.status()).as(String.valueOf(cast.body())).isEqualTo(201);
		}
		assertThat(admin.get("/api/v1/elections/" + election + "/results").status())
			.as("no partial count while voting is open")
			.isEqualTo(409);
		assertThat(admin.post("/api/v1/elections/" + election + "/close", Map.of()).status()).isEqualTo(200);

		JsonNode results = admin.get("/api/v1/elections/" + election + "/results").body();
		assertThat(results.get("method").asString()).isEqualTo("schulze");
		assertThat(results.get("ballots").asInt()).isEqualTo(45);
		assertThat(results.get("turnout").asDouble()).isEqualTo(1.0);
		assertThat(results.get("winners").size()).isEqualTo(1);
		assertThat(results.get("winners").get(0).asLong()).isEqualTo(candidate.get(SchulzeTests.E));
		JsonNode d = results.get("pairwise").get("d");
		for (int i = 0; i < 5; i++) {
			for (int j = 0; j < 5; j++) {
				assertThat(d.get(i).get(j).asInt()).as("d[%d][%d]", i, j).isEqualTo(SchulzeTests.PAIRWISE[i][j]);
			}
		}
		assertThat(results.get("pairwise").get("p").get(4).get(0).asInt()).isEqualTo(25);

		var certified = admin.post("/api/v1/elections/" + election + "/certification", Map.of());
		assertThat(certified.status()).isEqualTo(200);
		assertThat(certified.body().get("certifiedBy").asLong()).isPositive();
		assertThat(admin.post("/api/v1/elections/" + election + "/certification", Map.of()).status()).isEqualTo(409);
		List<Long> representatives = new ArrayList<>();
		admin.get("/api/v1/representatives")
			.body()
			.get("items")
			.forEach(r -> representatives.add(r.get("electionId").asLong()));
		assertThat(representatives).contains(election);
	}

	@Test
	void onePersonVotesOnceThroughAnyOfTheirProfilesAndOnlyIfOnTheRoll() {
		long marie = customer("marie");
		long marieAgain = customer("marie-bis");
		long outsider = customer("dehors");
		long community = community(List.of(marie, marieAgain));
		long election = election("plurality", 1, Map.of("communityId", community));
		long paul = candidate(election, customer("paul"));
		long lea = candidate(election, customer("lea"));

		PortalClient asMarie = PortalClient.signedIn(admin, port, marie);
		PortalClient asMarieAgain = PortalClient.signedIn(admin, port, marieAgain);
		PortalClient asOutsider = PortalClient.signedIn(admin, port, outsider);
		String ballot = "/portal/api/v1/elections/" + election + "/ballot";
		assertThat(asOutsider.post(ballot, Map.of("ranking", List.of(paul))).status()).as("not on the roll")
			.isEqualTo(403);
		assertThat(asMarie.post(ballot, Map.of("ranking", List.of(paul, lea))).status()).as("one choice for one seat")
			.isEqualTo(422);
		assertThat(asMarie.post(ballot, Map.of("ranking", List.of(999_999L))).status()).isEqualTo(422);
		assertThat(asMarie.post(ballot, Map.of("ranking", List.of(paul))).status()).isEqualTo(201);
		assertThat(admin.post("/api/v1/customers/" + marie + "/merge", Map.of("mergedId", marieAgain)).status())
			.isEqualTo(200);
		var again = asMarieAgain.post(ballot, Map.of("ranking", List.of(lea)));
		assertThat(again.status()).as("through the merged profile").isEqualTo(409);
		assertThat(again.body().get("detail").asString()).contains("voted");
		assertThat(asMarie.post(ballot, Map.of("ranking", List.of(lea))).status()).isEqualTo(409);
		assertThat(admin.post("/api/v1/elections/" + election + "/candidates", Map.of("customerId", customer("tard")))
			.status()).as("the ballot does not change once someone voted").isEqualTo(409);

		// the roll says Marie voted; the box holds the choice with no name and no time
		List<String> boxColumns = jdbc.sql(
				"select lower(column_name) from information_schema.columns where lower(table_name) = 'election_ballot'")
			.query(String.class)
			.list();
		assertThat(boxColumns).containsExactlyInAnyOrder("id", "election_id", "choices");
		String export = admin.get("/api/v1/customers/" + marie + "/personal-data").body().toString();
		assertThat(export).contains("election_voter").doesNotContain("election_ballot");
		JsonNode seen = asMarie.get("/portal/api/v1/elections").body().get("items");
		seen.forEach(e -> {
			if (e.get("election").get("id").asLong() == election) {
				assertThat(e.get("voted").asBoolean()).isTrue();
			}
		});
		assertThat(seen.toString()).doesNotContain("choices");
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		JsonNode results = asMarie.get("/portal/api/v1/elections/" + election + "/results").body();
		assertThat(results.get("winners").get(0).asLong()).isEqualTo(paul);
		assertThat(results.get("ballots").asInt()).isEqualTo(1);
		assertThat(asOutsider.get("/portal/api/v1/elections/" + election + "/results").status()).isEqualTo(404);
	}

	@Test
	void theContractsCallsAnswerAsWritten() {
		long voter = customer("electeur");
		var created = admin.post("/api/v1/elections",
				Map.of("title", unique("Président des clients"), "seats", 1, "method", "approval", "electorate",
						Map.of("all", true), "votingOpensAt", Instant.now().minusSeconds(5).toString(),
						"votingClosesAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
		long election = created.id("id");
		long one = candidate(election, customer("une"));
		long two = candidate(election, customer("deux"));
		PortalClient portal = PortalClient.signedIn(admin, port, voter);
		assertThat(portal.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(one, two)))
			.status()).isEqualTo(201);
		assertThat(portal.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(one)))
			.status()).isEqualTo(409);
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		JsonNode results = admin.get("/api/v1/elections/" + election + "/results").body();
		assertThat(results.has("winners")).isTrue();
		assertThat(results.get("ballots").asInt()).isEqualTo(1);
		assertThat(results.get("method").asString()).isEqualTo("approval");
		assertThat(admin.post("/api/v1/elections",
				Map.of("title", "x", "seats", 1, "method", "borda", "electorate", Map.of("all", true), "votingOpensAt",
						Instant.now().toString(), "votingClosesAt", Instant.now().plusSeconds(60).toString()))
			.status()).isEqualTo(422);
	}

	@Test
	void aRepresentativesQuestionReachesTheirInboxAndItsAnswerShowsInThePublicRecord() {
		long voter = customer("voter");
		long elected = customer("elue");
		long community = community(List.of(voter, elected));
		long election = election("plurality", 1, Map.of("communityId", community));
		long candidacy = candidate(election, elected);
		assertThat(PortalClient.signedIn(admin, port, voter)
			.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(candidacy)))
			.status()).isEqualTo(201);
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		assertThat(admin.post("/api/v1/elections/" + election + "/certification", Map.of()).status()).isEqualTo(200);

		String subject = unique("Tarifs de la fibre");
		var raised = PortalClient.signedIn(admin, port, elected)
			.post("/portal/api/v1/representatives/questions",
					Map.of("subject", subject, "text", "Les sociétaires demandent une grille tarifaire lisible."));
		assertThat(raised.status()).as(String.valueOf(raised.body())).isEqualTo(201);
		long conversation = raised.id("conversationId");
		long inboxId = admin.get("/api/v1/conversations/" + conversation).body().get("inboxId").asLong();
		JsonNode inbox = admin.get("/api/v1/inboxes/" + inboxId).body();
		assertThat(inbox.get("channel").asString()).isEqualTo("portal");
		assertThat(inbox.toString()).contains("representatives").contains("P2D");
		assertThat(PortalClient.signedIn(admin, port, voter)
			.post("/portal/api/v1/representatives/questions", Map.of("subject", "x", "text", "y"))
			.status()).as("only a representative in office").isEqualTo(403);

		var reply = admin.post("/api/v1/conversations/" + conversation + "/replies",
				Map.of("text", "Une nouvelle grille sera publiée le mois prochain."));
		assertThat(reply.status()).as(String.valueOf(reply.body())).isLessThan(300);
		String me = admin.get("/api/v1/me").body().get("name").asString();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
			for (JsonNode q : PortalClient.signedIn(admin, port, voter)
				.get("/portal/api/v1/representatives/record")
				.body()
				.get("items")) {
				if (q.get("subject").asString().equals(subject) && !q.get("answer").isNull()) {
					return q.get("answer").asString().contains("nouvelle grille")
							&& q.get("answeredBy").asString().equals(me)
							&& q.get("question").asString().contains("grille tarifaire");
				}
			}
			return false;
		});
	}

	@Test
	void aMediationRunsFromRequestToAcceptedProposalWithItsDatedSteps() {
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				inbound(unique("m"), unique("client"), "Ma facture de mars compte deux fois l'option TV."));
		long customer = first.id("customerId");
		long conversation = first.id("conversationId");
		long other = customer("autre");
		PortalClient portal = PortalClient.signedIn(admin, port, customer);
		PortalClient stranger = PortalClient.signedIn(admin, port, other);
		assertThat(stranger.post("/portal/api/v1/mediations", Map.of("conversationId", conversation, "reason", "x"))
			.status()).as("someone else's request").isEqualTo(404);
		var asked = portal.post("/portal/api/v1/mediations",
				Map.of("conversationId", conversation, "reason", "On me refuse le remboursement."));
		assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(201);
		long mediation = asked.id("id");
		assertThat(portal.post("/portal/api/v1/mediations", Map.of("conversationId", conversation, "reason", "encore"))
			.status()).isEqualTo(409);
		String name = unique("Médiateur des communications électroniques");
		long mediator = admin
			.post("/api/v1/mediators",
					Map.of("name", name, "organisation", "AMCE", "website", "https://www.mediateur-telecom.fr",
							"external", true))
			.id("id");
		assertThat(portal.get("/portal/api/v1/mediators").body().toString()).contains(name);
		assertThat(admin.post("/api/v1/mediations/" + mediation + "/proposal", Map.of("text", "trop tôt")).status())
			.isEqualTo(409);
		assertThat(admin.post("/api/v1/mediations/" + mediation + "/mediator", Map.of("mediatorId", mediator)).status())
			.isEqualTo(200);
		JsonNode bundle = admin.get("/api/v1/mediations/" + mediation + "/bundle").body();
		assertThat(bundle.get("thread").get(0).get("text").asString()).contains("compte deux fois");
		// the external mediator reads the case and proposes through their signed link, no
		// account
		String link = admin.get("/api/v1/mediations/" + mediation + "/mediator-link").body().get("url").asString();
		String path = java.net.URI.create(link).getRawPath();
		PortalClient mediatorBrowser = new PortalClient(port);
		var opened = mediatorBrowser.open("http://localhost:" + port + path);
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.body()).contains("On me refuse le remboursement").contains("compte deux fois");
		String tampered = path.substring(0, path.length() - 1) + (path.endsWith("0") ? "1" : "0");
		assertThat(mediatorBrowser.open("http://localhost:" + port + tampered).status()).as("a tampered link")
			.isEqualTo(404);
		var proposed = mediatorBrowser.submitTo(path, path + "/proposal",
				Map.of("text", "Remboursement de l'option TV de mars, 9,99 €."));
		assertThat(proposed.status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/mediations").body().toString()).contains("9,99");
		assertThat(admin.post("/api/v1/mediations/" + mediation + "/decision", Map.of("accept", true))
			.body()
			.get("status")
			.asString()).as("the customer has not decided yet").isEqualTo("proposed");
		assertThat(
				stranger.post("/portal/api/v1/mediations/" + mediation + "/decision", Map.of("accept", false)).status())
			.isEqualTo(404);
		JsonNode accepted = portal.post("/portal/api/v1/mediations/" + mediation + "/decision", Map.of("accept", true))
			.body();
		assertThat(accepted.get("status").asString()).isEqualTo("accepted");
		List<String> steps = new ArrayList<>();
		List<Instant> at = new ArrayList<>();
		accepted.get("steps").forEach(st -> {
			steps.add(st.get("step").asString() + "/" + st.get("by").asString());
			at.add(Instant.parse(st.get("at").asString()));
		});
		assertThat(steps).containsExactly("requested/customer", "assigned/company", "proposed/mediator",
				"accepted-by-company/company", "accepted-by-customer/customer");
		assertThat(at).isSorted();
		assertThat(
				portal.post("/portal/api/v1/mediations/" + mediation + "/decision", Map.of("accept", false)).status())
			.isEqualTo(409);
	}

	@Test
	void aRegisterIsImportedWholeOrNotAtAllAndASuspendedMemberDoesNotVote() {
		String email = unique("societaire") + "@exemple.fr";
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("c"), "name", "Jean Roux", "email", email), "text", "Bonjour"));
		long byEmail = first.id("customerId");
		long byNumber = customer("numero");
		long community = admin.post("/api/v1/communities", Map.of("name", unique("Mutuelle"))).id("id");
		String bad = "email,kind,registerNumber,role,since\n" + email + ",shareholder,R-1,,2020-01-15\n"
				+ "nobody@nowhere.test,member,,,\n";
		var refused = admin.postText("/api/v1/communities/" + community + "/members/import", bad);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("errors").get(0).asString()).contains("3").contains("nobody@nowhere.test");
		assertThat(admin.get("/api/v1/communities/" + community + "/members").body().get("items").size())
			.as("nothing stored")
			.isZero();
		String good = "customer,email,kind,registerNumber,role,since\n," + email
				+ ",shareholder,R-1,président du conseil,2020-01-15\n" + byNumber + ",,member,R-2,,\n";
		var imported = admin.postText("/api/v1/communities/" + community + "/members/import", good);
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(200);
		assertThat(imported.body().get("stored").asInt()).isEqualTo(2);
		JsonNode members = admin.get("/api/v1/communities/" + community + "/members").body().get("items");
		assertThat(members.toString()).contains("président du conseil").contains("R-2").contains("2020-01-15");

		long election = election("plurality", 1, Map.of("communityId", community));
		long candidacy = candidate(election, byNumber);
		assertThat(admin
			.post("/api/v1/communities/" + community + "/members/" + byEmail + "/suspension", Map.of("suspended", true))
			.status()).isEqualTo(200);
		assertThat(PortalClient.signedIn(admin, port, byEmail)
			.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(candidacy)))
			.status()).as("suspended: no vote").isEqualTo(403);
	}

	@Test
	void aFifthOfThoseRepresentedRecallARepresentativeOneSignatureEach() {
		List<Long> members = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			members.add(customer("membre"));
		}
		long outsider = customer("dehors");
		long community = community(members);
		long election = election("plurality", 1, Map.of("communityId", community));
		long candidacy = candidate(election, members.get(0));
		PortalClient.signedIn(admin, port, members.get(1))
			.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(candidacy)));
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		admin.post("/api/v1/elections/" + election + "/certification", Map.of());
		long mandate = -1;
		for (JsonNode r : admin.get("/api/v1/representatives").body().get("items")) {
			if (r.get("electionId").asLong() == election) {
				mandate = r.get("id").asLong();
			}
		}
		assertThat(mandate).isPositive();
		String recall = "/portal/api/v1/representatives/" + mandate + "/recall";
		assertThat(PortalClient.signedIn(admin, port, outsider).post(recall, Map.of()).status()).isEqualTo(403);
		PortalClient second = PortalClient.signedIn(admin, port, members.get(2));
		JsonNode one = second.post(recall, Map.of()).body();
		assertThat(one.get("signatures").asInt()).isEqualTo(1);
		assertThat(one.get("needed").asInt()).isEqualTo(2);
		assertThat(one.get("recalled").asBoolean()).isFalse();
		assertThat(second.post(recall, Map.of()).status()).as("one signature each").isEqualTo(409);
		JsonNode two = PortalClient.signedIn(admin, port, members.get(3)).post(recall, Map.of()).body();
		assertThat(two.get("recalled").asBoolean()).isTrue();
		final long recalled = mandate;
		admin.get("/api/v1/representatives")
			.body()
			.get("items")
			.forEach(r -> assertThat(r.get("id").asLong()).isNotEqualTo(recalled));
		assertThat(PortalClient.signedIn(admin, port, members.get(0))
			.post("/portal/api/v1/representatives/questions", Map.of("subject", "x", "text", "y"))
			.status()).as("no longer in office").isEqualTo(403);
	}

	@Test
	void aMembershipGivesTheServiceLevelAnEscalationRuleNames() {
		String author = unique("membre");
		long member = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), author, "Bonjour"))
			.id("customerId");
		long community = admin.post("/api/v1/communities", Map.of("name", unique("Sociétaires"))).id("id");
		admin.put("/api/v1/communities/" + community + "/members/" + member, Map.of("kind", "shareholder"));
		var rule = admin.post("/api/v1/escalation-rules",
				Map.of("name", unique("Sociétaires d'abord"), "kind", "customer_value", "attribute",
						"community." + community, "threshold", 1, "priority", "high", "inboxId", inbox));
		assertThat(rule.status()).as(String.valueOf(rule.body())).isEqualTo(201);
		long asMember = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					inbound(unique("m"), author, "Ma box ne s'allume plus depuis ce matin."))
			.id("conversationId");
		assertThat(admin.get("/api/v1/conversations/" + asMember).body().get("priority").asString()).isEqualTo("high");
		admin.delete("/api/v1/communities/" + community + "/members/" + member);
		admin.post("/api/v1/conversations/" + asMember + "/status", Map.of("status", "resolved"));
		long afterwards = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound",
					inbound(unique("m"), author, "Une autre question sur ma facture."))
			.id("conversationId");
		assertThat(afterwards).isNotEqualTo(asMember);
		assertThat(admin.get("/api/v1/conversations/" + afterwards).body().get("priority").asString())
			.as("no longer a member")
			.isEqualTo("normal");
		admin.delete("/api/v1/escalation-rules/" + rule.id("id"));
	}

	@Test
	void aRepresentativeAsksForMediationOnAMembersBehalf() {
		var first = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				inbound(unique("m"), unique("membre"), "On m'a coupé la ligne sans prévenir."));
		long member = first.id("customerId");
		long conversation = first.id("conversationId");
		long elected = customer("elu");
		long community = community(List.of(member, elected));
		String number = admin.get("/api/v1/communities/" + community + "/members")
			.body()
			.get("items")
			.get(0)
			.get("registerNumber")
			.asString();
		long election = election("plurality", 1, Map.of("communityId", community));
		long candidacy = candidate(election, elected);
		PortalClient.signedIn(admin, port, member)
			.post("/portal/api/v1/elections/" + election + "/ballot", Map.of("ranking", List.of(candidacy)));
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		admin.post("/api/v1/elections/" + election + "/certification", Map.of());

		PortalClient representative = PortalClient.signedIn(admin, port, elected);
		String onBehalf = "/portal/api/v1/mediations/on-behalf";
		assertThat(representative
			.post(onBehalf, Map.of("registerNumber", number, "conversationId", conversation + 1, "reason", "x"))
			.status()).as("not that member's request").isEqualTo(404);
		assertThat(PortalClient.signedIn(admin, port, member)
			.post(onBehalf, Map.of("registerNumber", number, "conversationId", conversation, "reason", "x"))
			.status()).as("not a representative").isEqualTo(403);
		var asked = representative.post(onBehalf,
				Map.of("registerNumber", number, "conversationId", conversation, "reason", "Coupure sans préavis"));
		assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(201);
		assertThat(asked.body().get("requestedBy").asString()).isEqualTo("representative");
		assertThat(asked.body().get("steps").get(0).get("by").asString()).isEqualTo("representative");
		JsonNode theirs = PortalClient.signedIn(admin, port, member).get("/portal/api/v1/mediations").body();
		assertThat(theirs.get("items").get(0).get("id").asLong()).isEqualTo(asked.id("id"));
	}

	@Test
	void aRegisterNumberIsNeverGivenToSomeoneElse() {
		long first = customer("premier");
		long second = customer("second");
		long community = admin.post("/api/v1/communities", Map.of("name", unique("Mutuelle"))).id("id");
		assertThat(admin
			.put("/api/v1/communities/" + community + "/members/" + first,
					Map.of("kind", "shareholder", "registerNumber", "M-1"))
			.status()).isEqualTo(200);
		assertThat(admin.delete("/api/v1/communities/" + community + "/members/" + first).status()).isEqualTo(200);
		assertThat(admin
			.put("/api/v1/communities/" + community + "/members/" + second,
					Map.of("kind", "shareholder", "registerNumber", "M-1"))
			.status()).as("even after the holder left").isEqualTo(409);
		var back = admin.put("/api/v1/communities/" + community + "/members/" + first, Map.of("kind", "shareholder"));
		assertThat(back.body().get("registerNumber").asString()).isEqualTo("M-1");
		assertThat(back.body().get("status").asString()).isEqualTo("active");
	}

}
