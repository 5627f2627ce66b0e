package org.parlons.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.parlons.testing.TestApi;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parlons.testing.TestApi.unique;

/**
 * Two Parlons nodes, each its own process, on the suite's PostgreSQL database and a real
 * Kafka broker started by {@code scripts/cluster.sh} (issue 28, "Must show"): an agent's
 * stream on one node hears what the other stored; a visitor on one node gets the reply an
 * agent sent on the other; deliveries spread over both while one is killed with
 * {@code kill -9} are stored exactly once; a mailbox is read by one node at a time, and
 * the other takes it over when its holder is killed. Runs in the PostgreSQL suite (tag
 * {@code cluster}), on a database of its own on that server: H2 in memory cannot be
 * shared between processes.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** The nodes' database, on the suite's PostgreSQL server. */
	static final String DATABASE = System.getProperty("spring.datasource.url", "")
		.replaceAll("/[^/?]+(\\?.*)?$", "/parlons_cluster_test");

	static Path shared;

	static Kafka kafka;

	static Node a;

	static Node b;

	static Node c;

	static String token;

	/** The bad-buzz alerts the nodes POST (the same webhook for all). */
	static final List<String> alerts = Collections.synchronizedList(new ArrayList<>());

	static com.sun.net.httpserver.HttpServer alertReceiver;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		// a database of their own: the suite's own application contexts poll the suite's
		// database's mailboxes too, and would take a mailbox's lease from the nodes
		try (Connection c = DriverManager.getConnection(System.getProperty("spring.datasource.url"),
				System.getProperty("spring.datasource.username"), ""); java.sql.Statement s = c.createStatement()) {
			s.execute("drop database if exists parlons_cluster_test");
			s.execute("create database parlons_cluster_test");
		}
		shared = Files.createTempDirectory("parlons-cluster-");
		alertReceiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		alertReceiver.createContext("/alerts", exchange -> {
			alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		alertReceiver.start();
		kafka = Kafka.start();
		a = Node.start("a", kafka.port, shared);
		b = Node.start("b", kafka.port, shared);
		a.awaitUp();
		b.awaitUp();
		token = a.token();
	}

	@AfterAll
	static void stopAll() throws Exception {
		if (alertReceiver != null) {
			alertReceiver.stop(0);
		}
		for (Node node : new Node[] { a, b, c }) {
			if (node != null) {
				node.stop();
			}
		}
		if (kafka != null) {
			kafka.stop();
		}
	}

	@Test
	@Order(1)
	void anAgentsStreamOnOneNodeHearsEveryMessageStoredOnTheOther() throws Exception {
		TestApi onA = TestApi.bearer(a.port, token);
		long inbox = onA.createApiInbox(unique("Cluster"), Map.of());
		Map<Long, Long> seenAt = new ConcurrentHashMap<>();
		try (Stream stream = Stream.open(b.url("/api/v1/events"), "Bearer " + token, data -> {
			JsonNode event = TestApi.json(data);
			if (event.has("messageId")) {
				seenAt.putIfAbsent(event.get("messageId").asLong(), System.nanoTime());
			}
		})) {
			Thread.sleep(1500); // the stream's presence reaches the other node
			Map<Long, Long> acceptedAt = new ConcurrentHashMap<>();
			for (int n = 0; n < 200; n++) {
				var r = onA.post("/api/v1/inboxes/" + inbox + "/inbound",
						TestApi.inbound(unique("live"), "client-" + (n % 40), "Message " + n));
				assertThat(r.status()).isEqualTo(202);
				acceptedAt.put(r.id("messageId"), System.nanoTime());
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> seenAt.keySet().containsAll(acceptedAt.keySet()));
			List<Double> delays = new ArrayList<>();
			acceptedAt.forEach((id, at) -> delays.add(Math.max(0, (seenAt.get(id) - at) / 1e6)));
			Collections.sort(delays);
			System.out.printf("200 messages stored on node a, heard on node b: p50 %.0f ms, p99 %.0f ms%n",
					delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99) - 1));
		}
	}

	@Test
	@Order(2)
	void theDomainEventsGoToKafkaAsCloudEventsKeyedByConversation() throws Exception {
		TestApi onA = TestApi.bearer(a.port, token);
		long inbox = onA.createApiInbox(unique("Events"), Map.of());
		Map<Long, Long> conversationOf = new java.util.HashMap<>();
		for (int n = 0; n < 20; n++) {
			var r = onA.post("/api/v1/inboxes/" + inbox + "/inbound",
					TestApi.inbound(unique("event"), "client-" + (n % 4), "Message " + n));
			conversationOf.put(r.id("messageId"), r.id("conversationId"));
		}
		Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:" + kafka.port, "group.id", unique("check"),
				"auto.offset.reset", "earliest", "key.deserializer",
				org.apache.kafka.common.serialization.StringDeserializer.class.getName(), "value.deserializer",
				org.apache.kafka.common.serialization.StringDeserializer.class.getName());
		Map<Long, String> idOf = new ConcurrentHashMap<>();
		try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
			consumer.subscribe(List.of("parlons.conversations"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (!"org.parlons.message-received".equals(header(record, "ce_type"))) {
						continue;
					}
					JsonNode event = TestApi.json(record.value());
					long messageId = event.get("messageId").asLong();
					if (conversationOf.containsKey(messageId)) {
						assertThat(record.key()).isEqualTo(Long.toString(conversationOf.get(messageId)));
						assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
						assertThat(header(record, "ce_source")).isEqualTo("urn:parlons");
						assertThat(header(record, "ce_subject"))
							.isEqualTo("conversations/" + conversationOf.get(messageId) + "/messages/" + messageId);
						assertThat(header(record, "content-type")).isEqualTo("application/json");
						idOf.put(messageId, header(record, "ce_id"));
					}
				}
				return idOf.keySet().containsAll(conversationOf.keySet());
			});
		}
		assertThat(new HashSet<>(idOf.values())).as("one id per event").hasSize(conversationOf.size());
	}

	private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	@Test
	@Order(3)
	void aTokenRevokedOnOneNodeIsRefusedAtOnceOnTheOther() throws Exception {
		var issued = TestApi.asAdmin(a.port).post("/api/v1/tokens", Map.of("name", "revoked"));
		String secret = issued.body().get("token").asString();
		TestApi onB = TestApi.bearer(b.port, secret);
		assertThat(onB.get("/api/v1/conversations?size=1").status()).as("known on b").isEqualTo(200);
		assertThat(TestApi.bearer(a.port, secret).delete("/api/v1/tokens/" + issued.id("id")).status()).isBetween(200,
				204);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> onB.get("/api/v1/conversations?size=1").status() == 401);
	}

	@Test
	@Order(4)
	void aVisitorOnOneNodeGetsTheReplyAnAgentSentOnTheOther() throws Exception {
		TestApi onA = TestApi.bearer(a.port, token);
		TestApi onB = TestApi.bearer(b.port, token);
		var created = onA.post("/api/v1/inboxes", Map.of("name", unique("Chat"), "channel", "widget"));
		assertThat(created.status()).isEqualTo(201);
		String api = "/widget/api/" + created.body().get("settings").get("publicToken").asString();
		TestApi visitor = TestApi.anonymous(a.port);
		String visitorToken = visitor.post(api + "/session", Map.of()).body().get("visitorToken").asString();
		long conversation = visitor.withHeader("X-Visitor-Token", visitorToken)
			.post(api + "/messages", Map.of("text", "Bonjour, ma box clignote"))
			.id("conversationId");
		List<String> heard = Collections.synchronizedList(new ArrayList<>());
		try (Stream stream = Stream.open(a.url(api + "/events?v=" + visitorToken), null, heard::add)) {
			Thread.sleep(1500); // the visitor's presence reaches node b
			var reply = onB.post("/api/v1/conversations/" + conversation + "/replies",
					Map.of("text", "Bonjour, débranchez-la dix secondes."));
			assertThat(reply.status()).as(String.valueOf(reply.body())).isBetween(200, 202);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> heard.stream().anyMatch(d -> d.contains("débranchez-la dix secondes")));
		}
	}

	@Test
	@Order(5)
	void deliveriesSpreadOverBothNodesAreStoredOnceWhenOneIsKilled() throws Exception {
		long inbox = TestApi.bearer(a.port, token).createApiInbox(unique("Deliveries"), Map.of());
		int total = 2000;
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger retries = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(16);
		for (int n = 0; n < total; n++) {
			int number = n;
			senders.execute(() -> {
				Map<String, Object> body = TestApi.inbound("delivery-" + inbox + "-" + number,
						"client-" + (number % 100), "Livraison " + number);
				// each delivery retried, on either node, until one accepts it
				for (int attempt = 0;; attempt++) {
					Node node = (number + attempt) % 2 == 0 ? a : b;
					try {
						var r = TestApi.bearer(node.port, token).post("/api/v1/inboxes/" + inbox + "/inbound", body);
						if (r.status() == 202 || r.status() == 200) {
							accepted.incrementAndGet();
							return;
						}
					}
					catch (RuntimeException refused) {
						// the node is down: try again
					}
					retries.incrementAndGet();
					sleep(50);
				}
			});
			if (n == total / 4) {
				b.kill();
			}
		}
		senders.shutdown();
		assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
		assertThat(accepted.get()).isEqualTo(total);
		System.out.printf("%d deliveries over two nodes, node b killed after %d: %d retries%n", total, total / 4,
				retries.get());
		assertThat(count("select count(*) from message where conversation_id in "
				+ "(select id from conversation where inbox_id = ?)", inbox))
			.isEqualTo(total);
		assertThat(count("select count(distinct external_id) from message where conversation_id in "
				+ "(select id from conversation where inbox_id = ?)", inbox))
			.isEqualTo(total);
		b = Node.start("b", kafka.port, shared);
		b.awaitUp();
	}

	@Test
	@Order(6)
	void aMailboxIsReadByOneNodeAtATimeAndTakenOverWhenItsHolderIsKilled() throws Exception {
		String address = unique("support") + "@teleo.test";
		GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
		mail.start();
		try {
			mail.setUser(address, address, "secret-1");
			for (int n = 0; n < 500; n++) {
				MimeMessage m = GreenMailUtil.createTextEmail(address, "client" + (n % 50) + "@example.com",
						"Demande " + n, "Bonjour, demande numéro " + n, mail.getSmtp().getServerSetup());
				GreenMailUtil.sendMimeMessage(m);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length == 500);
			var created = TestApi.bearer(a.port, token)
				.post("/api/v1/inboxes",
						Map.of("name", unique("Courriel"), "channel", "email", "address", address, "imap",
								Map.of("host", "127.0.0.1", "port", mail.getImap().getPort(), "username", address,
										"password", "secret-1", "tls", false),
								"smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "username",
										address, "password", "secret-1", "tls", false)));
			assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
			long inbox = created.id("id");
			String countSql = "select count(*) from message where conversation_id in "
					+ "(select id from conversation where inbox_id = ?)";
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> count(countSql, inbox) >= 50);
			String holder = holderOf("mailbox:" + inbox);
			assertThat(holder).as("the mailbox's holder").matches("[ab]/.+");
			Node killed = holder.startsWith("a/") ? a : b;
			Node other = killed == a ? b : a;
			killed.kill();
			long atKill = count(countSql, inbox);
			await().atMost(Duration.ofSeconds(90)).until(() -> count(countSql, inbox) >= 500);
			Thread.sleep(3000); // nothing more comes in
			assertThat(count(countSql, inbox)).isEqualTo(500);
			assertThat(count("select count(distinct external_id) from message where conversation_id in "
					+ "(select id from conversation where inbox_id = ?)", inbox))
				.isEqualTo(500);
			assertThat(holderOf("mailbox:" + inbox)).startsWith(other.name + "/");
			System.out.printf("500 mails, node %s killed holding the mailbox after %d: node %s read the rest%n",
					killed.name, atKill, other.name);
		}
		finally {
			stop(mail);
		}
	}

	@Test
	@Order(7)
	void withThreeNodesAServiceLevelBreachAndABadBuzzAlertAreRecordedOnce() throws Exception {
		if (!a.alive()) {
			a = Node.start("a", kafka.port, shared);
		}
		if (!b.alive()) {
			b = Node.start("b", kafka.port, shared);
		}
		c = Node.start("c", kafka.port, shared);
		for (Node node : new Node[] { a, b, c }) {
			node.awaitUp();
		}
		TestApi onC = TestApi.bearer(c.port, token);
		long late = onC.createApiInbox(unique("SLA"), Map.of("sla", Map.of("firstResponse", "PT1S")));
		long conversation = onC
			.post("/api/v1/inboxes/" + late + "/inbound", TestApi.inbound(unique("m"), unique("c"), "Allô ?"))
			.id("conversationId");
		String breached = "select count(*) from conversation_event where conversation_id = ? and type = 'sla-breached'";
		await().atMost(Duration.ofSeconds(30)).until(() -> count(breached, conversation) > 0);

		long buzz = onC.createApiInbox(unique("Buzz"), Map.of());
		String marker = unique("panne");
		for (int i = 0; i < 30; i++) {
			Map<String, Object> body = new java.util.HashMap<>(TestApi.inbound(unique("m"), unique("angry"),
					"Scandale, " + marker + " générale, service nul et inadmissible"));
			body.put("visibility", "public");
			// spread over the three nodes
			TestApi.bearer(new Node[] { a, b, c }[i % 3].port, token)
				.post("/api/v1/inboxes/" + buzz + "/inbound", body);
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> alerts.stream().anyMatch(alert -> alert.contains("negative mentions")));
		// three nodes have had time to send it again, and to breach again
		Thread.sleep(6000);
		assertThat(count(breached, conversation)).as("one breach, whatever the number of nodes").isOne();
		List<String> sent = alerts.stream()
			.map(TestApi::json)
			.map(alert -> alert.get("hour").asString() + " " + alert.get("measure").asString())
			.toList();
		assertThat(sent).as("each alert sent once").doesNotHaveDuplicates().isNotEmpty();
	}

	private static String holderOf(String lease) throws Exception {
		try (Connection c = database();
				PreparedStatement s = c.prepareStatement("select holder from lease where name = ?")) {
			s.setString(1, lease);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	/**
	 * Stops the mail server. The killed node's IDLE connection ended without a word, and
	 * GreenMail may report that when it stops: it must not hide what the test found.
	 */
	private static void stop(GreenMail mail) {
		try {
			mail.stop();
		}
		catch (IllegalStateException ex) {
			System.out.println("GreenMail on stop: " + ex.getMessage());
		}
	}

	private static long count(String sql, long id) throws Exception {
		try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
			s.setLong(1, id);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static Connection database() throws Exception {
		return DriverManager.getConnection(DATABASE, System.getProperty("spring.datasource.username"), "");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A server-sent event stream read on a thread of its own, each data line handed on.
	 */
	record Stream(Thread reader, HttpResponse<java.io.InputStream> response) implements AutoCloseable {

		static Stream open(String url, String authorization, java.util.function.Consumer<String> data)
				throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<java.io.InputStream> response = HTTP.send(request.GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						if (line.startsWith("data:")) {
							data.accept(line.substring(5));
						}
					}
				}
				catch (IOException ended) {
					// closed at the end of the test
				}
			});
			reader.setDaemon(true);
			reader.start();
			return new Stream(reader, response);
		}

		@Override
		public void close() throws IOException {
			response.body().close();
		}

	}

	/** A Parlons node: this suite's classes in a process of their own. */
	static final class Node {

		final String name;

		final int port;

		private final Process process;

		private Node(String name, int port, Process process) {
			this.name = name;
			this.port = port;
			this.process = process;
		}

		static Node start(String name, int kafkaPort, Path shared) throws Exception {
			int port = freePort();
			Path log = Files.createDirectories(Path.of("target", "cluster")).resolve("node-" + name + ".log");
			ProcessBuilder builder = new ProcessBuilder(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-cp",
					System.getProperty("java.class.path"), "org.parlons.ParlonsApplication")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			Map<String, String> env = builder.environment();
			env.put("SPRING_PROFILES_ACTIVE", "cluster");
			env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
			env.put("SPRING_DATASOURCE_URL", DATABASE);
			env.put("SPRING_DATASOURCE_USERNAME", System.getProperty("spring.datasource.username"));
			// three nodes beside the suite's own contexts share PostgreSQL's 100
			// connections
			env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "8");
			env.put("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2");
			env.put("SERVER_PORT", Integer.toString(port));
			env.put("PARLONS_DATA_DIR", shared.toString());
			env.put("PARLONS_CLUSTER_NODE", name);
			env.put("PARLONS_CLUSTER_LEASE", "PT4S");
			env.put("PARLONS_LISTENING_ALERT_INTERVAL", "PT1S");
			env.put("PARLONS_LISTENING_ALERT_WEBHOOK_URL",
					"http://127.0.0.1:" + alertReceiver.getAddress().getPort() + "/alerts");
			env.put("PARLONS_LISTENING_ALERT_WEBHOOK_SECRET", "alert-secret");
			return new Node(name, port, builder.start());
		}

		String url(String path) {
			return "http://127.0.0.1:" + port + path;
		}

		void awaitUp() {
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
				assertThat(process.isAlive()).as("node " + name + " runs (target/cluster/node-" + name + ".log)")
					.isTrue();
				try {
					return HTTP
						.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
								HttpResponse.BodyHandlers.ofString())
						.body()
						.contains("UP");
				}
				catch (IOException ex) {
					return false;
				}
			});
		}

		String token() {
			var r = TestApi.asAdmin(port).post("/api/v1/tokens", Map.of("name", "cluster"));
			assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
			return r.body().get("token").asString();
		}

		boolean alive() {
			return process.isAlive();
		}

		/** {@code kill -9}: no shutdown, no lease given back. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}

		void stop() throws InterruptedException {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}

	}

	/** The broker of {@code scripts/cluster.sh}, on a free port, for this suite alone. */
	static final class Kafka {

		final int port;

		private final Path dir;

		private Kafka(int port, Path dir) {
			this.port = port;
			this.dir = dir;
		}

		static Kafka start() throws Exception {
			int port = freePort();
			Path dir = Files.createTempDirectory("parlons-kafka-");
			Kafka kafka = new Kafka(port, dir);
			kafka.run("start");
			return kafka;
		}

		void stop() throws Exception {
			run("stop");
		}

		private void run(String command) throws Exception {
			ProcessBuilder builder = new ProcessBuilder("scripts/cluster.sh", command).redirectErrorStream(true);
			builder.environment().put("KAFKA_PORT", Integer.toString(port));
			builder.environment().put("KAFKA_DIR", dir.toString());
			Process process = builder.start();
			String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(said).isZero();
		}

	}

}
