package org.parlons.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's load generator, run by {@code benchmarks/run.sh} against a server it
 * started on loopback. Each step prints one line {@code RESULT name value unit}; the
 * script collects them. Steps: {@code baseline} (plain JDBC batch inserts into a
 * message-shaped table of the same database), {@code ingest} (inbound messages through
 * the API channel end to end), {@code seed} (1,000,000 messages in 100,000 conversations
 * by JDBC batches), {@code list} (inbox list query timings), {@code live}
 * (accepted-to-SSE delay at a fixed rate).
 */
public final class LoadGenerator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static void main(String[] args) throws Exception {
		String step = args[0];
		switch (step) {
			case "baseline" -> baseline(args[1], args[2], Integer.parseInt(args[3]));
			case "baseline-rows" -> baselineRows(args[1], args[2], Integer.parseInt(args[3]));
			case "ingest" -> ingest(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "ingest-batch" -> ingestBatch(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : 0,
					args.length > 6 ? Integer.parseInt(args[6]) : 0, args.length > 7 ? Integer.parseInt(args[7]) : 1);
			case "seed" -> seed(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			case "list" -> list(args[1], Integer.parseInt(args[2]));
			case "live" -> live(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "reports-seed" -> reportsSeed(args[1], args[2], Integer.parseInt(args[3]));
			case "reports" -> reports(args[1], args[2], args[3], Integer.parseInt(args[4]));
			default -> throw new IllegalArgumentException("unknown step " + step);
		}
	}

	static void baseline(String url, String user, int rows) throws Exception {
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			c.setAutoCommit(true);
			try (Statement s = c.createStatement()) {
				s.execute("drop table if exists bench_message");
				s.execute("create table bench_message (id bigint primary key, conversation_id bigint not null, "
						+ "inbox_id bigint not null, external_id varchar(500) not null, direction varchar(3) not null, "
						+ "visibility varchar(10) not null, author_name varchar(300), text varchar(100000) not null, "
						+ "status varchar(30) not null, attachments varchar(20000) not null, "
						+ "sent_at timestamp with time zone not null, created_at timestamp with time zone not null, "
						+ "constraint bench_message_uk unique (inbox_id, external_id))");
			}
			c.setAutoCommit(false);
			long start = System.nanoTime();
			try (PreparedStatement p = c
				.prepareStatement("insert into bench_message values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				for (int i = 0; i < rows; i++) {
					Timestamp now = Timestamp.from(Instant.now());
					p.setLong(1, i + 1);
					p.setLong(2, i % 2000);
					p.setLong(3, 1);
					p.setString(4, "bench-" + i);
					p.setString(5, "in");
					p.setString(6, "PRIVATE");
					p.setString(7, "Client " + (i % 2000));
					p.setString(8, text(i));
					p.setString(9, "received");
					p.setString(10, "[]");
					p.setTimestamp(11, now);
					p.setTimestamp(12, now);
					p.addBatch();
					if (i % 500 == 499) {
						p.executeBatch();
						c.commit();
					}
				}
				p.executeBatch();
				c.commit();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			try (Statement s = c.createStatement()) {
				s.execute("drop table bench_message");
			}
			c.commit();
			result("baseline_rows_per_s", rows / seconds, "rows/s");
		}
	}

	/**
	 * The floor for the same rows ingestion stores, in the same tables: for every 500
	 * messages of ten per author, 50 customers, their 50 identities, 50 conversations and
	 * the 500 messages, by plain JDBC batches with explicit ids, one commit per 500
	 * messages, into the real {@code customer}, {@code customer_identity},
	 * {@code conversation} and {@code message} tables with all their keys and indexes.
	 * The rows are deleted afterwards.
	 */
	static void baselineRows(String url, String user, int messages) throws Exception {
		long base = 4_000_000_000L;
		int perAuthor = 10;
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			c.setAutoCommit(false);
			Timestamp created = Timestamp.from(Instant.now());
			try (PreparedStatement p = c
				.prepareStatement("insert into inbox (id, name, channel, settings, auto_assign, "
						+ "created_at) values (?, 'bench-baseline', 'api', '{}', false, ?)")) {
				p.setLong(1, base);
				p.setTimestamp(2, created);
				p.executeUpdate();
			}
			c.commit();
			long start = System.nanoTime();
			try (PreparedStatement customer = c
				.prepareStatement("insert into customer (id, name, attributes, created_at, "
						+ "updated_at) values (?, ?, '{}', ?, ?)");
					PreparedStatement identity = c
						.prepareStatement("insert into customer_identity (id, customer_id, kind, "
								+ "namespace, identity_value, created_at) values (?, ?, 'EXTERNAL', ?, ?, ?)");
					PreparedStatement conversation = c
						.prepareStatement("insert into conversation (id, inbox_id, customer_id, "
								+ "status, priority, subject, last_message_at, last_incoming_at, message_count, preview, created_at, "
								+ "updated_at) values (?, ?, ?, 'OPEN', 'normal', null, ?, ?, ?, ?, ?, ?)");
					PreparedStatement message = c
						.prepareStatement("insert into message (id, conversation_id, inbox_id, "
								+ "external_id, direction, visibility, author_name, text, status, attachments, sent_at, created_at, "
								+ "automated) values (?, ?, ?, ?, 'in', 'PRIVATE', ?, ?, 'received', '[]', ?, ?, false)")) {
				for (int from = 0; from < messages; from += 500) {
					int to = Math.min(messages, from + 500);
					Timestamp now = Timestamp.from(Instant.now());
					for (int a = from / perAuthor; a < (to + perAuthor - 1) / perAuthor; a++) {
						customer.setLong(1, base + a);
						customer.setString(2, "Client " + a);
						customer.setTimestamp(3, now);
						customer.setTimestamp(4, now);
						customer.addBatch();
						identity.setLong(1, base + a);
						identity.setLong(2, base + a);
						identity.setString(3, "inbox:" + base);
						identity.setString(4, "author-" + a);
						identity.setTimestamp(5, now);
						identity.addBatch();
						conversation.setLong(1, base + a);
						conversation.setLong(2, base);
						conversation.setLong(3, base + a);
						conversation.setTimestamp(4, now);
						conversation.setTimestamp(5, now);
						conversation.setInt(6, perAuthor);
						conversation.setString(7, text(a));
						conversation.setTimestamp(8, now);
						conversation.setTimestamp(9, now);
						conversation.addBatch();
					}
					customer.executeBatch();
					identity.executeBatch();
					conversation.executeBatch();
					for (int i = from; i < to; i++) {
						message.setLong(1, base + i);
						message.setLong(2, base + i / perAuthor);
						message.setLong(3, base);
						message.setString(4, "bench-" + i);
						message.setString(5, "Client " + i / perAuthor);
						message.setString(6, text(i / perAuthor));
						message.setTimestamp(7, now);
						message.setTimestamp(8, now);
						message.addBatch();
					}
					message.executeBatch();
					c.commit();
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			try (Statement s = c.createStatement()) {
				s.execute("delete from message where inbox_id = " + base);
				s.execute("delete from conversation where inbox_id = " + base);
				s.execute("delete from customer_identity where namespace = 'inbox:" + base + "'");
				s.execute("delete from customer where id >= " + base);
				s.execute("delete from inbox where id = " + base);
			}
			c.commit();
			result("baseline_same_rows_messages_per_s", messages / seconds, "messages/s");
		}
	}

	/**
	 * One message per request; {@code bases} may name several nodes, comma-separated: the
	 * requests then go to each in turn.
	 */
	static void ingest(String bases, int messages, int threads) throws Exception {
		String[] nodes = bases.split(",");
		String base = nodes[0];
		String auth = token(base);
		long inbox = inbox(base, auth, "bench-ingest-" + System.currentTimeMillis());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger failures = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < messages; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				int status = post(nodes[n % nodes.length] + "/api/v1/inboxes/" + inbox + "/inbound", auth,
						inbound("ing-" + n, n % 2000));
				if (status != 202) {
					failures.incrementAndGet();
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		result("ingest_messages_per_s", messages / seconds, "messages/s");
		result("ingest_failures", failures.get(), "requests");
	}

	/**
	 * The batch door of the API channel: {@code batchSize} messages per request,
	 * {@code threads} clients; one author per ten messages, as in {@link #ingest}. Every
	 * message is checked to be stored (none a duplicate), so a fast failure cannot pass
	 * for speed.
	 * <p>
	 * Measured like a JMH benchmark, in one process: rounds of {@code messages} messages,
	 * each into a new inbox so that every round does the same work (new customers, new
	 * conversations, then their follow-ups). Unmeasured rounds first, for at least
	 * {@code minWarmupSeconds} and then until a round in which the server's JIT compiler
	 * took under 5 % of the server's CPU (or {@code maxWarmupSeconds} have passed): after
	 * a 20,000-message warm-up its compiler threads still took 40 % of the server's CPU
	 * during the measured round. Then {@code rounds} measured rounds; the median is the
	 * result, every round is printed.
	 */
	static void ingestBatch(String base, int messages, int batchSize, int threads, int minWarmupSeconds,
			int maxWarmupSeconds, int rounds) throws Exception {
		String auth = token(base);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long warmupStart = System.nanoTime();
		int warmups = 0;
		while ((System.nanoTime() - warmupStart) / 1e9 < maxWarmupSeconds) {
			BatchRound round = batchRound(base, auth, pool, messages, batchSize, "warmup-" + warmups);
			result("warmup_batch_round_messages_per_s", round.rate(), "messages/s");
			result("warmup_batch_round_server_jit_share", round.jitShare(), "of the server's CPU");
			warmups++;
			boolean settled = Double.isNaN(round.jitShare()) || round.jitShare() < 0.05;
			if ((System.nanoTime() - warmupStart) / 1e9 >= minWarmupSeconds && settled) {
				break;
			}
		}
		double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
		List<Double> rates = new ArrayList<>();
		int stored = 0;
		int failures = 0;
		for (int r = 0; r < rounds; r++) {
			BatchRound round = batchRound(base, auth, pool, messages, batchSize, "round-" + r);
			result("ingest_batch_round_messages_per_s", round.rate(), "messages/s");
			result("ingest_batch_round_server_jit_share", round.jitShare(), "of the server's CPU");
			result("ingest_batch_round_server_cpu_per_message", round.serverCpuPerMessage(), "µs");
			rates.add(round.rate());
			stored += round.stored();
			failures += round.failures();
		}
		pool.shutdown();
		Collections.sort(rates);
		result("ingest_batch_warmup_rounds", warmups, "rounds");
		result("ingest_batch_warmup_seconds", warmupSeconds, "s");
		if (!rates.isEmpty()) {
			result("ingest_batch_messages_per_s", rates.get(rates.size() / 2), "messages/s (median of the rounds)");
		}
		result("ingest_batch_stored", stored, "messages");
		result("ingest_batch_failures", failures, "messages");
	}

	private record BatchRound(double rate, int stored, int failures, double jitShare, double serverCpuPerMessage) {
	}

	/**
	 * The server's CPU time so far, all its threads and its JIT compiler threads, in
	 * clock ticks, read from {@code /proc} when {@code BENCH_SERVER_PID} names the
	 * server's process (Linux, same machine); else nothing.
	 */
	private static long[] serverCpu() {
		String pid = System.getenv("BENCH_SERVER_PID");
		if (pid == null) {
			return null;
		}
		long all = 0;
		long jit = 0;
		try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
			for (var task : (Iterable<Path>) tasks::iterator) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (IOException gone) {
					continue;
				}
				// pid (comm) state ... utime stime: fields 14 and 15, counted after the
				// command's closing parenthesis
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				all += ticks;
				if (name.contains("CompilerThre")) {
					jit += ticks;
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return new long[] { all, jit };
	}

	/**
	 * One round of the batch door: a new inbox, {@code messages} messages, timed from
	 * first request to last answer.
	 */
	private static BatchRound batchRound(String base, String auth, ExecutorService pool, int messages, int batchSize,
			String name) throws Exception {
		long inbox = inbox(base, auth, "bench-batch-" + name + "-" + System.currentTimeMillis());
		int authors = Math.max(1, messages / 10);
		// The bodies are written before the clock starts: the generator shares the
		// server's two cores, and writing 500 messages of JSON per request is its own
		// work, not the server's.
		List<String> bodies = new ArrayList<>();
		for (int from = 0; from < messages; from += batchSize) {
			List<Map<String, Object>> batch = new ArrayList<>(batchSize);
			for (int n = from; n < Math.min(messages, from + batchSize); n++) {
				batch.add(inbound("bat-" + n, n % authors));
			}
			bodies.add(JSON.writeValueAsString(Map.of("messages", batch)));
		}
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger stored = new AtomicInteger();
		List<Future<?>> futures = new ArrayList<>();
		long[] cpuBefore = serverCpu();
		long start = System.nanoTime();
		for (int b = 0; b < bodies.size(); b++) {
			String body = bodies.get(b);
			int size = Math.min(batchSize, messages - b * batchSize);
			futures.add(pool.submit(() -> {
				try {
					HttpRequest r = HttpRequest
						.newBuilder(URI.create(base + "/api/v1/inboxes/" + inbox + "/inbound/batch"))
						.header("Authorization", auth)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build();
					HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
					if (answer.statusCode() != 202) {
						failures.addAndGet(size);
						return;
					}
					stored.addAndGet((int) JSON.readTree(answer.body()).get("stored").asLong());
				}
				catch (Exception ex) {
					failures.addAndGet(size);
				}
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] cpuAfter = serverCpu();
		double jitShare = cpuBefore == null || cpuAfter == null || cpuAfter[0] == cpuBefore[0] ? Double.NaN
				: (double) (cpuAfter[1] - cpuBefore[1]) / (cpuAfter[0] - cpuBefore[0]);
		// Clock ticks of 10 ms (USER_HZ = 100 on Linux), as microseconds of the server's
		// CPU per stored message.
		double cpuPerMessage = cpuBefore == null || cpuAfter == null || stored.get() == 0 ? Double.NaN
				: (cpuAfter[0] - cpuBefore[0]) * 10_000.0 / stored.get();
		return new BatchRound(stored.get() / seconds, stored.get(), failures.get(), jitShare, cpuPerMessage);
	}

	/**
	 * A year of conversations for the reports benchmark, by JDBC batches: spread over the
	 * last 365 days, over 5 inboxes, 8 teams and 40 agents; answered after 1 minute to 2
	 * days (log-uniform); 80 % resolved (with their 'resolved' event) after up to 5 more
	 * days.
	 */
	static void reportsSeed(String url, String user, int conversations) throws Exception {
		java.util.Random random = new java.util.Random(42);
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			c.setAutoCommit(false);
			long customer;
			long[] inboxes = new long[5];
			try (Statement s = c.createStatement()) {
				s.execute("insert into customer (name, attributes, created_at, updated_at) values "
						+ "('bench-reports', '{}', current_timestamp, current_timestamp)");
				var rs = s.executeQuery("select max(id) from customer");
				rs.next();
				customer = rs.getLong(1);
				for (int i = 0; i < inboxes.length; i++) {
					s.execute(
							"insert into inbox (name, channel, settings, auto_assign, created_at) values ('bench-report-"
									+ i
									+ "', 'api', '{\"sla\": {\"firstResponse\": \"PT4H\"}}', false, current_timestamp)");
					var ids = s.executeQuery("select max(id) from inbox");
					ids.next();
					inboxes[i] = ids.getLong(1);
				}
			}
			c.commit();
			Instant now = Instant.now();
			long start = System.nanoTime();
			try (PreparedStatement conv = c
				.prepareStatement("insert into conversation (inbox_id, customer_id, status, priority, "
						+ "assignee_id, team_id, last_message_at, message_count, created_at, updated_at, first_reply_at, "
						+ "last_reply_at) values (?, ?, ?, 'normal', ?, ?, ?, 2, ?, ?, ?, ?)",
						Statement.RETURN_GENERATED_KEYS);
					PreparedStatement event = c
						.prepareStatement("insert into conversation_event (conversation_id, type, "
								+ "created_at) values (?, 'resolved', ?)")) {
				for (int from = 0; from < conversations; from += 5_000) {
					int to = Math.min(conversations, from + 5_000);
					Timestamp[] resolvedAt = new Timestamp[to - from];
					for (int i = from; i < to; i++) {
						Instant created = now.minusSeconds((long) (random.nextDouble() * 365 * 86_400));
						Instant answered = created
							.plusSeconds((long) (60 * Math.exp(random.nextDouble() * Math.log(2_880))));
						boolean resolved = random.nextInt(10) < 8;
						Instant done = answered.plusSeconds((long) (random.nextDouble() * 5 * 86_400));
						if (done.isAfter(now)) {
							resolved = false;
						}
						if (answered.isAfter(now)) {
							answered = null;
						}
						int agent = random.nextInt(40);
						conv.setLong(1, inboxes[random.nextInt(inboxes.length)]);
						conv.setLong(2, customer);
						conv.setString(3, resolved ? "RESOLVED" : "OPEN");
						conv.setLong(4, 1_000_000 + agent);
						conv.setLong(5, 2_000_000 + agent / 5);
						conv.setTimestamp(6, Timestamp.from(resolved ? done : created));
						conv.setTimestamp(7, Timestamp.from(created));
						conv.setTimestamp(8, Timestamp.from(created));
						conv.setTimestamp(9, answered == null ? null : Timestamp.from(answered));
						conv.setTimestamp(10, answered == null ? null : Timestamp.from(answered));
						conv.addBatch();
						resolvedAt[i - from] = resolved ? Timestamp.from(done) : null;
					}
					conv.executeBatch();
					var keys = conv.getGeneratedKeys();
					int k = 0;
					while (keys.next()) {
						if (resolvedAt[k] != null) {
							event.setLong(1, keys.getLong(1));
							event.setTimestamp(2, resolvedAt[k]);
							event.addBatch();
						}
						k++;
					}
					event.executeBatch();
					c.commit();
				}
			}
			result("reports_seed_conversations_per_s", conversations / ((System.nanoTime() - start) / 1e9),
					"conversations/s");
		}
	}

	/**
	 * The reports page's query for a year, by team, timed through the API after the
	 * rollups were rebuilt, next to the same figures (counts, median and 90th percentile
	 * of first-response and resolution times) computed by PostgreSQL from the raw
	 * conversations with percentile_cont.
	 */
	static void reports(String base, String url, String user, int requests) throws Exception {
		String auth = token(base);
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		String period = "from=" + today.minusDays(365) + "&to=" + today;
		long rebuild = System.nanoTime();
		HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/reports/rebuild?" + period))
			.header("Authorization", auth)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> rebuilt = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
		result("reports_rebuild_year_s", (System.nanoTime() - rebuild) / 1e9, "s");
		result("reports_rollup_rows", JSON.readTree(rebuilt.body()).get("rows").asLong(), "rows");
		for (String by : List.of("team", "agent")) {
			for (int i = 0; i < 20; i++) {
				get(base + "/api/v1/reports?" + period + "&by=" + by, auth);
			}
			double[] ms = new double[requests];
			for (int i = 0; i < requests; i++) {
				long t = System.nanoTime();
				int status = get(base + "/api/v1/reports?" + period + "&by=" + by, auth);
				ms[i] = (System.nanoTime() - t) / 1e6;
				if (status != 200) {
					throw new IllegalStateException("reports answered " + status);
				}
			}
			java.util.Arrays.sort(ms);
			result("reports_year_by_" + by + "_p50_ms", ms[requests / 2], "ms");
			result("reports_year_by_" + by + "_p99_ms", ms[(int) Math.ceil(requests * 0.99) - 1], "ms");
		}
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			String frt = "select team_id, count(*), percentile_cont(0.5) within group (order by extract(epoch from "
					+ "first_reply_at - created_at)), percentile_cont(0.9) within group (order by extract(epoch from "
					+ "first_reply_at - created_at)) from conversation where first_reply_at >= now() - interval '365 days' "
					+ "group by team_id";
			String res = "select c.team_id, count(*), percentile_cont(0.5) within group (order by extract(epoch from "
					+ "e.created_at - c.created_at)), percentile_cont(0.9) within group (order by extract(epoch from "
					+ "e.created_at - c.created_at)) from conversation_event e join conversation c on c.id = e.conversation_id "
					+ "where e.type = 'resolved' and e.created_at >= now() - interval '365 days' group by c.team_id";
			double[] ms = new double[5];
			for (int i = 0; i < ms.length; i++) {
				long t = System.nanoTime();
				for (String sql : List.of(frt, res)) {
					try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
						while (rs.next()) {
							rs.getDouble(3);
						}
					}
				}
				ms[i] = (System.nanoTime() - t) / 1e6;
			}
			java.util.Arrays.sort(ms);
			result("reports_raw_sql_year_by_team_median_ms", ms[2], "ms");
		}
	}

	static void seed(String url, String user, int conversations, int messagesPerConversation) throws Exception {
		try (Connection c = DriverManager.getConnection(url, user, "")) {
			c.setAutoCommit(false);
			long inbox;
			try (Statement s = c.createStatement()) {
				s.execute("insert into inbox (name, channel, settings, auto_assign, created_at) values "
						+ "('bench-list', 'api', '{}', false, current_timestamp)");
				var rs = s.executeQuery("select max(id) from inbox");
				rs.next();
				inbox = rs.getLong(1);
			}
			long start = System.nanoTime();
			long firstCustomer;
			try (Statement s = c.createStatement()) {
				var rs = s.executeQuery("select coalesce(max(id), 0) + 1000000 from customer");
				rs.next();
				firstCustomer = rs.getLong(1);
			}
			String[] statuses = { "OPEN", "OPEN", "PENDING", "RESOLVED", "RESOLVED", "RESOLVED", "SNOOZED" };
			Instant base = Instant.now().minus(Duration.ofDays(365));
			try (PreparedStatement cu = c.prepareStatement(
					"insert into customer (id, name, attributes, created_at, updated_at) values (?, ?, '{}', ?, ?)");
					PreparedStatement cv = c
						.prepareStatement("insert into conversation (id, inbox_id, customer_id, status, priority, "
								+ "last_message_at, message_count, preview, created_at, updated_at) values (?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?)");
					PreparedStatement ms = c
						.prepareStatement("insert into message (conversation_id, inbox_id, external_id, direction, "
								+ "visibility, author_name, text, status, attachments, sent_at, created_at) values (?, ?, ?, 'in', 'PRIVATE', ?, ?, 'received', '[]', ?, ?)")) {
				long conversationBase = firstCustomer;
				for (int i = 0; i < conversations; i++) {
					long customer = firstCustomer + i;
					long conversation = conversationBase + i;
					Timestamp at = Timestamp.from(base.plusSeconds((long) i * 315));
					cu.setLong(1, customer);
					cu.setString(2, "Client " + i);
					cu.setTimestamp(3, at);
					cu.setTimestamp(4, at);
					cu.addBatch();
					cv.setLong(1, conversation);
					cv.setLong(2, inbox);
					cv.setLong(3, customer);
					cv.setString(4, statuses[i % statuses.length]);
					cv.setTimestamp(5, at);
					cv.setInt(6, messagesPerConversation);
					cv.setString(7, text(i));
					cv.setTimestamp(8, at);
					cv.setTimestamp(9, at);
					cv.addBatch();
					for (int m = 0; m < messagesPerConversation; m++) {
						ms.setLong(1, conversation);
						ms.setLong(2, inbox);
						ms.setString(3, "seed-" + i + "-" + m);
						ms.setString(4, "Client " + i);
						ms.setString(5, text(i + m));
						ms.setTimestamp(6, at);
						ms.setTimestamp(7, at);
						ms.addBatch();
					}
					if (i % 200 == 199) {
						cu.executeBatch();
						cv.executeBatch();
						ms.executeBatch();
						c.commit();
					}
				}
				cu.executeBatch();
				cv.executeBatch();
				ms.executeBatch();
				c.commit();
			}
			result("seed_seconds", (System.nanoTime() - start) / 1e9, "s");
			result("seed_inbox", inbox, "id");
		}
	}

	static void list(String base, int requests) throws Exception {
		String auth = token(base);
		List<String> queries = List.of("/api/v1/conversations?status=open&page=0&size=25",
				"/api/v1/conversations?page=0&size=25", "/api/v1/conversations?status=resolved&page=40&size=25");
		for (int warm = 0; warm < 30; warm++) {
			get(base + queries.get(warm % queries.size()), auth);
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			long t = System.nanoTime();
			int status = get(base + queries.get(i % queries.size()), auth);
			millis.add((System.nanoTime() - t) / 1e6);
			if (status != 200) {
				throw new IllegalStateException("list answered " + status);
			}
		}
		Collections.sort(millis);
		result("list_p50_ms", percentile(millis, 50), "ms");
		result("list_p99_ms", percentile(millis, 99), "ms");
	}

	/**
	 * The delay from a message accepted to its event on an agent's stream; with two bases
	 * ({@code a,b}) the messages go to the first node and the stream is read on the
	 * second.
	 */
	static void live(String bases, int ratePerSecond, int seconds) throws Exception {
		String base = bases.split(",")[0];
		String streamBase = bases.contains(",") ? bases.split(",")[1] : base;
		String auth = token(base);
		long inbox = inbox(base, auth, "bench-live-" + System.currentTimeMillis());
		Map<Long, Long> acceptedAt = new ConcurrentHashMap<>();
		Map<Long, Long> seenAt = new ConcurrentHashMap<>();
		HttpRequest stream = HttpRequest.newBuilder(URI.create(streamBase + "/api/v1/events"))
			.header("Authorization", auth)
			.header("Accept", "text/event-stream")
			.GET()
			.build();
		var response = HTTP.send(stream, HttpResponse.BodyHandlers.ofInputStream());
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					if (line.startsWith("data:")) {
						JsonNode event = JSON.readTree(line.substring(5));
						if (event.has("messageId")) {
							seenAt.putIfAbsent(event.get("messageId").asLong(), System.nanoTime());
						}
					}
				}
			}
			catch (Exception ignored) {
				// stream closed at the end of the run
			}
		});
		reader.setDaemon(true);
		reader.start();
		Thread.sleep(500);
		int total = ratePerSecond * seconds;
		ScheduledExecutorService ticker = Executors.newScheduledThreadPool(1);
		ExecutorService senders = Executors.newFixedThreadPool(64);
		AtomicInteger sent = new AtomicInteger();
		long periodMicros = 1_000_000L / ratePerSecond;
		ticker.scheduleAtFixedRate(() -> {
			int n = sent.getAndIncrement();
			if (n >= total) {
				return;
			}
			senders.execute(() -> {
				try {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create(base + "/api/v1/inboxes/" + inbox + "/inbound"))
						.header("Authorization", auth)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers
							.ofString(JSON.writeValueAsString(inbound("live-" + n, n % 1000))))
						.build();
					var r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
					long now = System.nanoTime();
					if (r.statusCode() == 202) {
						acceptedAt.put(JSON.readTree(r.body()).get("messageId").asLong(), now);
					}
				}
				catch (Exception ex) {
					// counted as missing below
				}
			});
		}, 0, periodMicros, TimeUnit.MICROSECONDS);
		Thread.sleep(seconds * 1000L + 5000);
		ticker.shutdownNow();
		senders.shutdown();
		senders.awaitTermination(30, TimeUnit.SECONDS);
		Thread.sleep(2000);
		List<Double> delays = new ArrayList<>();
		int missing = 0;
		for (var e : acceptedAt.entrySet()) {
			Long seen = seenAt.get(e.getKey());
			if (seen == null) {
				missing++;
			}
			else {
				// The event may arrive before the HTTP answer is read: that counts as no
				// delay.
				delays.add(Math.max(0, (seen - e.getValue()) / 1e6));
			}
		}
		Collections.sort(delays);
		result("live_accepted", acceptedAt.size(), "messages");
		result("live_missing_events", missing, "messages");
		result("live_p50_ms", percentile(delays, 50), "ms");
		result("live_p99_ms", percentile(delays, 99), "ms");
	}

	static String token(String base) throws Exception {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((System.getenv().getOrDefault("PARLONS_ADMIN_EMAIL", "bench@parlons.local") + ":"
					+ System.getenv().getOrDefault("PARLONS_ADMIN_PASSWORD", "bench-password"))
				.getBytes(StandardCharsets.UTF_8));
		HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
			.header("Authorization", basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
			.build();
		return "Bearer "
				+ JSON.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body()).get("token").asString();
	}

	private static long inbox(String base, String auth, String name) throws Exception {
		HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/inboxes"))
			.header("Authorization", auth)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"channel\":\"api\"}"))
			.build();
		return JSON.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body()).get("id").asLong();
	}

	private static int post(String url, String auth, Object body) {
		try {
			HttpRequest r = HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", auth)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build();
			return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	static int get(String url, String auth) throws Exception {
		HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build();
		return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static Map<String, Object> inbound(String id, int author) {
		return Map.of("externalId", id, "author", Map.of("externalId", "author-" + author, "name", "Client " + author),
				"text", text(author), "visibility", "private");
	}

	private static String text(int i) {
		return "Bonjour, ma box ne fonctionne plus depuis ce matin (ticket " + i + "). Pouvez-vous m'aider ?";
	}

	private static double percentile(List<Double> sorted, int p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	static void result(String name, double value, String unit) {
		System.out.printf("RESULT %s %.2f %s%n", name, value, unit);
	}

	private LoadGenerator() {
	}

}
