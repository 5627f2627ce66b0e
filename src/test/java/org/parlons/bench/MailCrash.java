package org.parlons.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of {@code scripts/email-crash-test.sh}: a real mail server (GreenMail on
 * fixed ports), customers who write, and the counts that prove nothing was lost or stored
 * twice. Each step prints {@code RESULT name value}.
 */
public final class MailCrash {

	static final String SUPPORT = "support@crash.test";

	static final String PASSWORD = "crash-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "server" -> server(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			case "send" -> send(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "setup" -> setup(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "count" -> count(args[1], args[2], Long.parseLong(args[3]));
			case "reply-all" -> replyAll(args[1], args[2], Long.parseLong(args[3]));
			case "received" -> received(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	static void server(int smtp, int imap) throws InterruptedException {
		GreenMail mail = new GreenMail(new ServerSetup[] { new ServerSetup(smtp, "127.0.0.1", "smtp"),
				new ServerSetup(imap, "127.0.0.1", "imap") });
		mail.withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, SUPPORT, PASSWORD));
		mail.start();
		System.out.println("READY");
		Thread.currentThread().join();
	}

	/**
	 * {@code count} mails from {@code customers} customers to the support mailbox, each
	 * with its own Message-ID.
	 */
	static void send(int smtp, int count, int customers) throws Exception {
		Properties p = new Properties();
		p.setProperty("mail.smtp.host", "127.0.0.1");
		p.setProperty("mail.smtp.port", Integer.toString(smtp));
		Session session = Session.getInstance(p);
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			for (int i = 0; i < count; i++) {
				String id = "<crash-" + i + "@customer.test>";
				MimeMessage m = new MimeMessage(session) {
					@Override
					protected void updateMessageID() throws jakarta.mail.MessagingException {
						setHeader("Message-ID", id);
					}
				};
				m.setFrom(new InternetAddress(customer(i % customers), "Client " + (i % customers)));
				m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
				m.setSubject("Question " + i + " of client " + (i % customers));
				m.setText("Bonjour, ceci est ma question numéro " + i + ".", "UTF-8");
				m.saveChanges();
				transport.sendMessage(m, m.getAllRecipients());
			}
		}
		System.out.println("RESULT mails_sent " + count);
	}

	/** Creates an API token and the email inbox; prints both for the script. */
	static void setup(String base, int smtp, int imap) throws Exception {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((System.getenv("PARLONS_ADMIN_EMAIL") + ":" + System.getenv("PARLONS_ADMIN_PASSWORD"))
				.getBytes(StandardCharsets.UTF_8));
		String token = "Bearer "
				+ post(base + "/api/v1/tokens", basic, Map.of("name", "crash")).get("token").asString();
		Map<String, Object> server = Map.of("host", "127.0.0.1", "username", SUPPORT, "password", PASSWORD, "tls",
				false);
		Map<String, Object> imapServer = new java.util.HashMap<>(server);
		imapServer.put("port", imap);
		Map<String, Object> smtpServer = new java.util.HashMap<>(server);
		smtpServer.put("port", smtp);
		long inbox = post(base + "/api/v1/inboxes", token, Map.of("name", "Crash test", "channel", "email", "address",
				SUPPORT, "imap", imapServer, "smtp", smtpServer))
			.get("id")
			.asLong();
		System.out.println("TOKEN " + token.substring("Bearer ".length()));
		System.out.println("INBOX " + inbox);
	}

	/** Messages stored in the inbox, in and out, and how many outbound ones are sent. */
	static void count(String base, String token, long inbox) throws Exception {
		int in = 0;
		int out = 0;
		int sent = 0;
		Set<String> ids = new HashSet<>();
		int duplicates = 0;
		for (JsonNode c : conversations(base, token, inbox)) {
			for (JsonNode m : get(base + "/api/v1/conversations/" + c.get("id").asLong() + "/messages", token)
				.get("items")) {
				if ("in".equals(m.get("direction").asString())) {
					in++;
					if (!ids.add(m.get("externalId").asString())) {
						duplicates++;
					}
				}
				else {
					out++;
					if ("sent".equals(m.get("status").asString())) {
						sent++;
					}
				}
			}
		}
		System.out.println("RESULT stored_in " + in);
		System.out.println("RESULT stored_in_duplicates " + duplicates);
		System.out.println("RESULT stored_out " + out);
		System.out.println("RESULT sent_out " + sent);
	}

	/** One reply to every conversation of the inbox. */
	static void replyAll(String base, String token, long inbox) throws Exception {
		int replies = 0;
		for (JsonNode c : conversations(base, token, inbox)) {
			post(base + "/api/v1/conversations/" + c.get("id").asLong() + "/replies", "Bearer " + token,
					Map.of("text", "Bonjour, voici notre réponse à la conversation " + c.get("id").asLong() + "."));
			replies++;
		}
		System.out.println("RESULT replies_posted " + replies);
	}

	/**
	 * What the customers' mailboxes hold: mails received, and distinct Message-IDs among
	 * them.
	 */
	static void received(int imap, int customers) throws Exception {
		Properties p = new Properties();
		Session session = Session.getInstance(p);
		int mails = 0;
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < customers; i++) {
			try (Store store = session.getStore("imap")) {
				store.connect("127.0.0.1", imap, customer(i), customer(i));
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				for (Message m : inbox.getMessages()) {
					mails++;
					ids.add(((MimeMessage) m).getMessageID());
				}
				inbox.close(false);
			}
			catch (jakarta.mail.AuthenticationFailedException ex) {
				// no mail ever reached this customer: GreenMail has not created the
				// account
			}
		}
		System.out.println("RESULT customer_mails " + mails);
		System.out.println("RESULT customer_distinct_message_ids " + ids.size());
	}

	private static Iterable<JsonNode> conversations(String base, String token, long inbox) throws Exception {
		java.util.List<JsonNode> all = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode items = get(base + "/api/v1/conversations?inboxId=" + inbox + "&size=100&page=" + page, token)
				.get("items");
			items.forEach(all::add);
			if (items.size() < 100) {
				return all;
			}
		}
	}

	private static String customer(int i) {
		return "client" + i + "@customer.test";
	}

	private static JsonNode get(String url, String token) throws Exception {
		HttpRequest r = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return JSON.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
	}

	private static JsonNode post(String url, String auth, Object body) throws Exception {
		HttpRequest r = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", auth)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private MailCrash() {
	}

}
