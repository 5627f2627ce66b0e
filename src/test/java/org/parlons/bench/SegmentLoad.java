package org.parlons.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.parlons.ParlonsApplication;
import org.parlons.segments.Segments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.parlons.bench.BenchFigures.ms;
import static org.parlons.bench.BenchFigures.single;

/**
 * The segments benchmark (issue 26): on a fresh PostgreSQL database, seeds 1,000,000
 * customers and 10,000,000 messages (one conversation each, on an email, an X or an API
 * inbox, spread over 90 days; one customer in ten tagged "vip"), then measures, in the
 * same run, the segment engine against the same condition written by hand in SQL:
 * <ol>
 * <li>the initial evaluation of {@code messages(channel = "email", within = "30d") >= 3
 * and not tag = "vip"} over the whole base, members written;</li>
 * <li>the incremental update after one new message, for 500 customers: the engine's look
 * again at one customer in every dynamic segment, against the hand query restricted to
 * that customer and its upsert;</li>
 * <li>the member list, 1,000 random pages of 100 with the total, p50 and p99.</li>
 * </ol>
 * Usage:
 * {@code SegmentLoad jdbc:postgresql://127.0.0.1:5432/parlons_segbench [customers]}
 */
public final class SegmentLoad {

	static final String CONDITION = "messages(channel = \"email\", within = \"30d\") >= 3 and not tag = \"vip\"";

	static final String HAND = "select c.customer_id from message m join conversation c on c.id = m.conversation_id "
			+ "join inbox i on i.id = c.inbox_id where i.channel = 'email' and m.direction = 'in' "
			+ "and m.automated = false and m.sent_at >= now() - interval '30 days' %s group by c.customer_id "
			+ "having count(*) >= 3 except select customer_id from customer_tag where tag = 'vip' %s";

	private SegmentLoad() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
		// system properties: above the test configuration on the class path
		System.setProperty("spring.datasource.url", url);
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("spring.datasource.password", "");
		System.setProperty("server.port", "0");
		System.setProperty("parlons.segments.interval", "PT1H");
		System.setProperty("parlons.segments.sweep", "PT24H");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(ParlonsApplication.class).run();
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			seed(db, customers);
			try (Statement s = db.createStatement()) {
				// a run again on the same seed: the earlier run's segment would be
				// evaluated too
				s.execute("delete from segment");
			}
			Segments segments = app.getBean(Segments.class);

			long t0 = System.nanoTime();
			long handCount;
			try (Statement s = db.createStatement()) {
				s.execute("drop table if exists hand_segment");
				s.execute("create table hand_segment as " + HAND.formatted("", ""));
				s.execute("alter table hand_segment add primary key (customer_id)");
				try (ResultSet rs = s.executeQuery("select count(*) from hand_segment")) {
					rs.next();
					handCount = rs.getLong(1);
				}
			}
			double handSeconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf("hand-written SQL, whole base: %.1f s, %d members%n", handSeconds, handCount);

			t0 = System.nanoTime();
			Segments.Segment segment = segments.create("bench " + System.currentTimeMillis(), CONDITION, "dynamic",
					"profiling", null);
			double engineSeconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf("engine, whole base: %.1f s, %d members (ratio to hand %.1f)%n", engineSeconds,
					segment.members(), engineSeconds / handSeconds);
			// the window slides while the engine runs: members only leave as time passes,
			// so the
			// engine's count lies between the hand count before it and the hand count
			// after
			long handAfter = single(db, "select count(*) from (" + HAND.formatted("", "") + ") h");
			System.out.printf("hand-written SQL again after the engine: %d members%n", handAfter);
			if (segment.members() > handCount || segment.members() < handAfter) {
				throw new IllegalStateException("the engine and the hand query disagree");
			}

			Random random = new Random(26);
			long emailInbox = single(db, "select id from inbox where name = 'bench-email'");
			long[] engineNs = new long[500];
			long[] handNs = new long[500];
			for (int i = 0; i < 500; i++) {
				long customer = 1 + random.nextInt(customers);
				customer = customer - customer % 3 + 1; // the email inbox has customers
														// 1, 4, 7…
				long conversation = single(db, "select id from conversation where customer_id = " + customer);
				try (PreparedStatement insert = db.prepareStatement("insert into message (conversation_id, inbox_id, "
						+ "external_id, direction, visibility, text, status, sent_at, created_at) "
						+ "values (?, ?, ?, 'in', 'private', 'encore', 'received', now(), now())")) {
					insert.setLong(1, conversation);
					insert.setLong(2, emailInbox);
					insert.setString(3, "bench-new-" + System.nanoTime() + "-" + i);
					insert.executeUpdate();
				}
				long start = System.nanoTime();
				segments.reevaluate(List.of(customer), "bench");
				engineNs[i] = System.nanoTime() - start;
				start = System.nanoTime();
				handOne(db, customer);
				handNs[i] = System.nanoTime() - start;
			}
			System.out.printf("incremental, one event: engine p50 %.1f ms p99 %.1f ms; hand p50 %.1f ms p99 %.1f ms%n",
					ms(engineNs, 50), ms(engineNs, 99), ms(handNs, 50), ms(handNs, 99));

