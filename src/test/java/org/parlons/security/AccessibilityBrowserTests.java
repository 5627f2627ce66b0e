package org.parlons.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.parlons.testing.Browser;
import org.parlons.testing.NpmTarballs;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parlons.testing.TestApi.unique;

/**
 * The main pages pass axe-core's WCAG 2.1 A and AA rules (issue 20) with no serious or
 * critical violation, in the light and the dark theme. axe-core comes from npm, pinned;
 * without the registry the test fails rather than skips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessibilityBrowserTests {

	private static final String AXE_VERSION = "4.10.3";

	@LocalServerPort
	int port;

	@Test
	void theMainPagesHaveNoSeriousAccessibilityViolation() {
		String axe = new String(
				NpmTarballs.files(NpmTarballs.fetch("axe-core", AXE_VERSION), "package/axe.min.js"::equals)
					.get("package/axe.min.js"),
				StandardCharsets.UTF_8);
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox(unique("Accessible"), Map.of());
		long conversation = admin.post("/api/v1/inboxes/" + inbox + "/inbound",
				Map.of("externalId", unique("m"), "author", Map.of("externalId", unique("c"), "name", "Camille Durand"),
						"text", "Bonjour, ma box clignote en rouge depuis ce matin."))
			.id("conversationId");
		long customer = admin.get("/api/v1/conversations/" + conversation).body().get("customerId").asLong();
		// a reply beyond its author's mandate, so the approvals page shows a card to
		// decide
		String julie = unique("julie") + "@teleo.test";
		long julieId = admin
			.post("/api/v1/agents", Map.of("email", julie, "name", "Julie Martin", "password", "password-of-julie",
					"role", "agent", "mandate", Map.of("maxGesture", Map.of("amount", 10, "currency", "EUR"))))
			.id("id");
		admin.post("/api/v1/teams",
				Map.of("name", unique("Service"), "inboxIds", List.of(inbox), "memberIds", List.of(julieId)));
		assertThat(TestApi.basic(port, julie, "password-of-julie")
			.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Nous vous remboursons 80 € sur votre prochaine facture."))
			.status()).isEqualTo(202);

		long programme = admin.post("/api/v1/programmes", Map.of("name", unique("Club"), "kind", "ambassador"))
			.id("id");
		admin.post("/api/v1/programmes/" + programme + "/members", Map.of("customerId", customer));
		admin.post("/api/v1/programmes/" + programme + "/missions",
				Map.of("title", "Partager la fibre", "kind", "share", "points", 50, "evidenceMatch", "#TeleoFibre"));
		long community = admin.post("/api/v1/communities", Map.of("name", unique("Mutuelle"))).id("id");
		admin.put("/api/v1/communities/" + community + "/members/" + customer, Map.of("kind", "shareholder"));
		long election = admin.post("/api/v1/elections",
				Map.of("title", unique("Conseil"), "seats", 1, "method", "schulze", "electorate",
						Map.of("communityId", community), "votingOpensAt", java.time.Instant.now().toString(),
						"votingClosesAt", java.time.Instant.now().plusSeconds(3600).toString()))
			.id("id");
		admin.post("/api/v1/elections/" + election + "/candidates", Map.of("customerId", customer));
		admin.post("/api/v1/elections/" + election + "/close", Map.of());
		long segment = admin
			.post("/api/v1/segments", Map.of("name", unique("Fidèles"), "condition", "messages(within = \"30d\") >= 1"))
			.id("id");
		admin.post("/api/v1/actions",
				Map.of("key", unique("rappel").replaceAll("[^a-z0-9]", ""), "titleFr", "Proposer un rappel", "titleEn",
						"Offer a callback", "kind", "callback", "segmentIds", List.of(segment)));
		List<String> pages = new ArrayList<>(
				List.of("/segments", "/segments/" + segment, "/representation", "/representation/elections/" + election,
						"/programmes", "/programmes/" + programme, "/inbox", "/inbox/conversations/" + conversation,
						"/customers", "/customers/" + customer, "/listening", "/listening/mentions",
						"/listening/sources", "/reports", "/approvals", "/inbox/prepared", "/admin", "/admin/inboxes",
						"/admin/rules", "/admin/audit", "/answers", "/privacy", "/account/tokens", "/no/such/page"));
		try (org.parlons.testing.MastodonDouble network = new org.parlons.testing.MastodonDouble()) {
			pages.addAll(org.parlons.testing.Curated.pages(admin, network, "Partager la fibre"));
		}
		pages.addAll(org.parlons.testing.Networked.pages(port, admin));
		List<String> violations = new ArrayList<>();
		ChromeDriver chrome = Browser.start(1280, 800);
		try {
			chrome.get("http://localhost:" + port + "/login?lang=fr");
			violations.addAll(check(chrome, axe, "/login (fr)"));
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			for (String theme : List.of("light", "dark")) {
				chrome.executeScript("localStorage.setItem('parlons.theme', arguments[0]);", theme);
				for (String page : pages) {
					chrome.get("http://localhost:" + port + page + (page.contains("?") ? "&" : "?") + "lang=fr");
					violations.addAll(check(chrome, axe, page + " (" + theme + ")"));
				}
			}
		}
		finally {
			chrome.quit();
		}
		assertThat(violations).as("serious or critical WCAG 2.1 AA violations").isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static List<String> check(ChromeDriver chrome, String axe, String page) {
		if (!Boolean.TRUE.equals(chrome.executeScript("return typeof window.axe === 'object';"))) {
			chrome.executeScript(axe);
		}
		// charts draw after the page: let them
		chrome.executeAsyncScript("setTimeout(arguments[arguments.length - 1], 300);");
		List<Map<String, Object>> found = (List<Map<String, Object>>) chrome.executeAsyncScript(
				"""
						var done = arguments[arguments.length - 1];
						axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
						  .then(function (r) {
						    done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
						      .map(function (v) {
						        return { id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) {
						          return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160); }) };
						      }));
						  })
						  .catch(function (e) { done([{ id: 'axe-error', help: String(e), nodes: [] }]); });
						""");
		List<String> lines = new ArrayList<>();
		for (Map<String, Object> v : found) {
			lines.add(page + ": " + v.get("id") + " — " + v.get("help") + " " + v.get("nodes"));
		}
		return lines;
	}

}
