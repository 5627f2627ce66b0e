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
import org.parlons.network.Paths;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.parlons.bench.BenchFigures.ms;
import static org.parlons.bench.BenchFigures.single;

/**
 * The professional network benchmark (issue 27): on a fresh PostgreSQL database, seeds
 * 100,000 people in companies of 50 and 1,000,000 ties (each person tied to about ten
 * colleagues and ten people anywhere, by LinkedIn, vCard, email, copies and meetings,
 * with counts and dates over three years; 50 agents with 400 LinkedIn connections each,
 * five of them opted out), then measures, in the same run, for 500 random targets:
 * <ol>
 * <li>the engine: {@link Paths#to} for the 5 strongest paths of at most 3 links, names
 * and reasons included;</li>
 * <li>the floor: the same three neighbourhood reads in plain JDBC, nothing else;</li>
 * <li>the hand-written SQL: a recursive query over a table of pair strengths computed
 * beforehand with the same formula (its build time reported apart), ordering paths by the
 * product of their strengths. The run checks that the engine's strongest path has the
 * same strength as the hand query's.</li>
 * </ol>
 * Usage: {@code NetworkLoad jdbc:postgresql://127.0.0.1:5432/parlons_netbench [people]}
 */
public final class NetworkLoad {

	static final int AGENTS = 50;

	static final int AGENT_CONNECTIONS = 400;

	static final long FIRST_AGENT = 100_001;

	static final String DECAY = "power(0.5, extract(epoch from (now() - %s)) / (180 * 86400.0))";

	/** {@code org.parlons.network.Strength}, written in SQL. */
	static final String SHARE = "case t.source " + "when 'linkedin' then 0.35 * (0.6 + 0.4 * "
			+ DECAY.formatted("t.first_at").replace("180 * 86400.0", "4 * 180 * 86400.0") + ") "
			+ "when 'vcard' then 0.5 * (0.6 + 0.4 * "
			+ DECAY.formatted("t.first_at").replace("180 * 86400.0", "4 * 180 * 86400.0") + ") "
			+ "when 'meeting' then (0.55 + 0.35 * (1 - exp(-(((t.a_to_b + t.b_to_a + 1) / 2) - 1) / 3.0))) "
			+ "* greatest(0.15, " + DECAY.formatted("t.last_at") + ") "
			+ "when 'copied' then (0.15 + 0.2 * (1 - exp(-(t.a_to_b + t.b_to_a) / 4.0))) * greatest(0.1, "
			+ DECAY.formatted("t.last_at") + ") " + "else (0.25 + 0.45 * (1 - exp(-(t.a_to_b + t.b_to_a) / 6.0))) "
			+ "* (case when t.a_to_b > 0 and t.b_to_a > 0 then 1 else 0.6 end) * greatest(0.1, "
			+ DECAY.formatted("t.last_at") + ") end";

	static final String HAND = "with recursive walk(kind, id, strength, path, links) as ("
			+ "select 'customer'::varchar, ?::bigint, 1.0::float8, array[?::bigint], 0 union all "
			+ "select p.from_kind, p.from_id, w.strength * p.strength, w.path || p.node, w.links + 1 "
			+ "from walk w join bench_pair p on p.to_id = w.id where w.kind = 'customer' and w.links < 3 "
			+ "and (w.links < 2 or p.from_kind = 'agent') and not p.node = any(w.path) "
			+ "and (p.from_kind = 'customer' or p.from_id not in (select agent_id from network_opt_out))) "
			+ "select strength, path from walk where kind = 'agent' order by strength desc limit 5";

	private NetworkLoad() {
	}

