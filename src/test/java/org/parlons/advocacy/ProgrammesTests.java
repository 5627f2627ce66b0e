package org.parlons.advocacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.customers.Customers;
import org.parlons.language.SentimentAnalyser;
import org.parlons.portal.PortalClient;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.inbound;
import static org.parlons.testing.TestApi.unique;

/**
 * Ambassador and advocate programmes through the real port: a member's lifecycle with its
 * audit lines and a refused transition; the disclosure watch over members' public posts;
 * points earned once per mission and post; a delegated member's reply held beyond their
 * mandate; the engagement score's three parts computed here by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgrammesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SentimentAnalyser analyser;

	@Autowired
	Customers customers;

	TestApi admin;

	long inbox;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inbox = admin.createApiInbox(unique("Communauté"), Map.of());
	}

	/** A customer who wrote once, with a handle on X. */
	record Person(long customer, long conversation, String handle) {
	}

	Person person(String firstMessage) {
		String handle = unique("fan").replaceAll("[^a-z0-9]", "");
		var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), handle, firstMessage));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
		long customer = r.id("customerId");
		var identity = admin.post("/api/v1/customers/" + customer + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", "@" + handle));
		assertThat(identity.status()).as(String.valueOf(identity.body())).isEqualTo(200);
		return new Person(customer, r.id("conversationId"), handle);
	}

	long programme(String kind) {
		var r = admin.post("/api/v1/programmes", Map.of("name", unique("Ambassadeurs"), "kind", kind));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	long member(long programme, long customer, Map<String, Object> contract) {
		var r = admin.post("/api/v1/programmes/" + programme + "/members",
				Map.of("customerId", customer, "mission", "Parler de la fibre autour de vous", "contract", contract));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		assertThat(r.body().get("status").asString()).isEqualTo("nominated");
		return r.id("id");
	}

	TestApi.Response move(long programme, long member, String status) {
		return admin.post("/api/v1/programmes/" + programme + "/members/" + member + "/status",
				Map.of("status", status, "note", "décidé en comité"));
	}

	void activate(long programme, long member) {
		assertThat(move(programme, member, "vetted").status()).isEqualTo(200);
		assertThat(move(programme, member, "active").status()).isEqualTo(200);
	}

	/** Imports public posts on X by that handle, published now; answers their ids. */
	List<String> post(String handle, String... texts) {
		List<Map<String, Object>> items = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (String text : texts) {
			String id = unique("x");
			ids.add(id);
			Map<String, Object> m = new HashMap<>();
			m.put("network", "x");
			m.put("externalId", id);
			m.put("author", Map.of("handle", handle, "name", handle));
			m.put("text", text);
			m.put("publishedAt", Instant.now().toString());
			items.add(m);
		}
		var r = admin.post("/api/v1/listening/mentions", Map.of("items", items));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
		return ids;
	}

	/** Waits until the watch has read every mention stored so far. */
	void watched() {
		long last = jdbc.sql("select max(id) from mention").query(Long.class).single();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select coalesce(max(position), 0) from advocacy_cursor")
				.query(Long.class)
				.single() >= last);
	}

	@Test
	void aMembersLifecycleIsDatedAuditedAndAnAlumnusIsVettedAgainBeforeBeingActive() {
		Person marie = person("Bonjour, j'aime beaucoup votre service.");
		long programme = programme("ambassador");
		long member = member(programme, marie.customer(), Map.of("kind", "unpaid"));

		assertThat(admin.post("/api/v1/programmes/" + programme + "/members", Map.of("customerId", marie.customer()))
			.status()).as("the same person twice").isEqualTo(409);
		assertThat(move(programme, member, "active").status()).as("nominated → active without vetting").isEqualTo(409);
		activate(programme, member);
		assertThat(move(programme, member, "suspended").status()).isEqualTo(200);
		assertThat(move(programme, member, "active").status()).isEqualTo(200);
		assertThat(move(programme, member, "alumni").status()).isEqualTo(200);
		var refused = move(programme, member, "active");
		assertThat(refused.status()).as("alumni → active without re-vetting").isEqualTo(409);
		assertThat(refused.contentType()).contains("application/problem+json");
		assertThat(refused.body().get("detail").asString()).contains("alumni").contains("active");
		assertThat(move(programme, member, "vetted").status()).isEqualTo(409);
		assertThat(move(programme, member, "nominated").status()).isEqualTo(200);
		assertThat(move(programme, member, "frozen").status()).isEqualTo(422);

		JsonNode detail = admin.get("/api/v1/programmes/" + programme + "/members/" + member).body();
		List<String> path = new ArrayList<>();
		detail.get("history").forEach(t -> path.add(t.get("to").asString()));
		assertThat(path).containsExactly("nominated", "vetted", "active", "suspended", "active", "alumni", "nominated");
		detail.get("history").forEach(t -> assertThat(t.get("changedAt").isNull()).isFalse());
		assertThat(detail.get("history").get(1).get("changedBy").asLong()).isPositive();
		assertThat(detail.get("member").get("endedAt").isNull()).as("back in: no longer ended").isTrue();

		JsonNode audit = admin.get("/api/v1/audit?type=advocacy.member.status&q=programme-member:" + member).body();
		assertThat(audit.get("total").asInt()).isEqualTo(6);
		List<String> lines = new ArrayList<>();
		audit.get("items").forEach(e -> lines.add(e.get("detail").asString()));
		assertThat(lines).contains("alumni → nominated", "nominated → vetted", "suspended → active");
		assertThat(admin.get("/api/v1/audit?type=advocacy.member.nominated&q=programme-member:" + member)
			.body()
			.get("total")
			.asInt()).isEqualTo(1);

		var anonymous = TestApi.anonymous(port).post("/api/v1/programmes", Map.of("name", "x", "kind", "advocate"));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(admin.post("/api/v1/programmes", Map.of("name", "x", "kind", "influencer")).status()).isEqualTo(422);
		assertThat(admin
			.post("/api/v1/programmes/" + programme + "/members", Map.of("customerId", marie.customer() + 1_000_000))
			.status()).isEqualTo(404);
		assertThat(admin
			.post("/api/v1/programmes/" + programme + "/members",
					Map.of("customerId", person("Bonjour").customer(), "contract", Map.of("kind", "paid")))
			.status()).as("paid without an amount").isEqualTo(422);
	}

	@Test
	void aPaidAmbassadorsPostWithoutDisclosureIsFlaggedAndDisclosedOrUnpaidPostsAreNot() {
		Person paid = person("Bonjour !");
		Person unpaid = person("Salut !");
		long programme = programme("ambassador");
		long paidMember = member(programme, paid.customer(), Map.of("kind", "paid", "amount", 300, "currency", "EUR"));
		long unpaidMember = member(programme, unpaid.customer(), Map.of("kind", "unpaid"));
		activate(programme, paidMember);
		activate(programme, unpaidMember);

		List<String> paidPosts = post(paid.handle(), "Ma nouvelle box Téléo est géniale, foncez !",
				"Ma box Téléo, franchement top #CollaborationCommerciale",
				"Téléo, la fibre qui tient ses promesses #ad", "Publicité — la box Téléo arrive chez moi",
				"Mon chat est #adorable devant la box Téléo");
		List<String> unpaidPosts = post(unpaid.handle(), "J'adore ma box Téléo !");
		watched();
		// the same undisclosed post heard a second time flags it once
		post(paid.handle(), "Ma nouvelle box Téléo est géniale, foncez !");
		jdbc.sql("insert into mention (source, source_id, network, external_id, author, author_key, text, language, "
				+ "sentiment, label, published_at, created_at) select 'inbox', ?, network, external_id, author, "
				+ "author_key, text, language, sentiment, label, published_at, created_at from mention "
				+ "where external_id = ?")
			.params(inbox, paidPosts.get(0))
			.update();
		watched();

		JsonNode flags = admin.get("/api/v1/programmes/" + programme + "/flags").body().get("items");
		List<String> flagged = new ArrayList<>();
		flags.forEach(f -> {
			assertThat(f.get("kind").asString()).isEqualTo("undisclosed");
			assertThat(f.get("memberId").asLong()).isEqualTo(paidMember);
			flagged.add(f.get("externalId").asString());
		});
		assertThat(flagged).containsExactlyInAnyOrder(paidPosts.get(0), paidPosts.get(4));
		assertThat(flagged).doesNotContain(unpaidPosts.get(0));
		assertThat(flags.get(0).get("text").asString()).isNotBlank();

		long flagId = flags.get(0).get("id").asLong();
		assertThat(admin.post("/api/v1/programmes/" + programme + "/flags/" + flagId + "/resolve", Map.of()).status())
			.isEqualTo(200);
		assertThat(admin.post("/api/v1/programmes/" + programme + "/flags/" + flagId + "/resolve", Map.of()).status())
			.isEqualTo(409);
		assertThat(admin.get("/api/v1/programmes/" + programme + "/flags").body().get("items").size()).isEqualTo(1);
		assertThat(admin.get("/api/v1/programmes/" + programme + "/flags?all=true").body().get("items").size())
			.isEqualTo(2);

		// the member in their space sees what their contract asks; another customer sees
		// none of it
		PortalClient mine = PortalClient.signedIn(admin, port, paid.customer());
		JsonNode memberships = mine.get("/portal/api/v1/programmes").body().get("items");
		assertThat(memberships.size()).isEqualTo(1);
		assertThat(memberships.get(0).get("member").get("status").asString()).isEqualTo("active");
		assertThat(memberships.get(0).get("member").get("contract").get("requiresDisclosure").asBoolean()).isTrue();
		PortalClient other = PortalClient.signedIn(admin, port, unpaid.customer());
		assertThat(
				other.post("/portal/api/v1/programmes/" + paidMember + "/redemptions", Map.of("rewardId", 1)).status())
			.isEqualTo(404);

		// an erased member leaves the programme and their flagged posts are forgotten
		var request = admin.post("/api/v1/customers/" + paid.customer() + "/data-requests",
				Map.of("kind", "erasure", "verifiedIdentity", paid.handle()));
		assertThat(request.status()).as(String.valueOf(request.body())).isEqualTo(201);
		assertThat(admin.post("/api/v1/data-requests/" + request.id("id") + "/execute", Map.of()).status())
			.isEqualTo(200);
		JsonNode erased = admin.get("/api/v1/programmes/" + programme + "/members/" + paidMember).body();
		assertThat(erased.get("member").get("status").asString()).isEqualTo("alumni");
		admin.get("/api/v1/programmes/" + programme + "/flags?all=true")
			.body()
			.get("items")
			.forEach(f -> assertThat(f.get("text").asString()).isEmpty());
	}

	@Test
	void pointsAreEarnedOncePerMissionAndPostEvenWhenThePostArrivesTwice() {
		Person fan = person("Bonjour");
		long programme = programme("advocate");
		long member = member(programme, fan.customer(), Map.of("kind", "in_kind", "amount", 40, "currency", "EUR"));
		String tag = "#" + unique("TeleoFibre").replaceAll("[^A-Za-z0-9]", "");
		var mission = admin.post("/api/v1/programmes/" + programme + "/missions", Map.of("title", "Partager la fibre",
				"kind", "share", "points", 50, "evidenceMatch", tag, "maxPerMember", 2));
		assertThat(mission.status()).as(String.valueOf(mission.body())).isEqualTo(201);
		long missionId = mission.id("id");

		post(fan.handle(), "Avant d'être membre " + tag + " #ad");
		watched();
		activate(programme, member);
		List<String> first = post(fan.handle(), "La fibre chez moi " + tag + " #ad");
		watched();
		assertThat(points(programme, member).get("lifetime").asLong()).isEqualTo(50);

		// the same post found again: imported again, and heard by an inbox's search
		post(fan.handle(), "La fibre chez moi " + tag + " #ad");
		jdbc.sql("insert into mention (source, source_id, network, external_id, author, author_key, text, language, "
				+ "sentiment, label, published_at, created_at) select 'inbox', ?, network, external_id, author, "
				+ "author_key, text, language, sentiment, label, published_at, created_at from mention "
				+ "where external_id = ?")
			.params(inbox, first.get(0))
			.update();
		watched();
		assertThat(points(programme, member).get("lifetime").asLong()).isEqualTo(50);

		post(fan.handle(), "Encore la fibre " + tag + " #ad", "Toujours la fibre " + tag + " #ad");
		watched();
		JsonNode balance = points(programme, member);
		assertThat(balance.get("lifetime").asLong()).as("two at most per member").isEqualTo(100);
		assertThat(balance.get("level").asString()).isEqualTo("BRONZE");
		assertThat(admin.get("/api/v1/programmes/" + programme + "/flags").body().get("items").size())
			.as("all disclosed")
			.isZero();

		// a reward asked for in the portal sets the points aside until a manager decides
		long reward = admin
			.post("/api/v1/programmes/" + programme + "/rewards", Map.of("title", "Un mois offert", "cost", 80))
			.id("id");
		PortalClient portal = PortalClient.signedIn(admin, port, fan.customer());
		var asked = portal.post("/portal/api/v1/programmes/" + member + "/redemptions", Map.of("rewardId", reward));
		assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(201);
		assertThat(portal.post("/portal/api/v1/programmes/" + member + "/redemptions", Map.of("rewardId", reward))
			.status()).as("20 points left").isEqualTo(409);
		assertThat(points(programme, member).get("spendable").asLong()).isEqualTo(20);
		long redemption = admin.get("/api/v1/programmes/" + programme + "/redemptions")
			.body()
			.get("items")
			.get(0)
			.get("id")
			.asLong();
		assertThat(admin.post("/api/v1/programmes/" + programme + "/redemptions/" + redemption + "/approve", Map.of())
			.status()).isEqualTo(200);
		assertThat(admin.post("/api/v1/programmes/" + programme + "/redemptions/" + redemption + "/reject", Map.of())
			.status()).isEqualTo(409);
		balance = points(programme, member);
		assertThat(balance.get("lifetime").asLong()).isEqualTo(100);
		assertThat(balance.get("spent").asLong()).isEqualTo(80);
		assertThat(balance.get("spendable").asLong()).isEqualTo(20);

		var recorded = admin.post("/api/v1/programmes/" + programme + "/missions/" + missionId + "/evidence",
				Map.of("memberId", member, "evidence", "vu au salon"));
		assertThat(recorded.body().get("earned").asBoolean()).as("the limit holds by hand too").isFalse();
	}

	JsonNode points(long programme, long member) {
		return admin.get("/api/v1/programmes/" + programme + "/members/" + member).body().get("member").get("points");
	}

	@Test
	void aDelegatedMembersReplyBeyondTheirMandateIsHeldAndTheirAccountFollowsTheirStatus() {
		Person fan = person("Ma box clignote, quelqu'un a une idée ?");
		Person helper = person("Bonjour");
		long programme = programme("community_expert");
		long member = member(programme, helper.customer(), Map.of("kind", "unpaid"));
		String email = unique("experte") + "@communaute.test";
		long account = admin.createAgent(email, "agent", "password-of-the-expert");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Communauté"), "inboxIds", List.of(inbox), "memberIds", List.of(account)));
		var delegated = admin.put("/api/v1/programmes/" + programme + "/members/" + member + "/delegation",
				Map.of("agentId", account, "mandate", Map.of("channels", List.of("api"), "languages", List.of("fr"))));
		assertThat(delegated.status()).as(String.valueOf(delegated.body())).isEqualTo(200);
		TestApi expert = TestApi.basic(port, email, "password-of-the-expert");
		assertThat(expert.get("/api/v1/conversations/" + fan.conversation()).status())
			.as("nominated: the account does not work yet")
			.isEqualTo(401);

		activate(programme, member);
		var answer = expert.post("/api/v1/conversations/" + fan.conversation() + "/replies",
				Map.of("text", "Bonjour, débranchez la box dix secondes puis rebranchez-la."));
		assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(201);
		var gesture = expert.post("/api/v1/conversations/" + fan.conversation() + "/replies",
				Map.of("text", "Pour la gêne, nous vous remboursons 30 € sur votre facture."));
		assertThat(gesture.status()).as(String.valueOf(gesture.body())).isEqualTo(202);
		assertThat(gesture.body().get("status").asString()).isEqualTo("pending_approval");

		assertThat(move(programme, member, "suspended").status()).isEqualTo(200);
		assertThat(expert.get("/api/v1/conversations/" + fan.conversation()).status()).isEqualTo(401);
		assertThat(move(programme, member, "active").status()).isEqualTo(200);
		assertThat(expert.get("/api/v1/conversations/" + fan.conversation()).status()).isEqualTo(200);

		long admins = admin.createAgent(unique("sup") + "@teleo.test", "supervisor", "password-of-the-sup");
		assertThat(admin
			.put("/api/v1/programmes/" + programme + "/members/" + member + "/delegation",
					Map.of("agentId", admins, "mandate", Map.of()))
			.status()).as("a supervisor's account cannot be delegated").isEqualTo(422);
	}

	@Test
	void theEngagementScoresThreePartsAreThoseComputedByHand() {
		String handle = unique("lea").replaceAll("[^a-z0-9]", "");
		String[] privateTexts = { "Bonjour, comment activer la fibre ?", "Merci, tout marche très bien maintenant.",
				"Et pour la télévision, il faut un autre boîtier ?" };
		long customer = 0;
		for (String text : privateTexts) {
			var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), handle, text));
			customer = r.id("customerId");
		}
		admin.post("/api/v1/customers/" + customer + "/identities",
				Map.of("kind", "handle", "namespace", "x", "value", handle));
		List<String> posts = post(handle, "Super installation de la fibre par Téléo, rapide et propre",
				"La box Téléo a planté ce soir, très déçue");
		PortalClient portal = PortalClient.signedIn(admin, port, customer);
		assertThat(portal.open("http://localhost:" + port + "/portal").status()).isEqualTo(200);
		assertThat(portal.open("http://localhost:" + port + "/portal/contracts").status()).isEqualTo(200);

		long programme = programme("advocate");
		long member = member(programme, customer, Map.of("kind", "unpaid"));
		activate(programme, member);
		long mission = admin
			.post("/api/v1/programmes/" + programme + "/missions",
					Map.of("title", "Tester la nouvelle box", "kind", "test", "points", 30))
			.id("id");
		assertThat(admin
			.post("/api/v1/programmes/" + programme + "/missions/" + mission + "/evidence",
					Map.of("memberId", member, "evidence", "retour de test reçu"))
			.body()
			.get("earned")
			.asBoolean()).isTrue();

		// by hand: c = 1 day in the space + 2 × 2 questions; b = 2 posts + 0.5 × 3
		// messages
		// + 3 × 1 mission
		double cognitive = round(100 * 5.0 / (5.0 + 5));
		double behavioural = round(100 * 6.5 / (6.5 + 5));
		List<Double> scores = new ArrayList<>();
		for (String id : posts) {
			scores.add(jdbc.sql("select sentiment from mention where external_id = ?")
				.param(id)
				.query(Double.class)
				.single());
		}
		for (String text : privateTexts) {
			scores.add(analyser.analyse(text, null).score());
		}
		double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double affective = round(50 * (1 + mean));

		JsonNode e = admin.get("/api/v1/customers/" + customer + "/engagement").body();
		assertThat(e.get("cognitive").asDouble()).isEqualTo(cognitive);
		assertThat(e.get("behavioural").asDouble()).isEqualTo(behavioural);
		assertThat(e.get("affective").asDouble()).isEqualTo(affective);
		assertThat(e.get("score").asDouble()).isEqualTo(round((cognitive + affective + behavioural) / 3));
		assertThat(e.get("method").asString()).contains("Cognitive").contains("Affective").contains("Behavioural");
		JsonNode inputs = e.get("inputs");
		assertThat(inputs.get("visitDays").asLong()).isEqualTo(1);
		assertThat(inputs.get("questions").asLong()).isEqualTo(2);
		assertThat(inputs.get("messages").asLong()).isEqualTo(3);
		assertThat(inputs.get("publicPosts").asLong()).isEqualTo(2);
		assertThat(inputs.get("missionsDone").asLong()).isEqualTo(1);
		assertThat(e.get("affectiveInterval").get(0).asDouble()).isLessThanOrEqualTo(affective);
		assertThat(e.get("affectiveInterval").get(1).asDouble()).isGreaterThanOrEqualTo(affective);
		assertThat(e.get("trend").size()).isEqualTo(6);
		assertThat(e.get("trend").get(5).get("score").asDouble()).isEqualTo(e.get("score").asDouble());

		customers.markRight(customer, false, Instant.now());
		var objected = admin.get("/api/v1/customers/" + customer + "/engagement");
		assertThat(objected.status()).as("profiling objected").isEqualTo(409);
	}

	@Test
	void candidatesArePositiveInfluentialCustomersNotYetMembersWhoDidNotObjectToProfiling() {
		Person fan = person("Bonjour");
		Person critic = person("Bonjour");
		Person once = person("Bonjour");
		Person objector = person("Bonjour");
		Person member = person("Bonjour");
		long programme = programme("ambassador");
		member(programme, member.customer(), Map.of("kind", "unpaid"));
		customers.markRight(objector.customer(), false, Instant.now());
		for (Person p : List.of(fan, objector, member)) {
			postWithReach(p.handle(), 5_000, "J'adore la fibre Téléo, rapide et fiable, merci !",
					"Super service Téléo, technicien très sympa, bravo !");
		}
		postWithReach(critic.handle(), 5_000, "Téléo est nul, panne sur panne, je suis furieux",
				"Service client Téléo horrible, une honte");
		postWithReach(once.handle(), 5_000, "J'adore la fibre Téléo, merci !");

		JsonNode items = admin.get("/api/v1/programmes/" + programme + "/candidates").body().get("items");
		List<Long> proposed = new ArrayList<>();
		items.forEach(c -> proposed.add(c.get("customerId").asLong()));
		assertThat(proposed).contains(fan.customer())
			.doesNotContain(critic.customer(), once.customer(), objector.customer(), member.customer());
		items.forEach(c -> {
			if (c.get("customerId").asLong() == fan.customer()) {
				assertThat(c.get("posts").asInt()).isEqualTo(2);
				assertThat(c.get("meanSentiment").asDouble()).isPositive();
				assertThat(c.get("influence").asDouble()).isGreaterThanOrEqualTo(Candidates.MIN_INFLUENCE);
				assertThat(c.get("reach").asLong()).isEqualTo(10_000);
			}
		});
		var nominated = admin.post("/api/v1/programmes/" + programme + "/members",
				Map.of("customerId", fan.customer()));
		assertThat(nominated.status()).isEqualTo(201);
		List<Long> after = new ArrayList<>();
		admin.get("/api/v1/programmes/" + programme + "/candidates")
			.body()
			.get("items")
			.forEach(c -> after.add(c.get("customerId").asLong()));
		assertThat(after).doesNotContain(fan.customer());
	}

	void postWithReach(String handle, long reach, String... texts) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (String text : texts) {
			items.add(Map.of("network", "x", "externalId", unique("x"), "author", Map.of("handle", handle), "text",
					text, "publishedAt", Instant.now().minusSeconds(3600).toString(), "reach", reach));
		}
		assertThat(admin.post("/api/v1/listening/mentions", Map.of("items", items)).status()).isEqualTo(200);
	}

	static double round(double x) {
		return Math.round(x * 10) / 10.0;
	}

}
