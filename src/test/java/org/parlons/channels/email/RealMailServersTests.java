package org.parlons.channels.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parlons.testing.TestApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * The SpamAssassin ham's threads through real mail servers (issue 19, "Must show"): sent
 * over SMTP to GreenMail and read by the IMAP poller, every mail stored once and the
 * threads found pair by pair (F1 at least 0.98); appended to Debian's Dovecot with its
 * UIDVALIDITY changed halfway, nothing lost and nothing doubled. Dovecot is required in
 * CI ({@code -Ddovecot.tests.required=true}, package {@code dovecot-imapd}); elsewhere
 * its test is skipped when it is missing, and says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealMailServersTests {

	static final String SUPPORT = "support@teleo.test";

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(SUPPORT, SUPPORT, "secret-1"))
		.withPerMethodLifecycle(false);

	static final MailThreads MAILS = MailThreads.load();

	/**
	 * The first 400 mails of the threads, in the order they were sent (as the outside
	 * trial took them).
	 */
	static final List<MailThreads.Mail> FIRST_400 = MAILS.threaded.subList(0, 400);

	@LocalServerPort
	int port;

	@Test
	void theThreadsSentOverSmtpAndReadOverImapAreStoredOnceAndFound() throws Exception {
		TestApi admin = TestApi.asAdmin(port);
		Properties p = new Properties();
		p.setProperty("mail.smtp.host", "127.0.0.1");
		p.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
		Session session = Session.getInstance(p);
		try (Transport smtp = session.getTransport("smtp")) {
			smtp.connect();
			for (MailThreads.Mail mail : FIRST_400) {
				// sent as it was written: sendMessage keeps its Message-ID and headers
				MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(mail.raw()));
				smtp.sendMessage(m, new InternetAddress[] { new InternetAddress(SUPPORT) });
			}
		}
		// all there before the inbox is made: read in the poller's batches, whatever the
		// machine's speed (a reply and the mail it links then often share a batch)
		long inbox = emailInbox(admin, greenMail.getImap().getPort(), greenMail.getSmtp().getPort());
		Map<String, Long> conversationOf = storedOnce(admin, inbox, FIRST_400.size());
		MailThreads.Score score = MAILS.score(conversationOf);
		System.out.printf("threading through SMTP and IMAP over %d mails: precision %.3f, recall %.3f, F1 %.3f%n",
				conversationOf.size(), score.precision(), score.recall(), score.f1());
		assertThat(score.f1()).isGreaterThanOrEqualTo(0.98);
	}

	@Test
	void aDovecotMailboxWhoseUidValidityChangesLosesNothingAndDoublesNothing() throws Exception {
		Path dovecot = Path.of("/usr/sbin/dovecot");
		boolean present = Files.isExecutable(dovecot) && Files.isExecutable(Path.of("/usr/bin/doveadm"));
		if (Boolean.getBoolean("dovecot.tests.required")) {
			assertThat(present).as("Dovecot is required (apt-get install dovecot-imapd)").isTrue();
		}
		else {
			Assumptions.assumeTrue(present, "Dovecot not installed: Dovecot test skipped (required in CI)");
		}
		try (Dovecot server = Dovecot.start()) {
			TestApi admin = TestApi.asAdmin(port);
			long inbox = emailInbox(admin, server.port, greenMail.getSmtp().getPort());
			List<MailThreads.Mail> all = FIRST_400;
			List<MailThreads.Mail> first = all.subList(0, all.size() / 2);
			List<MailThreads.Mail> second = all.subList(all.size() / 2, all.size());
			server.append(first);
			storedOnce(admin, inbox, first.size());
			server.changeUidValidity();
			server.append(second);
			Map<String, Long> conversationOf = storedOnce(admin, inbox, all.size());
			assertThat(conversationOf.keySet())
				.containsExactlyInAnyOrderElementsOf(all.stream().map(m -> m.parsed().messageId()).toList());
		}
	}

	/**
	 * Waits for the inbox to hold {@code expected} messages, and checks each Message-ID
	 * is there once; answers each mail's conversation.
	 */
	private static Map<String, Long> storedOnce(TestApi admin, long inbox, int expected) {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> messageCount(admin, inbox) >= expected);
		// read until two readings agree: the joins a later mail asks for run after it is
		// stored
		Map<String, Long> conversationOf = new HashMap<>();
		List<String> seen = scan(admin, inbox, conversationOf);
		for (int reading = 0; reading < 60; reading++) {
			await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
			Map<String, Long> again = new HashMap<>();
			seen = scan(admin, inbox, again);
			if (again.equals(conversationOf)) {
				break;
			}
			conversationOf = again;
		}
		assertThat(seen).as("each mail stored once").doesNotHaveDuplicates().hasSize(expected);
		return conversationOf;
	}

	/** How many messages the inbox's conversations say they hold. */
	private static int messageCount(TestApi admin, long inbox) {
		int count = 0;
		for (int page = 0;; page++) {
			JsonNode items = admin.get("/api/v1/conversations?status=all&size=100&inboxId=" + inbox + "&page=" + page)
				.body()
				.get("items");
			for (JsonNode c : items) {
				count += c.get("messageCount").asInt();
			}
			if (items.size() < 100) {
				return count;
			}
		}
	}

	/** Every message of the inbox, conversation by conversation. */
	private static List<String> scan(TestApi admin, long inbox, Map<String, Long> conversationOf) {
		List<String> seen = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode items = admin.get("/api/v1/conversations?status=all&size=100&inboxId=" + inbox + "&page=" + page)
				.body()
				.get("items");
			for (JsonNode c : items) {
				for (JsonNode m : admin.get("/api/v1/conversations/" + c.get("id").asLong() + "/messages?size=500")
					.body()
					.get("items")) {
					seen.add(m.get("externalId").asString());
					conversationOf.put(m.get("externalId").asString(), c.get("id").asLong());
				}
			}
			if (items.size() < 100) {
				break;
			}
		}
		return seen;
	}

	private static long emailInbox(TestApi admin, int imapPort, int smtpPort) {
		var r = admin.post("/api/v1/inboxes",
				Map.of("name", unique("Lists"), "channel", "email", "address", SUPPORT, "imap",
						Map.of("host", "127.0.0.1", "port", imapPort, "username", SUPPORT, "password", "secret-1",
								"tls", false),
						"smtp", Map.of("host", "127.0.0.1", "port", smtpPort, "username", SUPPORT, "password",
								"secret-1", "tls", false)));
		assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
		return r.id("id");
	}

	/** Debian's Dovecot, run on a free port with its own configuration and maildir. */
	static final class Dovecot implements AutoCloseable {

		final int port;

		private final Path dir;

		private final Process process;

		private Dovecot(int port, Path dir, Process process) {
			this.port = port;
			this.dir = dir;
			this.process = process;
		}

		static Dovecot start() throws Exception {
			// in the system's temporary folder, not under target: the mail user must
			// reach its
			// maildir, and the checkout may sit in a folder only its owner enters (mktemp
			// -d)
			Path dir = Files.createTempDirectory("parlons-dovecot-");
			Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			Path mail = Files.createDirectories(dir.resolve("mail"));
			Files.createDirectories(dir.resolve("run"));
			Files.createDirectories(dir.resolve("state"));
			boolean root = "root".equals(System.getProperty("user.name"));
			String owner = root ? "dovecot" : System.getProperty("user.name");
			if (root) {
				UserPrincipalLookupService users = mail.getFileSystem().getUserPrincipalLookupService();
				Files.setOwner(mail, users.lookupPrincipalByName(owner));
			}
			int port;
			try (ServerSocket free = new ServerSocket(0)) {
				port = free.getLocalPort();
			}
			String conf = """
					protocols = imap
					listen = 127.0.0.1
					base_dir = %1$s/run
					state_dir = %1$s/state
					log_path = %1$s/dovecot.log
					ssl = no
					disable_plaintext_auth = no
					auth_mechanisms = plain login
					mail_location = maildir:%1$s/mail/%%u
					first_valid_uid = 1
					%3$s
					passdb {
					  driver = static
					  args = password=secret-1
					}
					userdb {
					  driver = static
					  args = uid=%4$s gid=%4$s home=%1$s/mail/%%u
					}
					service imap-login {
					  chroot =
					  inet_listener imap {
					    address = 127.0.0.1
					    port = %2$d
					  }
					  inet_listener imaps {
					    port = 0
					  }
					}
					service anvil {
					  chroot =
					}
					""".formatted(dir, port,
					root ? "" : "default_internal_user = " + owner + "\ndefault_login_user = " + owner, owner);
			Files.writeString(dir.resolve("dovecot.conf"), conf);
			Process process = new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c",
					dir.resolve("dovecot.conf").toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("out.txt").toFile())
				.start();
			Dovecot server = new Dovecot(port, dir, process);
			await().atMost(Duration.ofSeconds(20)).until(server::answers);
			return server;
		}

		private boolean answers() {
			try (Store store = store()) {
				return store.isConnected();
			}
			catch (Exception ex) {
				return false;
			}
		}

		private Store store() throws Exception {
			Properties p = new Properties();
			p.setProperty("mail.imap.host", "127.0.0.1");
			p.setProperty("mail.imap.port", Integer.toString(port));
			Store store = Session.getInstance(p).getStore("imap");
			store.connect(SUPPORT, "secret-1");
			return store;
		}

		/**
		 * Appends mails to the support mailbox, as a mail client or a delivery agent
		 * would.
		 */
		void append(List<MailThreads.Mail> mails) throws Exception {
			try (Store store = store(); Folder inbox = store.getFolder("INBOX")) {
				inbox.open(Folder.READ_WRITE);
				Session session = Session.getInstance(new Properties());
				for (int start = 0; start < mails.size(); start += 50) {
					List<MimeMessage> chunk = new ArrayList<>();
					for (MailThreads.Mail m : mails.subList(start, Math.min(mails.size(), start + 50))) {
						chunk.add(new MimeMessage(session, new ByteArrayInputStream(m.raw())));
					}
					inbox.appendMessages(chunk.toArray(MimeMessage[]::new));
				}
			}
		}

		/** What a restored or rebuilt mailbox does: same mails, a new UIDVALIDITY. */
		void changeUidValidity() throws Exception {
			long validity = System.currentTimeMillis() / 1000 + 7;
			Process update = new ProcessBuilder("/usr/bin/doveadm", "-c", dir.resolve("dovecot.conf").toString(),
					"mailbox", "update", "-u", SUPPORT, "--uid-validity", Long.toString(validity), "INBOX")
				.redirectErrorStream(true)
				.start();
			String said = new String(update.getInputStream().readAllBytes());
			assertThat(update.waitFor()).as(said).isZero();
			try (Store store = store(); Folder inbox = store.getFolder("INBOX")) {
				inbox.open(Folder.READ_ONLY);
				assertThat(((jakarta.mail.UIDFolder) inbox).getUIDValidity()).as("the new UIDVALIDITY")
					.isEqualTo(validity);
			}
		}

		@Override
		public void close() throws IOException {
			process.destroy();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
			}
		}

	}

}
