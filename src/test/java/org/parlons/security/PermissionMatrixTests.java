package org.parlons.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parlons.testing.TestApi;
import org.parlons.testing.WebSession;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The "no" cells of the permission matrix (docs/permissions.md), through the real HTTP
 * port, with the API and with the UI's forms. Each refused request is refused before it
 * is read: the bodies here are empty or wrong on purpose, and the answer is still 403,
 * never 400 or 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PermissionMatrixTests {

	private static final String PASSWORD = "matrix-password-1";

	@LocalServerPort
	int port;

	TestApi admin;

	long inbox;

	long conversation;

	long customer;

	@BeforeEach
	void aConversationToAimAt() {
		admin = TestApi.asAdmin(port);
		inbox = admin.createApiInbox(unique("Matrix"), Map.of());
		var in = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				TestApi.inbound(unique("m"), unique("c"), "Bonjour"));
		conversation = in.id("conversationId");
		customer = in.id("customerId");
	}

	/** A request and the body it carries (null: none; a String: CSV). */
	record Call(String method, String path, Object body) {

		@Override
		public String toString() {
			return method + " " + path;
		}

	}

	private List<Call> analystMayNot() {
		String c = "/api/v1/conversations/" + conversation;
		String cu = "/api/v1/customers/" + customer;
		return List.of(new Call("POST", c + "/notes", Map.of()), new Call("POST", c + "/status", Map.of()),
				new Call("POST", c + "/assignee", Map.of()), new Call("POST", c + "/team", Map.of()),
				new Call("POST", c + "/priority", Map.of()), new Call("POST", c + "/labels", Map.of()),
				new Call("POST", c + "/actions/1/decision", Map.of("accepted", true)),
				new Call("DELETE", c + "/labels/vip", null), new Call("POST", c + "/replies", Map.of()),
				new Call("POST", "/api/v1/inboxes/" + inbox + "/inbound", Map.of()),
				new Call("POST", "/api/v1/inboxes/" + inbox + "/inbound/batch", Map.of()),
				new Call("PATCH", cu, Map.of()), new Call("POST", cu + "/identities", Map.of()),
				new Call("POST", cu + "/tags", Map.of()), new Call("POST", cu + "/notes", Map.of()),
				new Call("POST", cu + "/merge", Map.of()), new Call("POST", "/api/v1/customers/merges/1/undo", null),
				new Call("POST", "/api/v1/customers/import", "name\n"),
				new Call("GET", "/api/v1/customers/export", null),
				new Call("POST", "/api/v1/messages/1/moderation", Map.of()),
				new Call("POST", cu + "/portal-invitations", null), new Call("PUT", cu + "/contracts/C-1", Map.of()),
				new Call("POST", cu + "/consumption", Map.of()), new Call("POST", "/api/v1/answers", Map.of()),
				new Call("PUT", "/api/v1/answers/1", Map.of()),
				new Call("POST", "/api/v1/answers/1/publication", Map.of()),
				new Call("DELETE", "/api/v1/answers/1", null), new Call("POST", c + "/answer", Map.of()),
				new Call("POST", "/api/v1/contracts/import", "email,externalId\n"),
				new Call("POST", "/api/v1/consumption/import", "email,contract\n"),
				new Call("POST", "/api/v1/organisations", Map.of()),
				new Call("PATCH", "/api/v1/organisations/1", Map.of()),
				new Call("PUT", "/api/v1/organisations/1/members/" + customer, Map.of()),
				new Call("DELETE", "/api/v1/organisations/1/members/" + customer, null),
				new Call("POST", "/api/v1/network/imports/linkedin", "First Name,Last Name\n"),
				new Call("GET", "/api/v1/network/paths?to=" + customer, null),
				new Call("GET", "/api/v1/network/signals", null),
				new Call("POST", "/api/v1/network/meetings", Map.of()),
				new Call("PUT", "/api/v1/network/connectors/me", Map.of("optedOut", true)),
				new Call("POST", "/api/v1/network/introductions", Map.of()),
				new Call("POST", "/api/v1/network/leads", Map.of()), new Call("GET", "/api/v1/network/notices", null));
	}

	private List<Call> agentMayNot() {
		String cu = "/api/v1/customers/" + customer;
		return List.of(new Call("POST", cu + "/merge", Map.of()),
				new Call("POST", "/api/v1/customers/merges/1/undo", null),
				new Call("POST", "/api/v1/customers/import", "name\n"),
				new Call("GET", "/api/v1/customers/export", null),
				new Call("POST", "/api/v1/approvals/1/approve", Map.of()),
				new Call("POST", "/api/v1/approvals/1/reject", Map.of()),
				new Call("POST", "/api/v1/editions/1/approval", Map.of("approved", true)),
				new Call("POST", "/api/v1/canned-responses", Map.of()), new Call("GET", "/api/v1/agents", null),
				new Call("POST", "/api/v1/contracts/import", "email,externalId\n"),
				new Call("POST", "/api/v1/consumption/import", "email,contract\n"));
	}

	/** What only admins do: nobody else, supervisors included. */
	private List<Call> onlyAdmins() {
		return List.of(new Call("POST", "/api/v1/inboxes", Map.of()),
				new Call("PATCH", "/api/v1/inboxes/" + inbox, Map.of()),
				new Call("POST", "/api/v1/inboxes/" + inbox + "/secrets/webhookSecret", null),
				new Call("POST", "/api/v1/agents", Map.of()), new Call("PATCH", "/api/v1/agents/1", Map.of()),
				new Call("POST", "/api/v1/agents/1/password", Map.of()), new Call("POST", "/api/v1/teams", Map.of()),
				new Call("POST", "/api/v1/escalation-rules", Map.of()),
				new Call("POST", "/api/v1/conduct-rules", Map.of()),
				new Call("PUT", "/api/v1/mandate-topics/legal", Map.of()), new Call("GET", "/api/v1/audit", null),
				new Call("GET", "/api/v1/audit/export", null), new Call("POST", "/api/v1/listening/feeds", Map.of()),
				new Call("GET", "/api/v1/listening/feeds", null),
				new Call("POST", "/api/v1/listening/topics", Map.of()),
				new Call("POST", "/api/v1/listening/searches", Map.of()),
				new Call("POST", "/api/v1/listening/mentions", Map.of()),
				new Call("POST", "/api/v1/reports/rebuild", null),
				new Call("DELETE", "/api/v1/agents/1/sign-in-failures", null),
				new Call("GET", "/actuator/prometheus", null), new Call("POST", "/api/v1/programmes", Map.of()),
				new Call("GET", "/api/v1/programmes", null), new Call("POST", "/api/v1/programmes/1/members", Map.of()),
				new Call("POST", "/api/v1/programmes/1/members/1/status", Map.of()),
				new Call("PUT", "/api/v1/programmes/1/members/1/delegation", Map.of()),
				new Call("POST", "/api/v1/programmes/1/missions/1/evidence", Map.of()),
				new Call("POST", "/api/v1/programmes/1/redemptions/1/approve", null),
				new Call("GET", "/api/v1/programmes/1/flags", null),
				new Call("GET", "/api/v1/programmes/1/candidates", null),
				new Call("POST", "/api/v1/communities", Map.of()),
				new Call("PUT", "/api/v1/communities/1/members/" + customer, Map.of()),
				new Call("POST", "/api/v1/elections", Map.of()),
				new Call("POST", "/api/v1/elections/1/candidates", Map.of()),
				new Call("POST", "/api/v1/elections/1/close", null),
				new Call("POST", "/api/v1/elections/1/certification", null),
				new Call("POST", "/api/v1/segments", Map.of()), new Call("GET", "/api/v1/segments", null),
				new Call("GET", "/api/v1/segments/1/members", null), new Call("DELETE", "/api/v1/segments/1", null),
				new Call("POST", "/api/v1/scores", Map.of()), new Call("POST", "/api/v1/actions", Map.of()),
				new Call("GET", "/api/v1/actions/report", null),
				new Call("POST", "/api/v1/curation/sources", Map.of("kind", "feed", "url", "https://x.example/f")),
				new Call("GET", "/api/v1/curation/sources", null), new Call("GET", "/api/v1/curation/items", null),
				new Call("PATCH", "/api/v1/curation/items/1", Map.of("status", "kept")),
				new Call("GET", "/api/v1/curation/suggestions", null), new Call("POST", "/api/v1/editions", Map.of()),
				new Call("GET", "/api/v1/editions", null), new Call("POST", "/api/v1/editions/1/publish", null),
				new Call("POST", "/api/v1/editions/1/retraction", Map.of()));
	}

	@Test
	void theAnalystReadsAndWritesNothing() {
		TestApi analyst = as("analyst");
		List<Call> all = new ArrayList<>(analystMayNot());
		all.addAll(agentMayNot());
		all.addAll(onlyAdmins());
		assertRefused(analyst, all);
		assertThat(analyst.get("/api/v1/conversations/" + conversation).status()).isEqualTo(200);
		assertThat(analyst.get("/api/v1/listening/summary").status()).isEqualTo(200);
		assertThat(analyst.get("/api/v1/reports").status()).isEqualTo(200);
	}

	@Test
	void anAgentAnswersButNeitherMergesNorImportsNorDecides() {
		TestApi agent = as("agent");
		List<Call> all = new ArrayList<>(agentMayNot());
		all.addAll(onlyAdmins());
		all.add(new Call("GET", "/api/v1/reports", null));
		assertRefused(agent, all);
		assertThat(call(agent, new Call("POST", "/api/v1/conversations/" + conversation + "/notes",
				Map.of("text", "Vu avec le client"))))
			.isIn(200, 201);
	}

	@Test
	void aSupervisorRunsTheServiceButNotTheInstallation() {
		TestApi supervisor = as("supervisor");
		assertRefused(supervisor, onlyAdmins());
		assertThat(call(supervisor, new Call("GET", "/api/v1/customers/export", null))).isEqualTo(200);
		assertThat(supervisor.get("/api/v1/agents").status()).isEqualTo(200);
	}

	@Test
	void metricsAreReadWithATokenThatMayReadThem() {
		String token = admin.post("/api/v1/tokens", Map.of("name", "scraper")).body().get("token").asString();
		TestApi scraper = TestApi.bearer(port, token).withHeader("Accept", "*/*");
		assertThat(scraper.get("/actuator/prometheus").status()).isEqualTo(200);
		assertThat(TestApi.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
	}

	@Test
	void anAdminGrantsAnAgentTheMergeAndTakesItBack() {
		String email = unique("granted") + "@test.local";
		long id = admin.createAgent(email, "agent", PASSWORD);
		TestApi agent = TestApi.basic(port, email, PASSWORD);
		Call export = new Call("GET", "/api/v1/customers/export", null);
		assertThat(call(agent, export)).isEqualTo(403);

		var granted = admin.patch("/api/v1/agents/" + id, Map.of("grants", List.of("export_customers")));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.body().get("grants").get(0).asString()).isEqualTo("export_customers");
		assertThat(call(agent, export)).isEqualTo(200);
		assertThat(admin.patch("/api/v1/agents/" + id, Map.of("grants", List.of("manage_inboxes"))).status())
			.as("only merge, import and export can be granted")
			.isIn(400, 422);

		assertThat(admin.patch("/api/v1/agents/" + id, Map.of("grants", List.of())).status()).isEqualTo(200);
		assertThat(call(agent, export)).isEqualTo(403);
	}

	@Test
	void theUisFormsRefuseTheSameAsTheApi() {
		String email = unique("analyst") + "@test.local";
		long id = admin.createAgent(email, "analyst", PASSWORD);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Team"), "inboxIds", List.of(inbox), "memberIds", List.of(id)));
		WebSession analyst = WebSession.signIn(port, email, PASSWORD);
		String c = "/inbox/conversations/" + conversation;
		for (String path : List.of(c + "/note", c + "/status", c + "/assignee", c + "/team", c + "/priority",
				c + "/labels", c + "/reply", "/customers/" + customer + "/notes", "/customers/" + customer + "/tags",
				"/customers/" + customer + "/merge", "/approvals/1/reject", "/admin/agents", "/admin/inboxes",
				"/admin/rules", "/answers", "/answers/1/publication", "/answers/1/delete",
				"/answers/from/" + conversation, "/customers/" + customer + "/organisation",
				"/customers/" + customer + "/organisation/1/sharing", "/customers/" + customer + "/portal-invitation",
				"/curation/sources", "/curation/items/1", "/curation/editions", "/curation/editions/1/publish",
				"/curation/editions/1/approval", "/network/lending", "/network/tasks/1/done",
				"/network/people/" + customer + "/meetings", "/network/leads")) {
			assertThat(analyst.post(path, Map.of()).statusCode()).as(path).isEqualTo(403);
		}
		assertThat(analyst.get("/admin").statusCode()).isEqualTo(403);
		assertThat(analyst.get("/curation").statusCode()).isEqualTo(403);
		assertThat(analyst.get("/network").statusCode()).isEqualTo(403);
		assertThat(analyst.get("/customers/export.csv").statusCode()).isEqualTo(403);
		assertThat(analyst.get("/inbox").statusCode()).isEqualTo(200);
		assertThat(analyst.get("/answers").statusCode()).isEqualTo(200);
	}

	/**
	 * An agent of this role in a team that owns the inbox, so what is refused is the
	 * action.
	 */
	private TestApi as(String role) {
		String email = unique(role) + "@test.local";
		long id = admin.createAgent(email, role, PASSWORD);
		admin.post("/api/v1/teams",
				Map.of("name", unique("Team"), "inboxIds", List.of(inbox), "memberIds", List.of(id)));
		return TestApi.basic(port, email, PASSWORD);
	}

	private void assertRefused(TestApi api, List<Call> calls) {
		List<String> wrong = new ArrayList<>();
		for (Call call : calls) {
			int status = call(api, call);
			if (status != 403) {
				wrong.add(call + " answered " + status);
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static int call(TestApi api, Call call) {
		TestApi any = api.withHeader("Accept", "*/*");
		return switch (call.method()) {
			case "GET" -> any.get(call.path()).status();
			case "DELETE" -> any.delete(call.path()).status();
			case "PATCH" -> any.patch(call.path(), call.body()).status();
			case "PUT" -> any.put(call.path(), call.body()).status();
			default -> call.body() instanceof String csv ? any.postText(call.path(), csv).status()
					: any.post(call.path(), call.body() == null ? Map.of() : call.body()).status();
		};
	}

}