	public static void main(String[] args) throws Exception {
		String url = args[0];
		int people = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		System.setProperty("spring.datasource.url", url);
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("spring.datasource.password", "");
		System.setProperty("server.port", "0");
		System.setProperty("parlons.network.read-interval", "PT1H");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(ParlonsApplication.class).run();
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			seed(db, people);
			Paths paths = app.getBean(Paths.class);
			long t0 = System.nanoTime();
			try (Statement s = db.createStatement()) {
				s.execute("drop table if exists bench_pair");
				String pair = "(select a_kind, a_id, b_id, least(0.99, 1 - exp(sum(ln(1 - (" + SHARE
						+ "))))) as strength from network_tie t group by a_kind, a_id, b_id) pair";
				s.execute("create table bench_pair as select case when a_kind = 'agent' then -a_id else a_id end "
						+ "as node, a_kind as from_kind, a_id as from_id, b_id as to_id, strength from " + pair
						+ " union all select b_id, 'customer', b_id, a_id, strength from " + pair
						+ " where a_kind = 'customer'");
				s.execute("create index bench_pair_to_ix on bench_pair (to_id)");
				s.execute("analyze bench_pair");
			}
			System.out.printf("hand-written SQL: pair strengths built in %.1f s (%d rows)%n",
					(System.nanoTime() - t0) / 1e9, single(db, "select count(*) from bench_pair"));

			Random random = new Random(27);
			int rounds = 500;
			long[] engine = new long[rounds];
			long[] floor = new long[rounds];
			long[] hand = new long[rounds];
			int found = 0;
			int agree = 0;
			long links = 0;
			for (int warm = 0; warm < 100; warm++) {
				paths.to(1 + random.nextInt(people), 5);
			}
			for (int i = 0; i < rounds; i++) {
				long target = 1 + random.nextInt(people);
				long start = System.nanoTime();
				List<Paths.Path> best = paths.to(target, 5);
				engine[i] = System.nanoTime() - start;
				start = System.nanoTime();
				links += neighbourhood(db, target);
				floor[i] = System.nanoTime() - start;
				start = System.nanoTime();
				double handBest = -1;
				try (PreparedStatement q = db.prepareStatement(HAND)) {
					q.setLong(1, target);
					q.setLong(2, target);
					try (ResultSet rs = q.executeQuery()) {
						if (rs.next()) {
							handBest = rs.getDouble(1);
						}
					}
				}
				hand[i] = System.nanoTime() - start;
				if (!best.isEmpty()) {
					found++;
				}
				double engineBest = best.isEmpty() ? -1 : best.get(0).strength();
				if (Math.abs(engineBest - handBest) < 1e-6) {
					agree++;
				}
			}
			System.out.printf("engine, 5 strongest paths: p50 %.1f ms p99 %.1f ms; %d of %d targets reached%n",
					ms(engine, 50), ms(engine, 99), found, rounds);
			System.out.printf("floor, the neighbourhood read alone: p50 %.1f ms p99 %.1f ms; %d ties read per target%n",
					ms(floor, 50), ms(floor, 99), links / rounds);
			System.out.printf("hand-written recursive SQL: p50 %.1f ms p99 %.1f ms; same strongest path for %d of %d%n",
					ms(hand, 50), ms(hand, 99), agree, rounds);
			StringBuilder export = new StringBuilder("Notes:\n\"When exporting your connection data…\"\n\n"
					+ "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
			for (int i = 0; i < 30_000; i++) {
				export.append("Prénom")
					.append(i)
					.append(",Nom")
					.append(i)
					.append(",https://www.linkedin.com/in/bench-")
					.append(i)
					.append(',')
					.append(i % 3 == 0 ? "" : "bench" + i + "@import.example")
					.append(",Société ")
					.append(i % 700)
					.append(",Poste ")
					.append(i % 40)
					.append(",1")
					.append(" Mar 2022\n");
			}
			long start = System.nanoTime();
			var summary = app.getBean(org.parlons.network.NetworkImports.class)
				.linkedIn(FIRST_AGENT + 10, export.toString());
			System.out.printf("engine, a 30,000-line LinkedIn export imported in %.1f s (%d new profiles, %d ties)%n",
					(System.nanoTime() - start) / 1e9, summary.created(), summary.ties());
		}
		finally {
			app.close();
		}
	}

	/** The three reads the engine makes, by hand; answers how many ties they read. */
	private static long neighbourhood(Connection db, long target) throws Exception {
		List<Long> level = List.of(target);
		java.util.Set<Long> seen = new java.util.HashSet<>(level);
		long read = 0;
		for (int depth = 1; depth <= 3 && !level.isEmpty(); depth++) {
			String sql = depth == 3
					? "select a_id, b_id, a_kind from network_tie where b_id = any(?) and a_kind = 'agent'"
					: "select a_id, b_id, a_kind from network_tie where b_id = any(?) union all "
							+ "select a_id, b_id, a_kind from network_tie where a_kind = 'customer' and a_id = any(?) "
							+ "and not (b_id = any(?))";
			List<Long> next = new ArrayList<>();
			try (PreparedStatement q = db.prepareStatement(sql)) {
				java.sql.Array ids = db.createArrayOf("bigint", level.toArray());
				q.setArray(1, ids);
				if (depth < 3) {
					q.setArray(2, ids);
					q.setArray(3, ids);
				}
				try (ResultSet rs = q.executeQuery()) {
					while (rs.next()) {
						read++;
						for (long end : new long[] { rs.getLong(1), rs.getLong(2) }) {
							if (!"agent".equals(rs.getString(3)) || end == rs.getLong(2)) {
								if (seen.add(end)) {
									next.add(end);
								}
							}
						}
					}
				}
			}
			level = next;
		}
		return read;
	}

