package org.parlons.segments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Segments through the real port: members computed exactly for a hand-built set of
 * customers, every construct of the language exercised, and kept right as a new message,
 * a merge and its undo, a contract pushed change who belongs; a customer who objected to
 * profiling in no profiling segment and without score; scores that halve at their
 * half-life and do not count a redelivered event twice; actions ranked with their
 * reasons, hidden past their contact cap, decisions recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SegmentsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScorePoints points;

	@Autowired
	Scores scores;

	@Autowired
	org.parlons.privacy.Consents consents;

	TestApi admin;

	long inbox;

	String cohort;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		inbox = admin.createApiInbox(unique("Segments"), Map.of());
		cohort = unique("cohorte");
	}

	/**
	 * A customer who wrote {@code messages} times, with these attributes and the cohort.
	 */
	long customer(int messages, Map<String, Object> attributes) {
		String author = unique("client");
		long id = 0;
		for (int i = 0; i < messages; i++) {
			var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), author, "Bonjour " + i));
			assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
			id = r.id("customerId");
		}
		authors.put(id, author);
		Map<String, Object> all = new java.util.HashMap<>(attributes);
		all.put("cohort", cohort);
		assertThat(admin.patch("/api/v1/customers/" + id, Map.of("attributes", all)).status()).isEqualTo(200);
		return id;
	}

	void write(long customer, String author) {
		var r = admin.post("/api/v1/inboxes/" + inbox + "/inbound", inbound(unique("m"), author, "Encore moi"));
		assertThat(r.status()).isEqualTo(202);
		assertThat(r.id("customerId")).isEqualTo(customer);
	}

	final Map<Long, String> authors = new java.util.HashMap<>();

	String authorOf(long customer) {
		return authors.get(customer);
	}

	long segment(String condition) {
		return segment(condition, "profiling");
	}

	long segment(String condition, String purpose) {
		var r = admin.post("/api/v1/segments", Map.of("name", unique("Segment"), "condition",
				"attribute.cohort = \"" + cohort + "\" and (" + condition + ")", "purpose", purpose));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	Set<Long> members(long segment) {
		var r = admin.get("/api/v1/segments/" + segment + "/members?limit=1000");
		assertThat(r.status()).isEqualTo(200);
		Set<Long> ids = new TreeSet<>();
		r.body().get("items").forEach(i -> ids.add(i.get("customerId").asLong()));
		assertThat(r.body().get("total").asLong()).isEqualTo(ids.size());
		return ids;
	}

	/** Waits until the watch has read every message stored so far. */
	void watched() {
		long last = jdbc.sql("select coalesce(max(id), 0) from message").query(Long.class).single();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select coalesce(max(position), 0) from segment_cursor where name = 'messages'")
				.query(Long.class)
				.single() >= last);
	}

	void eventually(long segment, Set<Long> expected) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(members(segment)).isEqualTo(expected));
	}

	@Test
	void membersAreExactlyThoseTheConditionNamesForEachConstructOfTheLanguage() {
		long a = customer(3, Map.of("city", "Lyon", "age", 34));
		long b = customer(1, Map.of("city", "Paris", "age", 51));
		long c = customer(1, Map.of("city", "Lyon", "age", 20));
		assertThat(admin.post("/api/v1/customers/" + a + "/tags", Map.of("tag", "vip")).status()).isIn(200, 201);

		assertThat(members(segment("attribute.city = \"lyon\""))).as("= on a text, whatever the case")
			.containsExactlyInAnyOrder(a, c);
		assertThat(members(segment("tag = \"vip\" or attribute.age >= 50"))).as("or, a set, >= on a number")
			.containsExactlyInAnyOrder(a, b);
		assertThat(members(segment("not tag = \"vip\" and attribute.age < 30"))).as("not, and, <").containsExactly(c);
		assertThat(members(segment("attribute.city contains \"ar\" and attribute.age > 50 and attribute.age <= 51")))
			.as("contains, >, <=")
			.containsExactly(b);
		assertThat(members(segment("attribute.city != \"Lyon\" or tag != \"vip\" and attribute.age = 34")))
			.as("!= on a text and on a set; and binds tighter than or")
			.containsExactly(b);
		assertThat(members(segment("messages(channel = \"api\", within = \"30d\") >= 3")))
			.as("a count with its arguments")
			.containsExactly(a);
		assertThat(members(segment("messages(channel = \"email\") >= 1"))).as("another channel: nobody").isEmpty();
		assertThat(members(segment("messages(within = \"P30D\") < 2 and identity = \"inbox:" + inbox + "\"")))
			.as("< holds for few messages, identity namespaces")
			.containsExactlyInAnyOrder(b, c);
		assertThat(members(segment("conversations(within = \"1d\") = 1 and csat(within = \"90d\") < 3")))
			.as("an average without any rating holds for nobody")
			.isEmpty();
		assertThat(members(segment("score.nothing-yet > 0 or contracts >= 1"))).isEmpty();
	}

	@Test
	void aDynamicSegmentFollowsANewMessageAMergeAndItsUndo() {
		long a = customer(3, Map.of());
		long b = customer(2, Map.of());
		long c = customer(1, Map.of());
		long segment = segment("messages(within = \"30d\") >= 3");
		assertThat(members(segment)).containsExactly(a);

		write(b, authorOf(b));
		eventually(segment, Set.of(a, b));

		var merge = admin.post("/api/v1/customers/" + c + "/merge", Map.of("mergedId", a));
		assertThat(merge.status()).as(String.valueOf(merge.body())).isEqualTo(200);
		eventually(segment, Set.of(b, c));

		assertThat(admin.post("/api/v1/customers/merges/" + merge.id("id") + "/undo", null).status()).isEqualTo(200);
		eventually(segment, Set.of(a, b));

		long holders = segment("contracts(status = \"active\") >= 1", "necessary");
		assertThat(members(holders)).isEmpty();
		var contract = admin.put("/api/v1/customers/" + b + "/contracts/" + unique("C"),
				Map.of("name", "Fibre 1 Gb", "status", "active", "startsOn", "2026-01-01"));
		assertThat(contract.status()).as(String.valueOf(contract.body())).isEqualTo(200);
		eventually(holders, Set.of(b));

		JsonNode history = admin.get("/api/v1/segments/" + segment + "/history").body().get("items");
		List<String> lines = new ArrayList<>();
		history.forEach(h -> lines
			.add(h.get("customerId").asLong() + " " + h.get("entered").asBoolean() + " " + h.get("cause").asString()));
		assertThat(lines).contains(a + " true created", b + " true message", c + " true merge", a + " false merge",
				c + " false undo", a + " true undo");

		var why = admin.get("/api/v1/segments/" + segment + "/explanations/" + b).body().get("items");
		assertThat(why.get(1).get("value").asString()).isEqualTo("3");
		assertThat(why.get(1).get("holds").asBoolean()).isTrue();
		Set<Long> ofB = new TreeSet<>();
		admin.get("/api/v1/customers/" + b + "/segments")
			.body()
			.get("items")
			.forEach(i -> ofB.add(i.get("id").asLong()));
		assertThat(ofB).containsExactlyInAnyOrder(segment, holders);
	}

	@Test
	void aCustomerWhoObjectedToProfilingIsInNoProfilingSegmentAndHasNoScore() {
		long objector = customer(2, Map.of("plan", "fibre"));
		long other = customer(2, Map.of("plan", "fibre"));
		String name = unique("fidelite").replaceAll("[^a-z0-9]", "");
		watched();
		assertThat(admin
			.post("/api/v1/scores",
					Map.of("name", name, "rules", List.of(Map.of("event", "message", "points", 10, "per", "always"))))
			.status()).isEqualTo(201);
		write(objector, authorOf(objector));
		write(other, authorOf(other));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(admin.get("/api/v1/customers/" + objector + "/scores").body().get(name).asDouble())
						.isEqualTo(10));
		long profiling = segment("messages(within = \"30d\") >= 2");
		long necessary = segment("attribute.plan = \"fibre\"", "necessary");
		assertThat(members(profiling)).containsExactlyInAnyOrder(objector, other);

		var request = admin.post("/api/v1/customers/" + objector + "/data-requests",
				Map.of("kind", "objection", "verifiedIdentity", authorOf(objector)));
		assertThat(request.status()).as(String.valueOf(request.body())).isEqualTo(201);
		assertThat(admin.post("/api/v1/data-requests/" + request.id("id") + "/execute", Map.of()).status())
			.isEqualTo(200);

		assertThat(members(profiling)).containsExactly(other);
		assertThat(members(necessary)).as("a strictly necessary segment keeps them")
			.containsExactlyInAnyOrder(objector, other);
		assertThat(admin.get("/api/v1/customers/" + objector + "/scores").body().size()).isZero();
		write(objector, authorOf(objector));
		write(other, authorOf(other));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(admin.get("/api/v1/customers/" + other + "/scores").body().get(name).asDouble())
						.isEqualTo(20));
		assertThat(jdbc.sql("select count(*) from score_point where customer_id = ?")
			.param(objector)
			.query(Long.class)
			.single()).isZero();
		assertThat(members(segment("messages(within = \"30d\") >= 1"))).as("nor in a new one").containsExactly(other);
		var refused = admin.post("/api/v1/segments",
				Map.of("name", unique("S"), "condition", "tonality(within = \"30d\") < 0", "purpose", "necessary"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("detail").asString()).contains("tonality");
	}

	@Test
	void aScoreHalvesAtItsHalfLifeAndARedeliveredEventScoresOnce() {
		long customer = customer(1, Map.of());
		String name = unique("chaleur").replaceAll("[^a-z0-9]", "");
		long id = scores.create(name, "P10D", 100.0, List.of(Map.of("event", "rating", "points", 40, "per", "always"),
				Map.of("event", "conversation", "points", 5, "per", "once")), List.of());
		Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
		scores.on("rating", customer, "rating:1", null, 5, tenDaysAgo);
		scores.on("rating", customer, "rating:1", null, 5, tenDaysAgo);
		assertThat(value(name, customer)).as("40 points ten days ago, delivered twice").isCloseTo(20, within());

		scores.on("conversation", customer, "message:1", null, null, Instant.now());
		scores.on("conversation", customer, "message:2", null, null, Instant.now());
		assertThat(value(name, customer)).as("once: the second conversation earns nothing").isCloseTo(25, within());

		scores.on("rating", customer, "rating:2", null, 5, Instant.now());
		scores.on("rating", customer, "rating:3", null, 5, Instant.now());
		assertThat(value(name, customer)).as("capped at 100").isEqualTo(100);
		assertThat(points.find(id)).isPresent();

		var bad = admin.post("/api/v1/scores", Map.of("name", unique("x").replaceAll("[^a-z0-9]", ""), "rules",
				List.of(Map.of("event", "purchase", "points", 1))));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body().get("detail").asString()).contains("purchase");
	}

	private double value(String name, long customer) {
		return (Double) points.values(name, List.of(customer)).get(customer);
	}

	private static org.assertj.core.data.Offset<Double> within() {
		return org.assertj.core.data.Offset.offset(0.01);
	}

	@Test
	void actionsAreRankedWithTheirReasonsHiddenPastTheirCapAndDecisionsRecorded() {
		long customer = customer(2, Map.of("plan", "fibre"));
		long segment = segment("attribute.plan = \"fibre\"", "necessary");
		String callback = unique("rappel").replaceAll("[^a-z0-9]", "");
		String gesture = unique("geste").replaceAll("[^a-z0-9]", "");
		assertThat(admin
			.post("/api/v1/actions",
					Map.of("key", callback, "titleFr", "Proposer un rappel", "titleEn", "Offer a callback", "kind",
							"callback", "segmentIds", List.of(segment), "capCount", 1, "capDays", 30, "value", 10))
			.status()).isEqualTo(201);
		assertThat(admin.post("/api/v1/actions",
				Map.of("key", gesture, "titleFr", "Geste de 20 €", "titleEn", "20 € gesture", "kind", "gesture",
						"segmentIds", List.of(segment), "capCount", 2, "capDays", 30, "value", 5, "gestureAmount", 20,
						"gestureCurrency", "EUR"))
			.status()).isEqualTo(201);
		long conversation = jdbc.sql("select max(id) from conversation where customer_id = ?")
			.param(customer)
			.query(Long.class)
			.single();
		String path = "/api/v1/conversations/" + conversation + "/actions";

		JsonNode shown = admin.withHeader("Accept-Language", "fr").get(path).body();
		List<String> keys = keys(shown.get("items"));
		assertThat(keys).containsSubsequence(callback, gesture);
		JsonNode first = item(shown.get("items"), callback);
		assertThat(first.get("title").asString()).isEqualTo("Proposer un rappel");
		assertThat(first.get("reasons").get(0).asString()).contains("Dans le segment");

		var decided = admin.post(path + "/" + first.get("actionId").asLong() + "/decision", Map.of("accepted", true));
		assertThat(decided.status()).isEqualTo(200);
		JsonNode after = admin.get(path).body();
		assertThat(keys(after.get("items"))).as("past its cap of one in 30 days").doesNotContain(callback);
		assertThat(keys(after.get("withheld"))).contains(callback);
		assertThat(admin.post(path + "/" + first.get("actionId").asLong() + "/decision", Map.of("accepted", true))
			.status()).isEqualTo(409);

		long gestureId = item(after.get("items"), gesture).get("actionId").asLong();
		assertThat(admin.post(path + "/" + gestureId + "/decision", Map.of("accepted", false)).status()).isEqualTo(200);
		String offer = unique("offre").replaceAll("[^a-z0-9]", "");
		assertThat(admin
			.post("/api/v1/actions",
					Map.of("key", offer, "titleFr", "Offre fibre", "titleEn", "Fibre offer", "kind", "offer",
							"segmentIds", List.of(segment), "promotional", true, "purpose", "offers", "value", 50))
			.status()).isEqualTo(201);
		assertThat(keys(admin.get(path).body().get("withheld"))).as("no consent to offers yet").contains(offer);
		consents.decide(customer, "offers", null, true, "test", "fr", null);
		assertThat(keys(admin.get(path).body().get("items"))).as("promotional, with consent: first").startsWith(offer);

		JsonNode report = admin.get("/api/v1/actions/report").body().get("items");
		for (JsonNode t : report) {
			if (t.get("action").get("key").asString().equals(callback)) {
				assertThat(t.get("accepted").asLong()).isEqualTo(1);
				assertThat(t.get("acceptanceRate").asDouble()).isEqualTo(1.0);
			}
			if (t.get("action").get("key").asString().equals(gesture)) {
				assertThat(t.get("decided").asLong()).isEqualTo(1);
				assertThat(t.get("accepted").asLong()).isZero();
			}
		}
	}

	private static List<String> keys(JsonNode items) {
		List<String> keys = new ArrayList<>();
		items.forEach(i -> keys.add(i.get("key").asString()));
		return keys;
	}

	private static JsonNode item(JsonNode items, String key) {
		for (JsonNode i : items) {
			if (i.get("key").asString().equals(key)) {
				return i;
			}
		}
		throw new AssertionError("no " + key + " in " + items);
	}

	@Test
	void aConditionThatDoesNotReadSaysWhereInTheReadersLanguage() {
		var r = admin.withHeader("Accept-Language", "fr")
			.post("/api/v1/segments", Map.of("name", unique("S"), "condition", "messages(within = \"30d\" >= 3"));
		assertThat(r.status()).isEqualTo(422);
		assertThat(r.body().get("detail").asString()).contains("caractère 25");
		var unknown = admin.post("/api/v1/segments", Map.of("name", unique("S"), "condition", "achats > 3"));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.body().get("detail").asString()).contains("achats");
		String name = unique("S");
		assertThat(admin.post("/api/v1/segments", Map.of("name", name, "condition", "tag = \"a\"")).status())
			.isEqualTo(201);
		assertThat(admin.post("/api/v1/segments", Map.of("name", name, "condition", "tag = \"a\"")).status())
			.isEqualTo(409);
		assertThat(admin.get("/api/v1/segments/999999/members").status()).isEqualTo(404);
	}

}