			try (Statement s = db.createStatement()) {
				// what autovacuum does in time on a live database, done now for both
				// tables alike
				s.execute("vacuum analyze segment_member");
				s.execute("vacuum analyze hand_segment");
			}
			long total = segments.get(segment.id()).members();
			long[] listNs = new long[1000];
			long[] handList = new long[1000];
			for (int i = 0; i < 1000; i++) {
				int offset = random.nextInt((int) Math.max(1, total - 100));
				long start = System.nanoTime();
				segments.members(segment.id(), offset, 100);
				listNs[i] = System.nanoTime() - start;
				start = System.nanoTime();
				try (Statement s = db.createStatement()) {
					s.executeQuery("select customer_id from hand_segment order by customer_id offset " + offset
							+ " rows fetch next 100 rows only")
						.close();
					s.executeQuery("select count(*) from hand_segment").close();
				}
				handList[i] = System.nanoTime() - start;
			}
			System.out.printf(
					"member list, page of 100 and total: engine p50 %.1f ms p99 %.1f ms; "
							+ "hand p50 %.1f ms p99 %.1f ms%n",
					ms(listNs, 50), ms(listNs, 99), ms(handList, 50), ms(handList, 99));
		}
		finally {
			app.close();
		}
	}

	/** The hand query for one customer and its upsert into the hand-made segment. */
	private static void handOne(Connection db, long customer) throws Exception {
		boolean in;
		try (Statement s = db.createStatement();
				ResultSet rs = s
					.executeQuery(HAND.formatted("and c.customer_id = " + customer, "and customer_id = " + customer))) {
			in = rs.next();
		}
		try (Statement s = db.createStatement()) {
			s.executeUpdate(in ? "insert into hand_segment values (" + customer + ") on conflict do nothing"
					: "delete from hand_segment where customer_id = " + customer);
		}
	}

	private static void seed(Connection db, int customers) throws Exception {
		long start = System.nanoTime();
		try (Statement s = db.createStatement()) {
			if (single(db, "select count(*) from customer") >= customers) {
				System.out.println("seed: already there");
				return;
			}
			s.execute("insert into inbox (name, channel, settings, auto_assign, created_at) values "
					+ "('bench-email', 'email', '{}', false, now()), ('bench-x', 'x', '{}', false, now()), "
					+ "('bench-api', 'api', '{}', false, now())");
			List<Long> inboxes = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("select id from inbox where name like 'bench-%' order by id")) {
				while (rs.next()) {
					inboxes.add(rs.getLong(1));
				}
			}
			s.execute("insert into customer (id, name, attributes, created_at, updated_at) "
					+ "select g, 'Client ' || g, '{}', now(), now() from generate_series(1, " + customers + ") g");
			s.execute("select setval(pg_get_serial_sequence('customer', 'id'), " + customers + ")");
			s.execute("insert into customer_tag (customer_id, tag) select g, 'vip' from generate_series(1, " + customers
					+ ") g where g % 10 = 5");
			long[] ids = inboxes.stream().mapToLong(Long::longValue).toArray();
			s.execute("insert into conversation (id, inbox_id, customer_id, status, last_message_at, created_at, "
					+ "updated_at) select g, case (g - 1) % 3 when 0 then " + ids[0] + " when 1 then " + ids[1]
					+ " else " + ids[2] + " end, g, 'open', now(), now() - interval '90 days', now() "
					+ "from generate_series(1, " + customers + ") g");
			s.execute("select setval(pg_get_serial_sequence('conversation', 'id'), " + customers + ")");
			System.out.printf("seed: customers and conversations in %.0f s%n", (System.nanoTime() - start) / 1e9);
			for (int k = 0; k < 10; k++) {
				s.execute("insert into message (conversation_id, inbox_id, external_id, direction, visibility, text, "
						+ "status, sent_at, created_at) select c.id, c.inbox_id, 'bench-" + k + "-' || c.id, 'in', "
						+ "'private', 'Bonjour', 'received', ts, ts from (select id, inbox_id, now() - "
						+ "(random() * interval '90 days') ts from conversation where id <= " + customers + ") c");
				System.out.printf("seed: %d messages in %.0f s%n", (long) (k + 1) * customers,
						(System.nanoTime() - start) / 1e9);
			}
			s.execute("analyze");
		}
	}

}