	private static void seed(Connection db, int people) throws Exception {
		if (single(db, "select count(*) from network_tie") >= 1_000_000) {
			System.out.println("seed: already there");
			return;
		}
		long t0 = System.nanoTime();
		try (Statement s = db.createStatement()) {
			s.execute("insert into customer (id, name, attributes, created_at, updated_at) "
					+ "select g, 'Personne ' || g, '{}', now(), now() from generate_series(1, " + people + ") g "
					+ "on conflict do nothing");
			// profiles made later (the import) take numbers after the seed's
			s.execute("select setval(pg_get_serial_sequence('customer', 'id'), (select max(id) from customer))");
			s.execute("insert into agent (id, email, name, password_hash, role, active, created_at) select g, "
					+ "'agent' || g || '@bench.local', 'Agent ' || g, 'x', 'AGENT', true, now() from generate_series("
					+ FIRST_AGENT + ", " + (FIRST_AGENT + AGENTS - 1) + ") g on conflict do nothing");
			s.execute("insert into network_opt_out (agent_id, opted_out_at) select g, now() from generate_series("
					+ FIRST_AGENT + ", " + (FIRST_AGENT + 4) + ") g on conflict do nothing");
			s.execute("insert into network_tie (a_kind, a_id, b_kind, b_id, source, a_to_b, b_to_a, first_at, last_at) "
					+ "select 'agent', " + FIRST_AGENT + " + (g % " + AGENTS
					+ "), 'customer', 1 + (hashint4(g) & 2147483647) % " + people
					+ ", 'linkedin', 1, 1, now() - (g % 1000) * interval '1 day', now() " + "from generate_series(0, "
					+ (AGENTS * AGENT_CONNECTIONS - 1) + ") g on conflict do nothing");
			// each person: ten picks among the 50 of their company, ten anywhere; one
			// kind
			// of evidence each, with counts and dates over three years
			s.execute("insert into network_tie (a_kind, a_id, b_kind, b_id, source, a_to_b, b_to_a, detail, first_at, "
					+ "last_at) select 'customer', least(x, y), 'customer', greatest(x, y), src, n, "
					+ "case when src in ('email', 'meeting') and h % 3 > 0 then n else 0 end, null, "
					+ "now() - (h % 1095) * interval '1 day', now() - (h % 365) * interval '1 day' from ("
					+ "select 1 + i as x, case when k < 10 then (i / 50) * 50 + 1 + (hashint4(i * 37 + k) & 2147483647) % 50 "
					+ "else 1 + (hashint4(i * 91 + k) & 2147483647) % " + people + " end as y, "
					+ "(array['linkedin', 'vcard', 'email', 'email', 'copied', 'meeting'])[1 + (hashint4(i * 13 + k) & 2147483647) % 6] as src, "
					+ "1 + (hashint4(i * 7 + k) & 2147483647) % 12 as n, (hashint4(i * 5 + k) & 2147483647) as h "
					+ "from generate_series(0, " + (people - 1) + ") i, generate_series(0, 19) k) picks "
					+ "where x <> y and y <= " + people + " on conflict do nothing");
			long total = single(db, "select count(*) from network_tie");
			if (total > 1_000_000) {
				s.execute("delete from network_tie where id in (select id from network_tie where a_kind = 'customer' "
						+ "order by id desc limit " + (total - 1_000_000) + ")");
			}
			s.execute("vacuum analyze network_tie");
		}
		System.out.printf("seed: %d people, %d agents, %d ties in %.0f s%n", people, AGENTS,
				single(db, "select count(*) from network_tie"), (System.nanoTime() - t0) / 1e9);
	}

}
