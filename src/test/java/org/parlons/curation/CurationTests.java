package org.parlons.curation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.privacy.Consents;
import org.parlons.testing.MastodonDouble;
import org.parlons.testing.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Curation and publishing through the real port, against a Mastodon double that keeps
 * Mastodon's idempotency keys, feeds served over HTTP and a real SMTP server (GreenMail):
 * one item per article across an RSS, an Atom and a JSON feed whatever the tracking
 * parameters; an edition scheduled seconds ahead posted once and listed in an Atom feed
 * that keeps RFC 4287's rules; an edition beyond its curator's mandate held, then
 * published after approval; a digest mailed only to customers who consented.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CurationTests {

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

	@Autowired
	Consents consents;

	TestApi admin;

	MastodonDouble network;

	@BeforeEach
	void setUp() {
		admin = TestApi.asAdmin(port);
		network = new MastodonDouble();
	}

	@AfterEach
	void tearDown() {
		network.close();
	}

	static final String TEXT = "Les abonnés de Nantes recevront la fibre optique avant la fin du mois, "
			+ "annonce l’opérateur, qui promet aussi un débit doublé pour les anciens clients.";

	String rss(String slug) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>Ouest Actu</title><link>https://news.example/</link>
				<description>Actu</description>
				<item><title>La fibre arrive à Nantes</title>
				<link>https://news.example/%s?utm_source=rss&amp;utm_medium=feed</link>
				<guid>rss-%s</guid><description>%s</description>
				<pubDate>%s</pubDate></item>
				<item><title>Un autre sujet %s</title><link>https://news.example/autre-%s</link>
				<description>Rien à voir.</description></item>
				</channel></rss>
				""".formatted(slug, slug, TEXT,
				java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now().minusHours(2)), slug,
				slug);
	}

	String atom(String slug) {
		return """
				<?xml version="1.0" encoding="utf-8"?>
				<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech du Grand Ouest</title>
				<id>urn:uuid:%s</id><updated>%s</updated><author><name>TGO</name></author>
				<entry><title>La fibre arrive à Nantes</title><id>urn:atom:%s</id>
				<link href="http://www.news.example/%s/?fbclid=IwAR0abc&amp;utm_campaign=x#haut"/>
				<updated>%s</updated><summary>%s</summary></entry>
				<entry><title>La fibre arrive à Nantes</title><id>urn:mirror:%s</id>
				<link href="https://miroir.example/copie/%s"/>
				<updated>%s</updated><summary>%s</summary></entry>
				</feed>
				""".formatted(slug, Instant.now(), slug, slug, Instant.now(), TEXT, slug, slug, Instant.now(), TEXT);
	}

	long source(String url) {
		var r = admin.post("/api/v1/curation/sources", Map.of("kind", "feed", "url", url));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	List<JsonNode> items() {
		var r = admin.get("/api/v1/curation/items?limit=500");
		assertThat(r.status()).isEqualTo(200);
		List<JsonNode> out = new ArrayList<>();
		r.body().get("items").forEach(out::add);
		return out;
	}

	List<JsonNode> itemsAt(String canonical) {
		return items().stream().filter(i -> i.get("canonicalUrl").asString().equals(canonical)).toList();
	}

	/** A kept item from a feed of one article. */
	long item(String title) {
		String slug = unique("article");
		String url = network.feed(slug, "application/rss+xml", """
				<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example/</link>
				<description>b</description><item><title>%s</title><link>https://blog.example/%s</link>
				<description>Ce qu’il faut savoir.</description></item></channel></rss>
				""".formatted(title, slug));
		source(url);
		return itemsAt("https://blog.example/" + slug).get(0).get("id").asLong();
	}

	long mastodon() {
		var r = admin.post("/api/v1/inboxes", Map.of("name", unique("Teleo"), "channel", "mastodon", "instanceUrl",
				"https://piaille.example", "accessToken", "tok", "apiBaseUrl", network.url()));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
		return r.id("id");
	}

	@Test
	void theSameArticleInAnRssAndAnAtomFeedIsOneItemWithTwoSourcesWhateverItsTrackingParameters() {
		String slug = unique("fibre");
		long rss = source(network.feed(slug + ".rss", "application/rss+xml", rss(slug)));
		long atom = source(network.feed(slug + ".atom", "application/atom+xml", atom(slug)));
		String json = network.feed(slug + ".json", "application/feed+json", """
				{"version": "https://jsonfeed.org/version/1.1", "title": "Le Flux", "items": [
				{"id": "j1", "url": "https://news.example/%s?gclid=zz", "title": "La fibre arrive à Nantes",
				 "content_text": "Autre résumé, autre texte, mais la même adresse une fois nettoyée."}]}
				""".formatted(slug));
		long jsonSource = source(json);

		List<JsonNode> same = itemsAt("https://news.example/" + slug);
		assertThat(same).as("one item for the article at three addresses").hasSize(1);
		JsonNode item = same.get(0);
		assertThat(item.get("title").asString()).isEqualTo("La fibre arrive à Nantes");
		assertThat(item.get("url").asString()).startsWith("https://news.example/" + slug);
		Set<Long> sources = new TreeSet<>();
		item.get("sources").forEach(s -> sources.add(s.asLong()));
		assertThat(sources).containsExactlyInAnyOrder(rss, atom, jsonSource);
		assertThat(itemsAt("https://miroir.example/copie/" + slug)).as("the same text at another address").isEmpty();
		assertThat(itemsAt("https://news.example/autre-" + slug)).hasSize(1);
		assertThat(item.get("tonality").asString()).isIn("positive", "neutral", "negative");

		int before = items().size();
		assertThat(admin.post("/api/v1/curation/sources/" + rss + "/reading", Map.of()).status()).isEqualTo(200);
		assertThat(items()).as("read again, nothing new").hasSize(before);

		var triaged = admin.patch("/api/v1/curation/items/" + item.get("id").asLong(),
				Map.of("status", "kept", "note", "À mettre en une : c’est notre réseau."));
		assertThat(triaged.status()).isEqualTo(200);
		assertThat(triaged.body().get("status").asString()).isEqualTo("kept");
		var suggestions = admin.withHeader("Accept-Language", "fr").get("/api/v1/curation/suggestions?limit=100");
		assertThat(suggestions.status()).isEqualTo(200);
		JsonNode suggested = suggestions.body()
			.get("items")
			.valueStream()
			.filter(s -> s.get("item").get("id").asLong() == item.get("id").asLong())
			.findFirst()
			.orElseThrow();
		assertThat(suggested.get("reasons").get(0).asString()).isEqualTo("3 sources (poids 3)");

		// bad input, said and storing nothing
		var fr = admin.withHeader("Accept-Language", "fr");
		var kind = fr.post("/api/v1/curation/sources", Map.of("kind", "tweet", "url", json));
		assertThat(kind.status()).isEqualTo(422);
		assertThat(kind.body().get("detail").asString())
			.isEqualTo("Une source est un flux ou un sujet, pas « tweet ».");
		assertThat(admin.post("/api/v1/curation/sources", Map.of("kind", "feed", "url", "ftp://x.example/f")).status())
			.isEqualTo(422);
		assertThat(admin.post("/api/v1/curation/sources", Map.of("kind", "feed", "url", json)).status()).isEqualTo(409);
		assertThat(admin.patch("/api/v1/curation/items/999999999", Map.of("status", "kept")).status()).isEqualTo(404);
		assertThat(admin.patch("/api/v1/curation/items/" + item.get("id").asLong(), Map.of("status", "maybe")).status())
			.isEqualTo(422);

		// a feed that does not answer is added, its health shown
		var down = admin.post("/api/v1/curation/sources", Map.of("kind", "feed", "url", "http://127.0.0.1:9/" + slug));
		assertThat(down.status()).isEqualTo(201);
		assertThat(down.body().get("healthy").asBoolean()).isFalse();
		assertThat(down.body().get("failures").asInt()).isEqualTo(1);
		assertThat(down.body().get("lastError").asString()).isNotBlank();

		// OPML: the feeds of a reader's export, those already read left out
		String other = network.feed(slug + "-2.rss", "application/rss+xml", rss(slug + "-2"));
		String opml = """
				<?xml version="1.0"?><opml version="2.0"><head><title>Mes flux</title></head><body>
				<outline text="Presse"><outline text="Ouest" type="rss" xmlUrl="%s"/>
				<outline text="Déjà lu" type="rss" xmlUrl="%s"/></outline></body></opml>
				""".formatted(other, json);
		var imported = admin.withHeader("Content-Type", "text/x-opml").postRaw("/api/v1/curation/sources/opml", opml);
		assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(201);
		assertThat(imported.body().get("items")).hasSize(1);
		assertThat(imported.body().get("items").get(0).get("name").asString()).isEqualTo("Ouest");
		assertThat(admin.withHeader("Content-Type", "text/x-opml")
			.postRaw("/api/v1/curation/sources/opml", "<html/>")
			.status()).isEqualTo(422);
	}

	@Test
	void anEditionScheduledSecondsAheadIsPostedOnceAndListedInAnAtomFeedThatKeepsRfc4287() throws Exception {
		long headline = item("Un réseau plus rapide");
		long brief = item("Les pannes de la semaine");
		long inbox = mastodon();
		String title = unique("L’édition du lundi");
		var created = admin.post("/api/v1/editions",
				Map.of("title", title, "headlineItemId", headline, "headlineNote", "Notre réseau, vu par d’autres.",
						"briefItemIds", List.of(brief), "inboxIds", List.of(inbox), "publishAt",
						Instant.now().plusSeconds(3).toString()));
		assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
		long edition = created.id("id");
		var publishing = admin.post("/api/v1/editions/" + edition + "/publish", Map.of());
		assertThat(publishing.status()).as(String.valueOf(publishing.body())).isEqualTo(202);
		assertThat(publishing.body().get("status").asString()).isEqualTo("scheduled");
		assertThat(admin.post("/api/v1/editions/" + edition + "/publish", Map.of()).status()).as("once").isEqualTo(409);
		assertThat(network.statuses()).as("not before its time").isEmpty();

		await().atMost(Duration.ofSeconds(20)).until(() -> network.statuses().size() == 1);
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
		assertThat(network.statuses()).as("exactly once").hasSize(1);
		String posted = String.valueOf(network.statuses().get(0).get("content"));
		assertThat(posted).contains(title, "Un réseau plus rapide", "https://blog.example/", "/editions/" + edition,
				"et une brève");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "sent"
				.equals(admin.get("/api/v1/editions/" + edition).body().get("posts").get(0).get("status").asString()));
		JsonNode shown = admin.get("/api/v1/editions/" + edition).body();
		assertThat(shown.get("status").asString()).isEqualTo("published");
		assertThat(shown.get("posts").get(0).get("url").asString()).startsWith("https://piaille.example/@teleo/");
		assertThat(shown.get("steps").valueStream().map(s -> s.get("status").asString())).containsExactly("draft",
				"scheduled", "published");

		String statusId = String.valueOf(network.statuses().get(0).get("id"));
		String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		await().atMost(Duration.ofSeconds(15))
			.alias("listening reads the post back among the brand’s posts")
			.until(() -> admin
				.get("/api/v1/listening/posts?network=mastodon&from="
						+ java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "&to=" + day)
				.body()
				.get("items")
				.valueStream()
				.anyMatch(p -> p.get("externalId").asString().equals(statusId)
						&& p.get("text").asString().contains(title)));

		TestApi anybody = TestApi.anonymous(port);
		String atom = anybody.getText("/editions.atom");
		assertRfc4287(atom);
		SyndFeed feed = new SyndFeedInput()
			.build(new XmlReader(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8))));
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getEntries().stream().map(e -> e.getTitle())).contains(title);
		var json = anybody.get("/editions.json");
		assertThat(json.status()).isEqualTo(200);
		assertThat(json.body().get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(json.body().get("items").valueStream().map(i -> i.get("title").asString())).contains(title);
		assertThat(anybody.getText("/editions/" + edition)).contains(title, "Notre réseau, vu par d’autres.");

		var draft = admin.post("/api/v1/editions", Map.of("title", "Brouillon", "headlineItemId", brief, "briefItemIds",
				List.of(), "inboxIds", List.of(inbox)));
		assertThat(anybody.get("/editions/" + draft.id("id")).status()).as("a draft is nobody's to read")
			.isEqualTo(404);
		assertThat(admin
			.post("/api/v1/editions", Map.of("title", "x", "headlineItemId", 999999999, "briefItemIds", List.of(),
					"inboxIds", List.of(inbox)))
			.status()).isEqualTo(422);
		assertThat(admin
			.post("/api/v1/editions", Map.of("title", "x", "headlineItemId", brief, "briefItemIds", List.of(brief),
					"inboxIds", List.of(inbox)))
			.status()).as("an item twice").isEqualTo(422);

		assertThat(
				admin.post("/api/v1/editions/" + edition + "/retraction", Map.of("reason", "Erreur de date")).status())
			.isEqualTo(200);
		assertThat(anybody.getText("/editions.atom")).doesNotContain(title);
		assertThat(anybody.getText("/editions/" + edition)).doesNotContain("Notre réseau, vu par d’autres.");
	}

	@Test
	void anEditionBeyondItsCuratorsMandateWaitsForApprovalAndIsPublishedAfterIt() {
		long headline = item("Tarifs 2027");
		long inbox = mastodon();
		String email = unique("curatrice") + "@teleo.test";
		long curatorId = admin.createAgent(email, "agent", "password-of-curator");
		assertThat(admin
			.patch("/api/v1/agents/" + curatorId,
					Map.of("grants", List.of("curate"), "mandate", Map.of("channels", List.of("email"))))
			.status()).isEqualTo(200);
		TestApi curator = TestApi.basic(port, email, "password-of-curator");
		long edition = curator
			.post("/api/v1/editions", Map.of("title", unique("Nos tarifs"), "headlineItemId", headline, "briefItemIds",
					List.of(), "inboxIds", List.of(inbox)))
			.id("id");

		var held = curator.post("/api/v1/editions/" + edition + "/publish", Map.of());
		assertThat(held.status()).as(String.valueOf(held.body())).isEqualTo(202);
		assertThat(held.body().get("status").asString()).isEqualTo("in_review");
		assertThat(held.body().get("reviewReasons").get(0).asString()).contains("mastodon");
		assertThat(curator.post("/api/v1/editions/" + edition + "/approval", Map.of("approved", true)).status())
			.as("a curator does not approve their own")
			.isEqualTo(403);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(network.statuses()).as("nothing goes out before approval").isEmpty();

		var approved = admin.post("/api/v1/editions/" + edition + "/approval", Map.of("approved", true, "note", "Vu."));
		assertThat(approved.status()).as(String.valueOf(approved.body())).isEqualTo(200);
		assertThat(approved.body().get("status").asString()).isEqualTo("published");
		await().atMost(Duration.ofSeconds(15)).until(() -> network.statuses().size() == 1);
		assertThat(approved.body().get("steps").valueStream().map(s -> s.get("status").asString()))
			.containsExactly("draft", "in_review", "approved", "published");
	}

	@Test
	void aDigestIsMailedOnlyToTheCustomersWhoConsented() throws Exception {
		long headline = item("La lettre de décembre");
		long mailbox = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Lettre"), "channel", "email", "address", "lettre@teleo.test", "imap",
						Map.of("host", "127.0.0.1", "port", 9, "username", "lettre", "password", "pw", "tls", false),
						"smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "username", "lettre",
								"password", "pw", "tls", false)))
			.id("id");
		long api = admin.createApiInbox(unique("Clients"), Map.of());
		String yes = unique("oui") + "@exemple.fr";
		String never = unique("jamais") + "@exemple.fr";
		String withdrew = unique("retire") + "@exemple.fr";
		long yesId = customer(api, yes);
		customer(api, never);
		long withdrewId = customer(api, withdrew);
		consents.decide(yesId, "offers", null, true, "test", "fr", null);
		consents.decide(withdrewId, "offers", null, true, "test", "fr", null);
		consents.decide(withdrewId, "offers", null, false, "test", "fr", null);

		String title = unique("Lettre");
		long edition = admin
			.post("/api/v1/editions", Map.of("title", title, "headlineItemId", headline, "briefItemIds", List.of(),
					"inboxIds", List.of(mailbox)))
			.id("id");
		var published = admin.post("/api/v1/editions/" + edition + "/publish", Map.of());
		assertThat(published.status()).as(String.valueOf(published.body())).isEqualTo(202);
		assertThat(published.body().get("status").asString()).isEqualTo("published");

		await().atMost(Duration.ofSeconds(15)).until(() -> !mailsTo(yes).isEmpty());
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
		assertThat(mailsTo(yes)).hasSize(1);
		assertThat(mailsTo(never)).as("never consented").isEmpty();
		assertThat(mailsTo(withdrew)).as("withdrew").isEmpty();
		MimeMessage sent = mailsTo(yes).get(0);
		assertThat(sent.getSubject()).isEqualTo(title);
		Object content = sent.getContent();
		String body = content instanceof jakarta.mail.Multipart parts
				? String.valueOf(parts.getBodyPart(0).getContent()) : String.valueOf(content);
		assertThat(body).contains("La lettre de décembre", "/portal/unsubscribe/", "Pour ne plus en recevoir");
	}

	long customer(long apiInbox, String email) {
		var r = admin.post("/api/v1/inboxes/" + apiInbox + "/inbound", Map.of("externalId", unique("m"), "author",
				Map.of("externalId", unique("c"), "name", "Client", "email", email), "text", "Bonjour"));
		assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
		return r.id("customerId");
	}

	List<MimeMessage> mailsTo(String address) {
		List<MimeMessage> out = new ArrayList<>();
		for (MimeMessage m : mail.getReceivedMessages()) {
			try {
				if (m.getAllRecipients()[0].toString().contains(address)) {
					out.add(m);
				}
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return out;
	}

	/**
	 * RFC 4287's rules for a feed: atom:feed holds exactly one atom:id, atom:title and
	 * atom:updated, an atom:author unless every entry has one, at most one alternate link
	 * per type and hreflang, and a self link; each atom:entry exactly one atom:id,
	 * atom:title and atom:updated, an alternate link or content, dates in RFC 3339, ids
	 * that are absolute IRIs.
	 */
	static void assertRfc4287(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document doc = factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		Element feed = doc.getDocumentElement();
		String atom = "http://www.w3.org/2005/Atom";
		assertThat(feed.getNamespaceURI()).isEqualTo(atom);
		assertThat(feed.getLocalName()).isEqualTo("feed");
		exactlyOne(feed, "id");
		exactlyOne(feed, "title");
		assertThat(OffsetDateTime.parse(exactlyOne(feed, "updated").getTextContent().strip())).isNotNull();
		assertThat(java.net.URI.create(exactlyOne(feed, "id").getTextContent().strip()).isAbsolute()).isTrue();
		boolean feedAuthor = !children(feed, "author").isEmpty();
		assertThat(children(feed, "link").stream().filter(l -> "self".equals(l.getAttribute("rel")))).hasSize(1);
		assertThat(children(feed, "link").stream()
			.filter(l -> l.getAttribute("rel").isEmpty() || "alternate".equals(l.getAttribute("rel")))
			.map(l -> l.getAttribute("type") + "|" + l.getAttribute("hreflang"))
			.distinct()
			.count())
			.isEqualTo(children(feed, "link").stream()
				.filter(l -> l.getAttribute("rel").isEmpty() || "alternate".equals(l.getAttribute("rel")))
				.count());
		for (Element entry : children(feed, "entry")) {
			exactlyOne(entry, "id");
			exactlyOne(entry, "title");
			assertThat(OffsetDateTime.parse(exactlyOne(entry, "updated").getTextContent().strip())).isNotNull();
			assertThat(java.net.URI.create(exactlyOne(entry, "id").getTextContent().strip()).isAbsolute()).isTrue();
			assertThat(feedAuthor || !children(entry, "author").isEmpty()).as("an author").isTrue();
			assertThat(!children(entry, "content").isEmpty() || children(entry, "link").stream()
				.anyMatch(l -> l.getAttribute("rel").isEmpty() || "alternate".equals(l.getAttribute("rel")))).isTrue();
			for (Element content : children(entry, "content")) {
				assertThat(content.getAttribute("type")).isIn("", "text", "html", "xhtml");
			}
		}
	}

	private static Element exactlyOne(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as("exactly one atom:" + name + " in atom:" + parent.getLocalName()).hasSize(1);
		return found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> out = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node n = nodes.item(i);
			if (n instanceof Element e && "http://www.w3.org/2005/Atom".equals(e.getNamespaceURI())
					&& name.equals(e.getLocalName())) {
				out.add(e);
			}
		}
		return out;
	}

}
