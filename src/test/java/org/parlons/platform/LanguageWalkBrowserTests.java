package org.parlons.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.parlons.testing.Browser;
import org.parlons.testing.FreshDatabase;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word the server writes is in the reader's language (issue 20, point 2): after
 * assigning, labelling, prioritising, snoozing, holding a reply and approving one, the
 * main pages read in French hold no English word, and read in English no French one.
 * <p>
 * What counts as a word of the other language comes from the product's own bundles and
 * Lucene's stop words: a word of the English bundle or an English stop word that is
 * neither in the French bundle nor a French stop word is English. What people typed
 * (names, messages) is taken out first, and so are identifiers: what the page shows as
 * code or marks verbatim (the audit log's records), addresses, codes. The test has a
 * database of its own, so that other tests' data is not on its pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LanguageWalkBrowserTests {

	/** Words both languages write the same: names of things, of networks, of formats. */
	private static final Set<String> SHARED = Set.of("parlons", "email", "mail", "api", "sla", "csv", "json", "imap",
			"smtp", "webhook", "webhooks", "token", "tokens", "bluesky", "mastodon", "telegram", "whatsapp",
			"instagram", "facebook", "messenger", "twilio", "sms", "linkedin", "https", "http", "url", "eur", "utc",
			"openapi", "swagger", "chat", "widget", "tls", "id", "ids", "pdf", "html", "bearer", "basic", "tiktok",
			"youtube", "europe", "paris", "english", "français", "admin", "agent", "agents", "message", "messages",
			"conversation", "conversations", "note", "notes", "actions", "action", "mentions", "mention", "sources",
			"source", "stop", "rotation", "contact", "contacts", "type", "total", "signal", "signaux", "minutes",
			"minute", "secret", "secrets", "filtres", "automatique", "date");

	/**
	 * Not words: addresses and time zones (a slash), codes and references (a dot or a
	 * colon inside: inbox.deleted, conversation:2), template variables.
	 */
	private static final Pattern IDENTIFIERS = Pattern
		.compile("\\S*/\\S*|\\b[\\p{L}\\d_-]+(?:[.:][\\p{L}\\d_*-]+)+\\b|\\{\\{[^}]*\\}\\}");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		String url = FreshDatabase.url("parlons_language_walk");
		registry.add("spring.datasource.url", () -> url);
	}

	@Test
	void theMainPagesSpeakOnlyTheReadersLanguage() {
		TestApi admin = TestApi.asAdmin(port);
		long inbox = admin.createApiInbox("Boutique Lyon", Map.of());
		long ines = person(admin, "ines@teleo.test", "Inès Moreau", "agent", 20);
		long marc = person(admin, "marc@teleo.test", "Marc Girard", "supervisor", 500);
		admin.post("/api/v1/teams",
				Map.of("name", "Équipe Lyon", "inboxIds", List.of(inbox), "memberIds", List.of(ines, marc)));
		long first = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", "m-1", "author",
					Map.of("externalId", "c-1", "name", "Léa Petit"), "text", "Ma facture est fausse."))
			.id("conversationId");
		long second = admin
			.post("/api/v1/inboxes/" + inbox + "/inbound", Map.of("externalId", "m-2", "author",
					Map.of("externalId", "c-2", "name", "Hugo Lefebvre"), "text", "Dix jours sans internet."))
			.id("conversationId");
		long customer = admin.get("/api/v1/conversations/" + first).body().get("customerId").asLong();

		String base = "/api/v1/conversations/" + first;
		assertThat(admin.post(base + "/assignee", Map.of("agentId", ines)).status()).isLessThan(300);
		assertThat(admin.post(base + "/labels", Map.of("label", "facture")).status()).isLessThan(300);
		assertThat(admin.post(base + "/priority", Map.of("priority", "high")).status()).isLessThan(300);
		assertThat(admin
			.post(base + "/status",
					Map.of("status", "snoozed", "snoozeUntil",
							OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()))
			.status()).isLessThan(300);
		assertThat(admin.post(base + "/status", Map.of("status", "open")).status()).isLessThan(300);
		TestApi asInes = TestApi.basic(port, "ines@teleo.test", "password-of-ines");
		assertThat(asInes.post(base + "/replies", Map.of("text", "Nous vous remboursons 80 € sur votre facture."))
			.status()).as("held: beyond her mandate").isEqualTo(202);
		assertThat(asInes
			.post("/api/v1/conversations/" + second + "/replies",
					Map.of("text", "Nous vous offrons 60 € de dédommagement."))
			.status()).isEqualTo(202);
		TestApi asMarc = TestApi.basic(port, "marc@teleo.test", "password-of-marc");
		long held = asMarc.get("/api/v1/approvals")
			.body()
			.findValues("id")
			.stream()
			.mapToLong(id -> id.asLong())
			.min()
			.orElseThrow();
		assertThat(asMarc.post("/api/v1/approvals/" + held + "/approve", Map.of()).status()).isLessThan(300);

		String club = TestApi.unique("Club Teleo");
		long mailbox = admin.post("/api/v1/inboxes", Map.of("name", "Relations", "channel", "email", "address",
				"relations@teleo.test", "imap",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false), "smtp",
				Map.of("host", "127.0.0.1", "port", 9, "username", "relations", "password", "pw", "tls", false)))
			.id("id");
		long started = admin
			.post("/api/v1/conversations", Map.of("inboxId", mailbox, "customerId", customer, "to",
					"lea.petit@example.org", "subject", "Votre facture", "text", "Nous corrigeons votre facture."))
			.id("id");

		long programme = admin.post("/api/v1/programmes", Map.of("name", club, "kind", "ambassador")).id("id");
		long member = admin
			.post("/api/v1/programmes/" + programme + "/members",
					Map.of("customerId", customer, "contract",
							Map.of("kind", "paid", "amount", 200, "currency", "EUR")))
			.id("id");
		admin.post("/api/v1/programmes/" + programme + "/members/" + member + "/status", Map.of("status", "vetted"));
		admin.post("/api/v1/programmes/" + programme + "/missions",
				Map.of("title", "Partager la fibre", "kind", "share", "points", 50, "evidenceMatch", "#TeleoFibre"));
		admin.post("/api/v1/programmes/" + programme + "/rewards", Map.of("title", "Un mois offert", "cost", 80));

		long community = admin.post("/api/v1/communities", Map.of("name", club)).id("id");
		admin.put("/api/v1/communities/" + community + "/members/" + customer, Map.of("kind", "shareholder"));
		long election = admin.post("/api/v1/elections",
				Map.of("title", club, "seats", 1, "method", "schulze", "electorate", Map.of("communityId", community),
						"votingOpensAt", java.time.Instant.now().toString(), "votingClosesAt",
						java.time.Instant.now().plusSeconds(3600).toString()))
			.id("id");
		admin.post("/api/v1/elections/" + election + "/candidates", Map.of("customerId", customer));
		admin.post("/api/v1/elections/" + election + "/close", Map.of());

		long segment = admin
			.post("/api/v1/segments", Map.of("name", club, "condition", "messages(within = \"30d\") >= 1"))
			.id("id");
		admin.post("/api/v1/actions", Map.of("key", "rappel", "titleFr", "Proposer un rappel", "titleEn",
				"Offer a callback", "kind", "callback", "segmentIds", List.of(segment)));

		List<String> pages = new ArrayList<>(List.of("/segments", "/segments/" + segment + "?explain=" + customer,
				"/representation", "/representation/elections/" + election, "/programmes", "/programmes/" + programme,
				"/inbox", "/inbox/conversations/" + first, "/inbox/conversations/" + second,
				"/inbox/conversations/" + started, "/inbox/new?customerId=" + customer, "/customers",
				"/customers/" + customer, "/listening", "/listening/mentions", "/listening/sources", "/reports",
				"/approvals", "/inbox/prepared", "/admin", "/admin/inboxes", "/admin/rules", "/admin/audit",
				"/account/tokens", "/no/such/page"));
		try (org.parlons.testing.MastodonDouble network = new org.parlons.testing.MastodonDouble()) {
			pages.addAll(org.parlons.testing.Curated.pages(admin, network, "Partager la fibre"));
		}
		pages.addAll(org.parlons.testing.Networked.pages(port, admin));
		Set<String> typed = Set.of("Boutique Lyon", "Inès Moreau", "Marc Girard", "Équipe Lyon", "Léa Petit",
				"Hugo Lefebvre", "Ma facture est fausse.", "Dix jours sans internet.",
				"Nous vous remboursons 80 € sur votre facture.", "Nous vous offrons 60 € de dédommagement.",
				"ines@teleo.test", "marc@teleo.test", TestApi.ADMIN_EMAIL, "facture", "Relations", "Votre facture",
				"Nous corrigeons votre facture.", "lea.petit@example.org", club, "Partager la fibre", "#TeleoFibre",
				"Un mois offert", "Proposer un rappel", "Offer a callback",
				admin.get("/api/v1/me").body().get("name").asString());
		typed = new java.util.HashSet<>(typed);
		typed.addAll(org.parlons.testing.Networked.TYPED);
		Words english = Words.of("i18n/messages.properties", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
		Words french = Words.of("i18n/messages_fr.properties", FrenchAnalyzer.getDefaultStopSet());

		ChromeDriver chrome = Browser.start(1440, 900);
		try {
			Browser.signIn(chrome, port, TestApi.ADMIN_EMAIL, TestApi.ADMIN_PASSWORD);
			Map<String, Set<String>> inFrench = walk(chrome, pages, "fr", typed, english.without(french));
			Map<String, Set<String>> inEnglish = walk(chrome, pages, "en", typed, french.without(english));
			assertThat(inFrench).as("English words on the French pages").isEmpty();
			assertThat(inEnglish).as("French words on the English pages").isEmpty();
		}
		finally {
			chrome.quit();
		}
	}

	private Map<String, Set<String>> walk(ChromeDriver chrome, List<String> pages, String language, Set<String> typed,
			Set<String> foreign) {
		Map<String, Set<String>> found = new TreeMap<>();
		for (String page : pages) {
			chrome.get("http://localhost:" + port + page + (page.contains("?") ? "&" : "?") + "lang=" + language);
			Browser.waiting(chrome, 15).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
			String text = (String) chrome.executeScript("""
					var page = document.body.innerText;
					// identifiers and records are shown as they are: code, and what is marked verbatim
					var kept = [];
					document.querySelectorAll('code, kbd, [data-verbatim]').forEach(function (e) {
					  if (e.innerText.trim()) { kept.push(e.innerText.trim()); }
					});
					kept.sort(function (a, b) { return b.length - a.length; }).forEach(function (k) {
					  page = page.split(k).join(' ');
					});
					var parts = [document.title, page];
					document.querySelectorAll('[placeholder],[aria-label],[title],[alt]').forEach(function (e) {
					  ['placeholder', 'aria-label', 'title', 'alt'].forEach(function (a) {
					    if (e.hasAttribute(a)) { parts.push(e.getAttribute(a)); }
					  });
					});
					var text = parts.join('\\n');
					kept.forEach(function (k) { text = text.split(k).join(' '); });
					return text;""");
			// the longest first: a sentence before the word it holds
			for (String mine : typed.stream()
				.sorted(java.util.Comparator.comparing(String::length).reversed())
				.toList()) {
				text = text.replace(mine, " ");
			}
			text = IDENTIFIERS.matcher(text).replaceAll(" ");
			// each word with the line it stands in, so that a failure says where to look
			Set<String> words = new TreeSet<>();
			for (String line : text.split("\n")) {
				for (String word : Words.split(line)) {
					if (foreign.contains(word)) {
						String where = line.strip();
						words
							.add(word + " in \"" + (where.length() > 90 ? where.substring(0, 90) + "…" : where) + "\"");
					}
				}
			}
			if (!words.isEmpty()) {
				found.put(page + " (" + language + ")", words);
			}
		}
		return found;
	}

	private static long person(TestApi admin, String email, String name, String role, int maxGesture) {
		String password = "password-of-" + email.substring(0, email.indexOf('@'));
		return admin.post("/api/v1/agents", Map.of("email", email, "name", name, "password", password, "role", role,
				"mandate", Map.of("maxGesture", Map.of("amount", maxGesture, "currency", "EUR"))))
			.id("id");
	}

	/** The words of one language: its bundle's and its stop words, lower-cased. */
	record Words(Set<String> all) {

		private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}’']*\\p{L}|\\p{L}");

		private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*\\}|<[^>]*>|&[a-z]+;");

		static Words of(String bundle, CharArraySet stopWords) {
			Properties properties = new Properties();
			try (InputStream in = LanguageWalkBrowserTests.class.getClassLoader().getResourceAsStream(bundle)) {
				properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Set<String> words = new HashSet<>();
			properties.values()
				.forEach(value -> words.addAll(split(PLACEHOLDER.matcher(value.toString()).replaceAll(" "))));
			for (Object stop : stopWords) {
				words.add(new String((char[]) stop));
			}
			return new Words(words);
		}

		static List<String> split(String text) {
			List<String> words = new java.util.ArrayList<>();
			Matcher m = WORD.matcher(text);
			while (m.find()) {
				String word = m.group().toLowerCase(Locale.ROOT).replace('’', '\'');
				int apostrophe = word.indexOf('\'');
				// l'inbox, d'accord: the word is after the elision
				words.add(apostrophe > 0 && apostrophe <= 2 ? word.substring(apostrophe + 1) : word);
			}
			return words;
		}

		/** This language's words that the other does not write, and no shared name. */
		Set<String> without(Words other) {
			Set<String> own = new HashSet<>(all);
			own.removeAll(other.all);
			own.removeAll(SHARED);
			own.removeIf(w -> w.length() < 2);
			return own;
		}

	}

}
